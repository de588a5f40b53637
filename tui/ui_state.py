"""Where each row list was left, kept between runs: the row under the cursor, the sort, ``f`` and ``d``.

Reopening a journal opened every list on its first undecided row, sorted by score, flagged rows only, decided rows
shown: after a pass that skipped rows, each session restarted at the first skip, and the sort, ``f`` and ``d`` the
user had chosen were gone (loop42, banking77 train: quit on row 5,268, reopened on 5,643). Now the app writes, as it
closes and a second after each decision or cursor move (:func:`save_soon`), each row screen's place
(tui/screens/row_order.py: ``place``) into one small JSON file in the user's state folder (engine/paths.state_dir),
keyed by the data and its journal, and a screen opened the first time in a later run
starts from it. The row is kept by its row number (a near-duplicate set by its number) and a fingerprint of its text:
a row that is gone from the list (filtered, hidden, no longer flagged) or whose text changed is not gone to, and the
list opens as before. A file that is missing, unreadable or not what this module writes is ignored: the lists open
as before, nothing said. JSON only, never pickle.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

STATE_FILE = "ui-state.json"
VERSION = 1
KEEP_DATASETS = 50  # the places of the data opened most recently; older ones go
MAX_BYTES = 1 << 20  # a file this size is not one this module wrote (50 datasets: ~60 KB): not read
#: Seconds from a decision or a cursor move to the place's write (at most one write per this while keys come): the
#: place was written only as the app closed, so a kill -9, a crash or a power cut lost it. A write is ~3 ms (50
#: datasets, fsynced; AMD EPYC), so a held Down key costs one such write a second.
SAVE_DELAY = 1.0


def state_path() -> Path:
    from engine.paths import state_dir

    return state_dir() / STATE_FILE


def dataset_key(source: str, journal: Path | str) -> str:
    """The data (its path made absolute where it is a file or folder here: 'hf:NAME' and data from memory as they
    are) and its journal: two journals of one file are two reviews, each with its own places."""
    where = os.path.abspath(source) if os.path.exists(source) else source
    blob = json.dumps([where, os.path.abspath(os.fspath(journal))], ensure_ascii=True)
    return hashlib.sha256(blob.encode("ascii")).hexdigest()[:32]


def text_check(text: object) -> str:
    """A short fingerprint of a row's text: a remembered row whose text changed is not gone to."""
    return hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _read_all() -> dict[str, Any]:
    """Every remembered dataset ({key: entry}); {} for a missing, unreadable or foreign file."""
    path = state_path()
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeError, RecursionError):  # RecursionError: '[[[[...' nested past the stack
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("datasets"), dict):
        return {}
    return {k: v for k, v in data["datasets"].items() if isinstance(k, str) and isinstance(v, dict)}


def read_places(key: str, rows: int) -> dict[str, dict[str, Any]]:
    """The screens' places remembered for the dataset ``key`` of ``rows`` rows ({} if none, or another row count)."""
    entry = _read_all().get(key, {})
    screens = entry.get("screens")
    if entry.get("rows") != rows or not isinstance(screens, dict):
        return {}
    return {name: place for name, place in screens.items() if isinstance(name, str) and isinstance(place, dict)}


def write_places(key: str, rows: int, places: dict[str, dict[str, Any]]) -> bool:
    """Remember ``places`` (screen name -> place) for the dataset ``key``; the places of screens not shown this run
    stay as they were. Atomic (engine/atomic.py); False, and nothing said, where the file cannot be written."""
    from engine.atomic import write_text
    from engine.errors import DataError

    datasets = _read_all()
    old = datasets.get(key, {})
    screens = dict(old.get("screens", {})) if old.get("rows") == rows and isinstance(old.get("screens"), dict) else {}
    screens.update(places)
    datasets[key] = {"rows": rows, "saved": time.time(), "screens": screens}
    others = sorted((k for k in datasets if k != key), key=lambda k: _saved(datasets[k]), reverse=True)
    newest = [*others[:KEEP_DATASETS - 1][::-1], key]  # this one always, written last
    text = json.dumps({"version": VERSION, "datasets": {k: datasets[k] for k in newest}}, ensure_ascii=True, indent=1)
    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text + "\n")
    except (OSError, DataError):
        return False
    return True


def _saved(entry: dict[str, Any]) -> float:
    saved = entry.get("saved")
    return float(saved) if isinstance(saved, (int, float)) and not isinstance(saved, bool) else 0.0


def app_key(app: Any) -> str:
    return dataset_key(str(app.source), app.journal_path)


def restore_place(app: Any, screen: Any, name: str) -> None:
    """Give a row screen built the first time in this run its remembered place (read once per run)."""
    if not hasattr(screen, "restore_place") or app.view is None:
        return
    if getattr(app, "_places", None) is None:
        app._places = read_places(app_key(app), len(app.view))
    if (place := app._places.get(name)) is not None:
        screen.restore_place(place)


def save_soon(app: Any) -> None:
    """After a decision or a cursor move: write the places within :data:`SAVE_DELAY` (once, however many come)."""
    if getattr(app, "_place_timer", None) is not None or not app.is_running:
        return

    def write() -> None:
        app._place_timer = None
        save_places(app)

    app._place_timer = app.set_timer(SAVE_DELAY, write)


def save_places(app: Any) -> None:
    """The place of each row screen shown in this run: as the app closes (a SIGHUP too: tui/app_quit.py), and
    :data:`SAVE_DELAY` after a decision or a cursor move (:func:`save_soon`)."""
    if app.view is None:
        return
    places = {name: place for name, screen in app._issue_screens.items()
              if hasattr(screen, "place") and (place := screen.place()) is not None}
    if places:
        write_places(app_key(app), len(app.view), places)
