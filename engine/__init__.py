"""textaudit's headless engine: load, embed, predict, neighbours, audit, cache, corrections.

This package never imports Textual. Heavy libraries are imported inside the functions that
need them, so importing ``engine`` is cheap.
"""

from __future__ import annotations

from engine.errors import Cancelled, DataError, TextauditError, UsageError
from engine.load import Dataset, load_dataset
from engine.pipeline import AuditOptions, AuditResult, Progress, run_audit

__all__ = [
    "AuditOptions",
    "AuditResult",
    "Cancelled",
    "DataError",
    "Dataset",
    "Progress",
    "TextauditError",
    "UsageError",
    "load_dataset",
    "run_audit",
]
