"""A data file whose name is not UTF-8 (a Latin-1 'caf\\xe9.csv' from an old archive) gets a writable journal.

The lock file names the data after the writer's process number; that write encoded the name as UTF-8 (strict) and
raised UnicodeEncodeError, which is no OSError: the app opened read-only and its export dialog failed (review37).
The name's bytes are now written as the file system gave them and read back as the same str."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.corrections import Journal, JournalLocked
from engine.journal_file import JournalFile, JournalWriteError
from engine.journal_path import lock_path
from engine.load import load_dataset


def test_a_latin1_data_name_is_journalled_and_named_in_the_lock(tmp_path: Path) -> None:
    data = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.csv"))
    data.write_text("text,label\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(6)))
    journal = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.corrections.jsonl"))
    with Journal.open(journal, load_dataset(data)) as opened:
        opened.record("exclude", 0, issue_type="label")
        assert lock_path(journal).read_bytes() == f"{os.getpid()}\n".encode() + os.fsencode(data.resolve()) + b"\n"
        with pytest.raises(JournalLocked) as caught:  # the same data twice: no 'another data file'
            Journal.open(journal, load_dataset(data))
        assert str(caught.value).endswith(f"(process {os.getpid()})"), caught.value
    with Journal.open(journal, load_dataset(data), read_only=True) as reread:
        assert reread.decision(0) is not None and reread.decision(0).action == "exclude"


def test_a_lock_whose_file_cannot_be_opened_is_released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lock`` raised with the lock still taken (only JournalLocked released it): ``hand_over`` never closes a
    file whose lock raised, so its journal stayed locked for as long as the app ran."""
    journal = tmp_path / "j.jsonl"

    def refuse(self: JournalFile) -> int:
        raise JournalWriteError("refused")

    first = JournalFile(journal)  # kept: a lock object collected releases its lock
    with monkeypatch.context() as patch:
        patch.setattr(JournalFile, "_open_at_path", refuse)
        with pytest.raises(JournalWriteError):
            first.lock()
    again = JournalFile(journal)
    again.lock()  # JournalLocked while the first kept it
    assert again.is_open and not first.is_open
    again.close()
