"""A folder target (an hf export over a saved datasets folder with --force, a cache entry) was swapped in by two
renames: the old folder aside, the new one in. Ctrl+C or SIGTERM raises KeyboardInterrupt at the next bytecode
(tui/interrupts.py): one that came during the first rename was raised before the second, so no folder was left
at the target, the new one was removed as an interrupted write and the old one sat under a temporary name that
the next write's clean_stale_temps removes: both lost (crash30). On Linux the swap is now one rename
(renameat2 RENAME_EXCHANGE): the signal lands before or after it."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

import pytest

from engine import atomic


class _Interrupted(Exception):
    pass


def _exchange_works(folder: Path) -> bool:
    """renameat2(RENAME_EXCHANGE) is there and the file system of ``folder`` takes it (tried on two folders)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        rename = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    (folder / "x").mkdir()
    (folder / "y").mkdir()
    done = rename(-100, os.fsencode(folder / "x"), -100, os.fsencode(folder / "y"), 2) == 0
    (folder / "x").rmdir()
    (folder / "y").rmdir()
    return done


def test_a_signal_during_the_folder_swap_leaves_a_whole_folder_at_the_target(tmp_path: Path, monkeypatch) -> None:
    if not _exchange_works(tmp_path):
        pytest.skip("no renameat2 RENAME_EXCHANGE here: the swap is two renames")
    target = tmp_path / "ds"
    target.mkdir()
    (target / "old.txt").write_text("old")
    moves = []

    def signalled(move):  # the first move of the folder swap returns with a Ctrl+C pending, as one can
        def wrapped(*args):
            done = move(*args)
            moves.append(args)
            if len(moves) == 1:
                os.kill(os.getpid(), signal.SIGINT)
            return done
        return wrapped

    def interrupt(signum, frame):
        raise _Interrupted

    monkeypatch.setattr(os, "replace", signalled(os.replace))
    monkeypatch.setattr(atomic, "_exchange", signalled(getattr(atomic, "_exchange", None)), raising=False)
    before = signal.signal(signal.SIGINT, interrupt)
    try:
        try:
            with atomic.atomic_path(target, directory=True) as temp:
                (temp / "new.txt").write_text("new")
        except _Interrupted:
            pass  # the interrupt still ends the write
    finally:
        signal.signal(signal.SIGINT, before)
    monkeypatch.undo()
    assert moves  # the swap was reached
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]  # no folder at the target on the old code
    atomic.clean_stale_temps(tmp_path, stale_after_s=0)  # what the next write does
    assert [p.name for p in tmp_path.iterdir()] == ["ds"]
