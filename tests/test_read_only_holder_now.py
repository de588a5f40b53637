"""A read-only app's 'NOT saved' line names the lock's holder as it is now.

Seen in tmux (two terminals on banking77 test): the writer quit and a new one started; the
reader's undo still said 'already open in another textaudit (process 4365)', a process long gone
(the writer was 4441). Between the two writers it said so while no app held the journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.journal_path import lock_path
from engine.load import load_dataset
from tui.decisions import DecisionBook


def _dataset():
    return load_dataset(pd.DataFrame({"text": [f"text {i}" for i in range(6)], "label": ["a", "b", "c"] * 2}))


def _finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_not_saved_line_follows_the_lock_holder(tmp_path: Path) -> None:
    dataset = _dataset()
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, dataset)
    try:
        book, messages = DecisionBook.open(path, dataset)
        assert book.read_only and f"(process {os.getpid()})" in messages[0]
        gone = _finished_pid()
        lock_path(path).write_text(f"{gone}\n")  # the writer quit (its number stays in the lock file)
        error = book.record("exclude", 0, None, "label", None).error
        assert error is not None and "NOT saved" in error
        assert f"(process {gone}) has quit" in error and "takes the journal over within seconds" in error, error
        assert "already open" not in error
        lock_path(path).write_text(f"{os.getppid()}\n")  # a new writer, still running
        error = book.record("exclude", 0, None, "label", None).error
        assert error is not None and f"already open in another textaudit (process {os.getppid()})" in error, error
        undo = book.undo().error
        assert undo is not None and "undo NOT saved" in undo and f"(process {os.getppid()})" in undo, undo
        # the reason keeps its words (review25: 'none of its 2 undos applies', 'undos made here are not saved')
        assert undo.count("undo") == 1 and "decisions made here are not saved" in undo, undo
    finally:
        book.close()
        writer.close()
