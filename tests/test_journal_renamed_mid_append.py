"""A journal renamed away or replaced between ``JournalFile.append``'s check (the file held is the one at the path)
and its write: the decision went, acknowledged, into the file moved away, and only the next decision refused
(journal33's 'append TOCTOU'). Now an append returns only where, after its fsync, the file written is still the
one at the path (or an identical copy stands there, adopted): otherwise the line is taken back out of the file it
reached (it was never acknowledged) and the append tried again, which sees the rename, as where it came first.
The moment is made by hooking the check (or the fsync) to rename at once; no sleep."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
from journal_helpers import journal_state as state, says_csv

from engine.corrections import Journal, JournalWriteError
from engine.journal_file import JournalFile
from engine.load import load_dataset


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def after_the_check(monkeypatch, action) -> list[int]:
    """``action`` run once, right after the next at-path check of an append finds the file still there."""
    real, done = JournalFile._still_at_path, []

    def check_then_act(self, mine):
        there = real(self, mine)
        if there and not done:
            done.append(1)
            action()
        return there

    monkeypatch.setattr(JournalFile, "_still_at_path", check_then_act)
    return done


def after_the_fsync(monkeypatch, journal: Journal, action) -> list[int]:
    """``action`` run once, right after the next fsync of ``journal``'s file (the line written, not yet checked)."""
    real, done = os.fsync, []

    def fsync_then_act(fd):
        real(fd)
        if fd == journal._file._fd and not done:
            done.append(1)
            action()

    monkeypatch.setattr(os, "fsync", fsync_then_act)
    return done


def save_as_a_copy_at(path: Path) -> None:
    """An editor's save: ``cp J J.tmp && mv J.tmp J``."""
    temporary = path.with_name(path.name + ".tmp")
    shutil.copyfile(path, temporary)
    os.replace(temporary, path)


def reopened(path: Path, data) -> dict:
    copy = path.parent / "reopened" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    with Journal.open(copy, data) as fresh:
        return state(fresh)


def test_a_journal_moved_away_between_the_check_and_the_write_refuses_that_decision(data, tmp_path,
                                                                                    monkeypatch) -> None:
    """``mv J J.bak`` in the window: the decision is NOT acknowledged, and the moved file is as it was moved."""
    path, moved = tmp_path / "j.jsonl", tmp_path / "j.bak"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        before, shown = path.read_bytes(), state(journal)
        done = after_the_check(monkeypatch, lambda: os.rename(path, moved))
        with pytest.raises(JournalWriteError, match="moved or replaced"):
            journal.record("exclude", 1, issue_type="label")
        assert done
        assert state(journal) == shown and journal.decision(1) is None  # nothing acknowledged
        assert moved.read_bytes() == before  # the line taken back out of the file moved away
    assert moved.read_bytes() == before and not path.exists()


def test_an_identical_copy_renamed_over_in_the_window_takes_the_decision(data, tmp_path, monkeypatch) -> None:
    """``cp J J.tmp && mv J.tmp J`` in the window (an editor's save): the decision went into the deleted file and
    the path's copy lacked it; now it is written to the copy, as where the save came first."""
    path = tmp_path / "j.jsonl"

    save_as_a_copy = functools.partial(save_as_a_copy_at, path)

    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        done = after_the_check(monkeypatch, save_as_a_copy)
        journal.record("relabel", 1, label_after="b", issue_type="label")
        assert done and journal.still_at_path()
        shown = state(journal)
    assert path.read_bytes().count(b"\n") == 2
    ignored = {"report": None, "stacks": None}  # (replay's own stacks: a live writer has none)
    assert {**reopened(path, data), **ignored} == {**shown, **ignored}


def test_a_journal_deleted_in_the_window_refuses_and_rescues_what_was_acknowledged(data, tmp_path,
                                                                                   monkeypatch) -> None:
    """``rm J`` in the window: refused, and the rescue copy holds the decisions acknowledged before, not this one."""
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        before = path.read_bytes()
        after_the_check(monkeypatch, path.unlink)
        with pytest.raises(JournalWriteError, match="saved in") as refused:
            journal.record("exclude", 1, issue_type="label")
        assert journal.decision(1) is None
    rescued = Path(str(refused.value).rpartition("saved in ")[2])
    assert rescued.parent == tmp_path and rescued.read_bytes() == before


def test_a_copy_taken_after_the_write_and_renamed_over_keeps_the_decision(data, tmp_path, monkeypatch) -> None:
    """The save copies the file after the line reached it: the copy at the path holds it, so it is kept there
    (adopted), not taken back out."""
    path = tmp_path / "j.jsonl"

    save_as_a_copy = functools.partial(save_as_a_copy_at, path)

    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        done = after_the_fsync(monkeypatch, journal, save_as_a_copy)
        journal.record("exclude", 1, issue_type="label")
        assert done and journal.still_at_path() and journal.decision(1) is not None
        journal.record("keep", 2, issue_type="label")
    assert reopened(path, data)["counts"] == {"relabel": 0, "exclude": 2, "keep": 1}


def test_a_line_another_program_wrote_after_is_left_and_the_decision_refused(data, tmp_path, monkeypatch) -> None:
    """Moved away once the line reached it, and another program appended to the moved file at once: its bytes are
    not this app's to cut, so the line stays there, and the refusal says so."""
    path, moved = tmp_path / "j.jsonl", tmp_path / "j.bak"
    extra = b'{"someone": "else"}\n'

    def move_and_write() -> None:
        os.rename(path, moved)
        with moved.open("ab") as handle:
            handle.write(extra)

    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        before = path.read_bytes()
        after_the_fsync(monkeypatch, journal, move_and_write)
        with pytest.raises(JournalWriteError, match="stays in the file moved away"):
            journal.record("exclude", 1, issue_type="label")
        assert journal.decision(1) is None
    assert moved.read_bytes().startswith(before) and moved.read_bytes().endswith(extra)
    assert moved.read_bytes().count(b"\n") == 3
