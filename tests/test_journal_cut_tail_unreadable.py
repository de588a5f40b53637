"""A torn tail that cannot even be read (EIO) is kept, and the next decision must start on a fresh line (diff40)."""

from __future__ import annotations

from journal_helpers import says_csv

import engine.journal_file as journal_file
from engine.corrections import Journal
from engine.load import load_dataset


def test_an_unreadable_torn_tail_is_kept_and_the_next_decision_starts_a_fresh_line(tmp_path, monkeypatch) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=12))
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("keep", 0, issue_type="label")
        journal.record("keep", 1, issue_type="label")
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[1][:30])  # a write cut off mid-line by a crash

    real_read_at = journal_file.read_at

    def unreadable(fd, offset, *size):  # the torn tail's bytes (past the first line) cannot be read
        if offset >= len(lines[0]):
            raise OSError(5, "Input/output error")
        return real_read_at(fd, offset, *size)

    with monkeypatch.context() as patch:
        patch.setattr(journal_file, "read_at", unreadable)  # nothing is cut
        with Journal.open(path, data) as journal:
            assert path.read_bytes() == lines[0] + lines[1][:30]
            journal.record("keep", 5, issue_type="label")
    with Journal.open(path, data) as journal:
        assert journal.decisions().keys() == {0, 5}  # old: the keep of row 5 glued to the torn bytes, lost
