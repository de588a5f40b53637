"""A writable open shows the journal it appends to: the file it locked, not whatever the path names a moment later.

``Journal.open`` took the lock (which opens the file: inode X) and then read the journal by its path. A rename or
replace between the two (a sync tool, ``mv j.jsonl j.bak; cp other.jsonl j.jsonl``) read the other file Y: the app
showed Y's decisions, cut X (the moved-away file, the user's) back to Y's good length where Y ended torn, and its
first append refused ('replaced'). Now the open reads through the locked descriptor, and where the path names
another file once read, opens again on that file: what is shown is what is appended to, and a moved-away journal
is never cut. A held file (a takeover's whole replay under the lock already taken) is read through its descriptor.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from journal_helpers import journal_state as state, says_csv

from engine.corrections import Journal, JournalWriteError
from engine.journal_file import JournalFile
from engine.load import load_dataset

TORN = b'{"v":1,"seq":9,"group":9,"group_size":1,"ts":"2026-'  # a crash's half line


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def written(path: Path, data, decisions: list[tuple[str, int]], torn: bytes = b"") -> bytes:
    """``path``: a journal of ``decisions`` (action, row), then ``torn``; its bytes."""
    with Journal.open(path, data) as writer:
        for action, row in decisions:
            writer.record(action, row, label_after="b" if action == "relabel" else None, issue_type="label")
    with path.open("ab") as handle:
        handle.write(torn)
    return path.read_bytes()


def whole(path: Path, data) -> dict:
    """A writable open of a copy of ``path`` as it is now."""
    copy = path.parent / "whole" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    with Journal.open(copy, data) as fresh:
        return state(fresh)


def replaced_after_lock(monkeypatch, path: Path, other: Path, moved_to: Path) -> list[int]:
    """Each ``JournalFile.lock`` of ``path``, and after the first one takes it, ``path`` moved to ``moved_to`` and
    ``other`` renamed onto ``path``: the moment between the lock and the read. The locks taken, counted."""
    lock, taken = JournalFile.lock, []

    def lock_then_replace(self, *args, **kwargs):
        lock(self, *args, **kwargs)
        taken.append(1)
        if len(taken) == 1 and self.path == path:
            os.rename(path, moved_to)
            os.rename(other, path)

    monkeypatch.setattr(JournalFile, "lock", lock_then_replace)
    return taken


def test_a_journal_replaced_between_the_lock_and_the_read_is_opened_as_it_is_now(data, tmp_path, monkeypatch) -> None:
    path, other, moved = tmp_path / "j.jsonl", tmp_path / "other" / "j.jsonl", tmp_path / "j.bak"
    other.parent.mkdir()
    ours = written(path, data, [("exclude", 0), ("exclude", 1), ("relabel", 2), ("keep", 3), ("exclude", 4)])
    written(other, data, [("relabel", 6)], torn=TORN)  # shorter than ours once its torn end is cut
    expected = whole(other, data)
    taken = replaced_after_lock(monkeypatch, path, other, moved)

    with Journal.open(path, data) as journal:
        assert moved.read_bytes() == ours  # the moved-away journal is the user's: not cut to the other's length
        assert len(taken) == 2  # the first open found the path renamed over, and opened again
        assert state(journal) == expected  # the journal at the path, its torn end reported as cut
        assert journal.still_at_path()
        journal.record("exclude", 8, issue_type="label")  # appended to the file shown, the one at the path
        shown = state(journal)
    assert moved.read_bytes() == ours
    assert not path.read_bytes().startswith(TORN) and TORN not in path.read_bytes()
    reopened = whole(path, data)
    assert reopened["decisions"] == shown["decisions"] and reopened["counts"] == shown["counts"]
    assert reopened["counts"] == {"relabel": 1, "exclude": 1, "keep": 0}


def test_a_journal_that_keeps_being_replaced_shows_the_file_locked_and_refuses_to_append(data, tmp_path,
                                                                                         monkeypatch) -> None:
    """Every try finds the path renamed over: the file locked last is shown (its state, not the path's), and its
    first append refuses, as for a journal replaced later on; no file is cut (nor said to be)."""
    path = tmp_path / "j.jsonl"
    spare = [tmp_path / f"o{i}" / "j.jsonl" for i in range(6)]
    mine = written(path, data, [("exclude", 0), ("exclude", 1), ("relabel", 2)])
    for i, other in enumerate(spare):
        other.parent.mkdir()
        written(other, data, [("relabel", 6 + i % 3)], torn=TORN)
    others = {other: other.read_bytes() for other in spare}
    lock, moves = JournalFile.lock, []

    def lock_then_replace(self, *args, **kwargs):
        lock(self, *args, **kwargs)
        moved = tmp_path / f"moved{len(moves)}.jsonl"
        held = os.fstat(self._fd)
        os.rename(path, moved)
        os.rename(spare[len(moves)], path)
        moves.append((moved, (held.st_dev, held.st_ino)))

    monkeypatch.setattr(JournalFile, "lock", lock_then_replace)
    with Journal.open(path, data) as journal:
        last, last_id = moves[-1]
        assert len(moves) < len(spare)  # the tries are few
        assert not journal.still_at_path()
        shown = state(journal)
        with pytest.raises(JournalWriteError, match="moved or replaced"):
            journal.record("exclude", 9, issue_type="label")
    assert (os.stat(last).st_dev, os.stat(last).st_ino) == last_id  # shown: the file locked last
    fresh = whole(last, data)
    assert {**shown, "report": None} == {**fresh, "report": None}
    assert shown["report"] == [line.partition("; removed")[0] for line in fresh["report"]] != fresh["report"]  # not cut
    assert (tmp_path / "moved0.jsonl").read_bytes() == mine
    for moved, _ in moves[1:]:  # the others moved away: as they were, torn ends and all
        assert moved.read_bytes() in others.values()


def test_a_held_journal_renamed_over_opens_the_file_at_the_path_under_the_lock_kept(data, tmp_path) -> None:
    """``Journal.open(held=)`` (a takeover's whole replay under the lock it took), the path renamed over since the
    lock: it held the file moved away, whose every append refused until a restart (journal33). Now it opens the
    file at the path, the lock kept (``JournalFile.reopen``): its state shown, its torn end cut, appends land there;
    the moved-away file is as it was."""
    from engine.journal_path import lock_path

    path, other, moved = tmp_path / "j.jsonl", tmp_path / "other" / "j.jsonl", tmp_path / "j.bak"
    other.parent.mkdir()
    ours = written(path, data, [("exclude", 0), ("exclude", 1), ("relabel", 2), ("keep", 3)], torn=TORN)
    written(other, data, [("relabel", 6)], torn=TORN)
    expected = whole(other, data)
    held = JournalFile(path)
    held.lock()
    os.rename(path, moved)
    os.rename(other, path)
    with Journal.open(path, data, held=held) as journal:
        assert journal.still_at_path()
        assert state(journal) == expected  # the journal at the path, its torn end reported as cut
        journal.record("exclude", 8, issue_type="label")
        shown = state(journal)
        with pytest.raises(Exception, match="already open"):  # the lock never let go meanwhile
            Journal.open(path, data)
        assert lock_path(path).exists()
    assert moved.read_bytes() == ours  # torn end and all
    reopened = whole(path, data)
    assert reopened["decisions"] == shown["decisions"] and reopened["counts"] == shown["counts"]
    assert reopened["counts"] == {"relabel": 1, "exclude": 1, "keep": 0}


def test_a_held_journal_renamed_over_by_a_file_another_writer_holds_is_not_taken(data, tmp_path) -> None:
    """The file now at the path is another writer's journal (renamed there, still open in it: its own flock): the
    held open refuses, as a second writer on a hard link is; no file changes."""
    from engine.corrections import JournalLocked

    path, other, moved = tmp_path / "j.jsonl", tmp_path / "other" / "j.jsonl", tmp_path / "j.bak"
    other.parent.mkdir()
    ours = written(path, data, [("exclude", 0)])
    written(other, data, [("relabel", 6)])
    held = JournalFile(path)
    held.lock()
    with Journal.open(other, data):  # its writer: the file's own lock (flock) held
        os.rename(path, moved)
        os.rename(other, path)
        theirs = path.read_bytes()
        with pytest.raises(JournalLocked, match="another name"):
            Journal.open(path, data, held=held)
        assert not held.is_open  # closed on failure, as open() says
    assert moved.read_bytes() == ours
    assert path.read_bytes() == theirs


def test_a_takeover_whose_journal_is_renamed_over_after_the_lock_writes_the_file_at_the_path(data, tmp_path,
                                                                                            monkeypatch) -> None:
    """The same moment in a takeover (``Journal.hand_over``): the tail is read through the lock (the file followed,
    moved away since), its torn end is not cut from it. The app then took over the moved file and refused every
    decision until a restart (journal33); now it replays the file at the path under the lock it kept and writes
    there."""
    import subprocess
    import sys

    from engine.journal_path import lock_path
    from tui.decisions import DecisionBook

    path, other, moved = tmp_path / "j.jsonl", tmp_path / "other" / "j.jsonl", tmp_path / "j.bak"
    other.parent.mkdir()
    written(other, data, [("relabel", 6)])
    expected = whole(other, data)
    writer = Journal.open(path, data)
    try:
        writer.record("exclude", 0, issue_type="label")
        book, _ = DecisionBook.open(path, data)
        assert book.read_only and book.lock_wait
        writer.record("exclude", 1, issue_type="label")  # after the last poll
        writer.close()
        with path.open("ab") as handle:
            handle.write(TORN)
        ours = path.read_bytes()
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        lock_path(path).write_text(f"{child.pid}\n{lock_path(path).read_text().split(chr(10))[1]}\n")  # quit
        assert book.may_write_now()
        replaced_after_lock(monkeypatch, path, other, moved)
        answer = book.open_writable()
        assert isinstance(answer, Journal)  # the file at the path, replayed whole (a Handover: the moved file's tail)
        book.take(answer)
        assert not book.read_only and book.journal.still_at_path()
        assert moved.read_bytes() == ours  # the torn end stays in the file moved away
        assert state(book.journal)["decisions"] == expected["decisions"]
        assert book.counts()["relabel"] == 1 and book.counts()["exclude"] == 0
        assert book.record("exclude", 2, None, "label", None).error is None
        book.close()
        assert moved.read_bytes() == ours
        assert whole(path, data)["counts"] == {"relabel": 1, "exclude": 1, "keep": 0}
    finally:
        writer.close()


def test_a_takeover_renamed_over_after_the_worker_read_is_read_again(data, tmp_path) -> None:
    """Renamed over after the worker's look, before ``take_handover`` on the UI thread: not taken (None), so the
    app reads it again (``open_writable(handover)``), the lock kept, and writes the file at the path."""
    import subprocess
    import sys

    from engine.journal_path import lock_path
    from tui.decisions import DecisionBook

    path, other, moved = tmp_path / "j.jsonl", tmp_path / "other" / "j.jsonl", tmp_path / "j.bak"
    other.parent.mkdir()
    written(other, data, [("relabel", 6)])
    writer = Journal.open(path, data)
    try:
        writer.record("exclude", 0, issue_type="label")
        book, _ = DecisionBook.open(path, data)
        writer.record("exclude", 1, issue_type="label")
        writer.close()
        ours = path.read_bytes()
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        lock_path(path).write_text(f"{child.pid}\n{lock_path(path).read_text().split(chr(10))[1]}\n")
        handover = book.open_writable()
        assert handover.tail is not None  # the tail, in the worker
        os.rename(path, moved)
        os.rename(other, path)
        assert book.take_handover(handover) is None and book.read_only  # nothing taken, the lock kept
        answer = book.open_writable(handover)
        assert isinstance(answer, Journal)
        book.take(answer)
        assert not book.read_only and book.counts()["exclude"] == 0 and book.counts()["relabel"] == 1
        assert book.record("keep", 2, None, "label", None).error is None
        book.close()
        assert moved.read_bytes() == ours
        assert whole(path, data)["counts"] == {"relabel": 1, "exclude": 0, "keep": 1}
    finally:
        writer.close()
