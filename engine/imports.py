"""Import heavy libraries with Python's cyclic garbage collector paused.

Importing torch, scikit-learn and cleanlab creates about a million long-lived objects, and
the full collections that this growth triggers walk all of them again and again, for objects
that are never garbage: a visible share of a cold audit's start (bench/cold_start.py). The stages call this after a
cache miss, so a warm run still imports none of them.
"""

from __future__ import annotations

import gc
import importlib


def import_with_gc_paused(*names: str) -> None:
    """Import each module in ``names`` that is installed; a missing one is left for the stage
    that needs it to report in its own words."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:
                pass
    finally:
        if enabled:
            gc.enable()
