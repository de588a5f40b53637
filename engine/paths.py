"""Where textaudit keeps its files: the one place that knows where the cache lives.

Paths follow platformdirs (XDG on Linux). ``TEXTAUDIT_CACHE_DIR`` overrides the cache root,
which tests and CI use to stay out of the user's home.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "textaudit"


def cache_dir() -> Path:
    """Root of the content-addressed audit cache."""
    override = os.environ.get("TEXTAUDIT_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_journal_path(source: str) -> Path:
    """``<data file stem>.corrections.jsonl`` in the current directory."""
    from engine.formats import strip_data_suffix

    stem = strip_data_suffix(Path(source.rstrip("/")).name)
    stem = stem.replace(":", "_").replace("/", "_") or "dataset"
    return Path.cwd() / f"{stem}.corrections.jsonl"
