"""A read-only app that takes the journal over (its writer quit) replays only what it had not followed yet.

s31's takeover replayed the whole journal under the lock (8-9 s at 215,600 lines, read-only meanwhile) although the
app had followed it up to some point. Now ``Journal.hand_over`` takes the lock and reads the tail after that point
(engine/journal_tail.py ``handover_tail``: the same file, at least as long, the same bytes before the point), and
``take_over`` makes the reader the writer: the state a writable open of the whole file gives, the last lines once.
Anything else (the file replaced, rewritten, cut) is replayed whole, under the lock already taken.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import journal_state as state, says_csv

from engine import corrections, journal_tail
from engine.corrections import Journal, JournalLocked
from engine.journal_path import lock_path
from engine.load import load_dataset
from tui.decisions import DecisionBook


def whole(path: Path, dataset) -> dict:
    """A writable open of the file as it is, on a copy (the lock stays where it is)."""
    copy = path.parent / "whole" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    with Journal.open(copy, dataset) as fresh:
        return unsaved(state(fresh))


def unsaved(found: dict) -> dict:
    """``found`` (a journal's state) with the file a torn tail's whole lines were saved in left out of its report: a
    new file for each open, named by the second it was made (engine/journal_rescue.py)."""
    return {**found, "report": [re.sub(r"saved in \S+$", "saved in <cut file>", line) for line in found["report"]]}


def framed_lines(monkeypatch) -> list[int]:
    """The lines each framing of journal bytes reads (a whole replay frames the whole file), as they happen."""
    counted: list[int] = []
    frame = corrections.frame_groups

    def counting(data, problems, path):
        counted.append(data.count(b"\n"))
        return frame(data, problems, path)

    monkeypatch.setattr(corrections, "frame_groups", counting)
    monkeypatch.setattr(journal_tail, "frame_groups", counting, raising=False)
    return counted


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def _finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _holder_quit(path: Path) -> None:
    """The lock file as a writer process leaves it when it quits: its number (a finished process) and data."""
    held = lock_path(path).read_text().split("\n")
    lock_path(path).write_text(f"{_finished_pid()}\n{held[1]}\n")


def _taken(book: DecisionBook, answer) -> None:
    """``open_writable``'s answer applied as the app does on its UI thread."""
    if isinstance(answer, getattr(journal_tail, "Handover", ())):  # (s31's answered a Journal only)
        assert book.take_handover(answer) is True
    else:
        book.take(answer)


def test_the_takeover_replays_only_the_lines_it_had_not_followed(data, tmp_path, monkeypatch) -> None:
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    try:
        for row in range(8):
            writer.record("exclude" if row % 2 else "keep", row, issue_type="label")
        book, _ = DecisionBook.open(path, data)
        assert book.read_only and book.lock_wait
        writer.record("relabel", 8, label_after="b", issue_type="label")
        assert book.take_tail(*book.read_tail())  # the app's poll: followed up to here
        writer.record_group([("exclude", 9, None), ("keep", 10, None), ("relabel", 11, "a")],
                            issue_type="near_duplicate")
        writer.undo()  # an undo line per row: 6 lines the app had not followed when the writer quit
        writer.close()
        _holder_quit(path)
        assert book.may_write_now()
        counted = framed_lines(monkeypatch)
        _taken(book, book.open_writable())
        assert sum(counted) == 6, counted  # of the file's 15
        assert not book.read_only
        assert state(book.journal) == whole(path, data)
        assert book.counts() == {"relabel": 1, "exclude": 4, "keep": 4}  # the group undone
        with pytest.raises(JournalLocked):
            Journal.open(path, data)  # this book holds the lock
        assert book.record("exclude", 11, None, "label", None).error is None
        assert book.undo().rows == [11]
        mine = state(book.journal)
        book.close()
        with Journal.open(path, data) as reopened:
            assert state(reopened)["decisions"] == mine["decisions"]
            assert reopened.load_report == []
    finally:
        writer.close()


def _reader(data, path: Path) -> tuple[Journal, Journal]:
    """A writer with two decisions and a reader that replayed them read-only."""
    writer = Journal.open(path, data)
    writer.record("exclude", 0, issue_type="label")
    writer.record("relabel", 1, label_after="a", issue_type="label")
    return writer, Journal.open(path, data, read_only=True)


def _handed(reader: Journal, expected: dict) -> None:
    """``reader`` takes the journal over by its tail, and ends as a writable open of the file."""
    handover = reader.hand_over()
    assert handover.tail is not None
    assert reader.apply_tail(handover.tail) and reader.take_over(handover)
    assert not reader.read_only and unsaved(state(reader)) == expected


@pytest.mark.parametrize("appended", [0, 1, 5])
def test_the_tail_after_the_point_is_replayed_once(data, tmp_path, appended) -> None:
    path = tmp_path / "j.jsonl"
    writer, reader = _reader(data, path)
    steps = [lambda: writer.record("keep", 2, issue_type="label"), writer.undo, writer.redo,
             lambda: writer.record_group([("exclude", 3, None), ("exclude", 4, None)], issue_type="near_duplicate"),
             lambda: writer.record("relabel", 0, label_after="b", issue_type="label")]  # row 0 decided again
    for step in steps[:appended]:
        step()
    writer.close()
    expected = whole(path, data)
    lines = len(path.read_bytes().splitlines())
    _handed(reader, expected)
    reader.record("exclude", 5, issue_type="label")  # its seq follows the other app's
    reader.close()
    with Journal.open(path, data) as reopened:
        assert reopened.decisions() == {**expected["decisions"], 5: reopened.decision(5)}
        assert reopened.load_report == [] and reopened._next_seq == lines + 2


@pytest.mark.parametrize("torn", ["half a line", "half a group", "a whole line without its newline"])
def test_a_torn_end_is_cut_off_as_a_writable_open_cuts_it(data, tmp_path, torn) -> None:
    path = tmp_path / "j.jsonl"
    writer, reader = _reader(data, path)
    writer.record("keep", 2, issue_type="label")
    writer.record_group([("exclude", 3, None), ("keep", 4, None), ("relabel", 5, "a")], issue_type="near_duplicate")
    writer.close()
    text = path.read_bytes()
    lines = text.splitlines(keepends=True)
    if torn == "half a line":  # a write the crash cut short
        path.write_bytes(text + lines[-1][:30])
        kept = text
    elif torn == "half a group":  # the group's last line never written: the group was never acknowledged
        path.write_bytes(b"".join(lines[:-1]))
        kept = b"".join(lines[:-3])
    else:  # an editor's save: the last entry whole, its newline missing
        path.write_bytes(text[:-1])
        kept = text[:-1]
    expected = whole(path, data)
    _handed(reader, expected)
    assert path.read_bytes() == kept
    assert any("ignored" in line for line in reader.load_report) == (torn != "a whole line without its newline")
    saved = sorted(path.parent.glob("j.cut-*.jsonl"))  # the group's two whole lines, kept (hostile40, journal40)
    assert [file.read_bytes() for file in saved] == ([b"".join(lines[-3:-1])] if torn == "half a group" else [])
    assert any(f"its 2 whole lines are saved in {file}" in line for file in saved for line in reader.load_report) \
        == (torn == "half a group")
    reader.record("exclude", 6, issue_type="label")
    reader.close()
    with Journal.open(path, data) as reopened:
        assert reopened.load_report == []  # each line whole: the next one began on a line of its own
        assert set(reopened.decisions()) == set(expected["decisions"]) | {6}


@pytest.mark.parametrize("change", ["rewritten", "rewritten, same size", "replaced", "cut", "emptied"])
def test_a_file_not_the_one_followed_is_replayed_whole_under_the_lock(data, tmp_path, change) -> None:
    path = tmp_path / "j.jsonl"
    writer, reader = _reader(data, path)
    writer.record("keep", 2, issue_type="label")
    writer.close()
    text = path.read_bytes()
    edited = text.replace(b'"action":"exclude"', b'"action":   "keep"', 1)  # row 0 kept, not excluded
    assert len(edited) == len(text) and edited != text
    if change == "rewritten":  # the same file, longer, other bytes before the point
        with path.open("r+b") as handle:
            handle.write(edited + b"\n")
    elif change == "rewritten, same size":
        with path.open("r+b") as handle:
            handle.write(edited)
    elif change == "replaced":  # an editor's save: another inode, the same lines
        path.with_name("new.jsonl").write_bytes(text)
        os.replace(path.with_name("new.jsonl"), path)
    elif change == "cut":  # shorter than what was replayed
        path.write_bytes(text.splitlines(keepends=True)[0])
    else:
        path.write_bytes(b"")
    handover = reader.hand_over()
    try:
        assert handover.tail is None
        assert not reader.take_over(handover) and reader.read_only
        with pytest.raises(JournalLocked):
            Journal.open(path, data)  # still held: no third app slips in before the whole replay
        expected = whole(path, data)
        journal = Journal.open(path, data, held=handover.file)
    finally:
        reader.close()
    assert state(journal) == expected
    if change.startswith("rewritten"):
        assert journal.decision(0).action == "keep"
    journal.close()
    Journal.open(path, data).close()  # the lock released with it


def test_a_reread_taken_meanwhile_reads_the_tail_again_keeping_the_lock(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    writer.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, data)
    writer.record("exclude", 1, issue_type="label")
    writer.close()
    _holder_quit(path)
    handover = book.open_writable()
    assert isinstance(handover, journal_tail.Handover) and len(handover.tail.groups) == 1
    book.take(book.open_again())  # a whole reread posted before the takeover, handled first
    assert book.take_handover(handover) is None and book.read_only  # its tail starts before the journal shown
    with pytest.raises(JournalLocked):
        Journal.open(path, data)
    again = book.open_writable(handover)
    assert isinstance(again, journal_tail.Handover) and again.tail.groups == []  # nothing the reread missed
    assert book.take_handover(again) is True and not book.read_only
    assert book.counts()["exclude"] == 2
    book.close()


def test_more_lines_than_the_ui_thread_replays_are_replayed_whole_in_the_worker(data, tmp_path, monkeypatch) -> None:
    from tui import decisions_takeover

    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    writer.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, data)
    writer.record_group([("exclude", 1, None), ("exclude", 2, None), ("keep", 3, None)], issue_type="near_duplicate")
    writer.close()
    _holder_quit(path)
    monkeypatch.setattr(decisions_takeover, "HANDOVER_LINES_ON_UI", 2)
    journal = book.open_writable()
    assert isinstance(journal, Journal) and not journal.read_only
    book.take(journal)
    assert not book.read_only and book.counts() == {"relabel": 0, "exclude": 3, "keep": 1}
    assert book.record("exclude", 4, None, "label", None).error is None
    book.close()


def test_another_datasets_journal_is_followed_not_taken(tmp_path) -> None:
    """A journal none of whose decisions applies here (another dataset's) stays read-only, as ``DecisionBook.open``
    leaves it, and the lock is released."""
    mine = load_dataset(says_csv(tmp_path / "mine.csv", rows=4))
    (tmp_path / "other.csv").write_text("text,label\n" + "".join(f"other {i},{'ab'[i % 2]}\n" for i in range(4)))
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, load_dataset(tmp_path / "other.csv"))
    writer.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, mine)
    writer.record("exclude", 1, issue_type="label")
    writer.close()
    lock_path(path).write_text(f"{_finished_pid()}\n")  # a holder that named no data file
    assert book.may_write_now()
    answer = book.open_writable()
    if isinstance(answer, getattr(journal_tail, "Handover", ())):  # (s31's answered a Journal only)
        answer = book.take_handover(answer)
    book.refused(answer)
    assert book.read_only and not book.lock_wait and not book.may_write_now()
    Journal.open(path, mine, read_only=False).close()  # not held
    book.close()
