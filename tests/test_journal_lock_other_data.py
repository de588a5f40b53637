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
