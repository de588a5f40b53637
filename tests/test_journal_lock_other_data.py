"""Two data files sharing one journal: the second app is told the journal is held on ANOTHER data file.

The default journal is '<data stem>.corrections.jsonl' in the current folder, so 'textaudit browse a/test.csv'
and 'textaudit browse b/test.csv' started from one folder share 'test.corrections.jsonl'. The second opened
read-only with 'journal ... is already open in another textaudit (process N)', which read as the same data
open twice. The writer's lock file now names its data file after its process number, and the second app's
line names it (journal28)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.corrections import Journal, JournalLocked
from engine.journal_file import holder_now
from engine.load import load_dataset


def _data(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "test.csv"
    path.write_text("text,label\n" + "".join(f"{folder.name} row {i},{'ab'[i % 2]}\n" for i in range(6)))
    return path


def test_a_second_data_file_is_told_which_file_holds_the_journal(tmp_path: Path) -> None:
    first, second, journal = _data(tmp_path / "a"), _data(tmp_path / "b"), tmp_path / "test.corrections.jsonl"
    with Journal.open(journal, load_dataset(first)):
        with pytest.raises(JournalLocked) as caught:
            Journal.open(journal, load_dataset(second))
        message = str(caught.value)
        assert f"already open in another textaudit (process {os.getpid()})" in message
        assert f"on another data file, {first.resolve()} (this one: {second.resolve()})" in message, message
        assert "--journal" in message
        assert holder_now(journal) == (os.getpid(), True)  # the process number is still read (the read-only line)


def test_the_same_data_open_twice_reads_as_before(tmp_path: Path) -> None:
    first, journal = _data(tmp_path / "a"), tmp_path / "test.corrections.jsonl"
    with Journal.open(journal, load_dataset(first)):
        with pytest.raises(JournalLocked) as caught:
            Journal.open(journal, load_dataset(first))
    assert str(caught.value) == f"journal {journal} is already open in another textaudit (process {os.getpid()})"


def test_the_read_only_app_s_later_line_names_the_other_data_file_too(tmp_path: Path) -> None:
    """The 'decision NOT saved' line of the read-only app is rebuilt from the lock file when a decision is refused
    (its holder may have changed since): it named the process only, dropping 'on another data file ...' that the
    line at open had (journal29). A holder that quit: reopening would write this file's decisions to the other's
    journal, so it says so rather than 'quit and reopen this one to write to it'."""
    import subprocess
    import sys

    from engine.journal_path import lock_path
    from tui.decisions import DecisionBook

    first, second, journal = _data(tmp_path / "a"), _data(tmp_path / "b"), tmp_path / "test.corrections.jsonl"
    other = f"on another data file, {first.resolve()} (this one: {second.resolve()})"
    with Journal.open(journal, load_dataset(first)):
        book, messages = DecisionBook.open(journal, load_dataset(second))
        try:
            assert book.read_only and other in messages[0], messages
            error = book.record("exclude", 0, None, "label", None).error
            assert error is not None and "NOT saved" in error and f"(process {os.getpid()}) {other}" in error, error
            child = subprocess.Popen([sys.executable, "-c", "pass"])
            child.wait()
            lock_path(journal).write_text(f"{child.pid}\n{first.resolve()}\n")  # the writer quit
            error = book.record("exclude", 0, None, "label", None).error
            quit = f"(process {child.pid}) on another data file, {first.resolve()}, has quit"
            assert error is not None and quit in error, error
            assert "--journal PATH" in error and "quit and reopen" not in error, error
        finally:
            book.close()
