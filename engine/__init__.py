"""textaudit's headless engine: load, embed, predict, neighbours, audit, cache, corrections.

This package never imports Textual. Heavy libraries are imported inside the functions that
need them, and the names below are resolved on first use (PEP 562), so importing ``engine``
or ``engine.errors`` costs nothing (``textaudit --help`` does not even load pandas).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real names for type checkers and IDEs; at run time, __getattr__ below
    from engine.errors import Cancelled, DataError, TextauditError, UsageError
    from engine.load import Dataset, load_dataset
    from engine.pipeline import AuditOptions, AuditResult, Progress, run_audit

_EXPORTS = {
    "AuditOptions": "engine.pipeline",
    "AuditResult": "engine.pipeline",
    "Progress": "engine.pipeline",
    "run_audit": "engine.pipeline",
    "Dataset": "engine.load",
    "load_dataset": "engine.load",
    "Cancelled": "engine.errors",
    "DataError": "engine.errors",
    "TextauditError": "engine.errors",
    "UsageError": "engine.errors",
}

__all__ = [
    "AuditOptions", "AuditResult", "Cancelled", "DataError", "Dataset", "Progress",
    "TextauditError", "UsageError", "load_dataset", "run_audit",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        # a submodule named as an attribute, as the README's ``engine.result.issue_table(result)`` does after
        # ``import engine``: imported on first use, as ``import engine.result`` would (review34)
        if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
