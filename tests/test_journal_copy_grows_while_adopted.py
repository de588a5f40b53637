"""A byte-for-byte copy renamed over the journal is adopted by the next append (30154b0) only if it is still that
copy once compared: its size was read before the compare and never again, so a line another program added to it
during the compare (a sync tool or editor still writing the file it renamed there, ``echo >> J``) was adopted,
and the decision written after a line the state shown never replayed (review33b). The compare is hooked to append
that line at the worst moment; no sleep."""

from __future__ import annotations

import os
import shutil

import pytest
from journal_helpers import says_csv

import engine.journal_at_path as journal_at_path
from engine.corrections import Journal, JournalWriteError
from engine.load import load_dataset


def test_a_copy_that_grows_during_the_compare_is_not_adopted(tmp_path, monkeypatch) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=12))
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        tmp = path.with_name("j.jsonl.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, path)  # an identical copy: adopted, as 30154b0 wants
        copied = path.read_bytes()
        extra = copied.replace(b'"exclude"', b'"keep"')  # (another program's line; any bytes do)
        real, grown = journal_at_path._common_prefix, []

        def compare_then_grow(one: int, other: int, size: int, *args) -> int:
            same = real(one, other, size, *args)
            if not grown:  # the copy changes right after it was first found identical
                with open(path, "ab") as handle:
                    grown.append(handle.write(extra))
            return same

        monkeypatch.setattr(journal_at_path, "_common_prefix", compare_then_grow)
        with pytest.raises(JournalWriteError, match="moved or replaced"):
            journal.record("exclude", 3, issue_type="label")
        monkeypatch.setattr(journal_at_path, "_common_prefix", real)
        assert path.read_bytes() == copied + extra  # the copy was not written to
        assert not journal.still_at_path()  # it still holds the file it replayed, whose appends refuse
