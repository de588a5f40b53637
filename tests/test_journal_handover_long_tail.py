"""A takeover replays a long tail (a bulk decision in the quitting app's last moments) as a tail, not the whole file.

lock32's takeover (194c039) replayed the lines written after the last poll, but only up to the follow's cap
(``TAIL_LINES_ON_UI``, 2,000 lines): a bulk decision of more rows in the writer's last 2 s fell back to a whole
replay in the worker (12-14 s read-only at 215,600 lines). The tail is read under the lock through its descriptor
and its start checked by digest, so its state is a whole replay's at any length; the takeover now has its own cap
(``HANDOVER_LINES_ON_UI``), which bounds only the UI thread's pause. Here a tail of over 2,000 lines of every kind
(bulk groups, single rows, near-duplicate groups, undo and redo, a torn end) is taken over by its tail and ends in
exactly the state a writable open of the file gives. (Since s34 the follow's cap is 20,000 too; the tail here
stays over its old 2,000.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
from journal_helpers import journal_state as state, says_csv

from engine import corrections, journal_tail
from engine.corrections import Journal
from engine.journal_path import lock_path
from engine.load import load_dataset
from tui.decisions import DecisionBook

ROWS = 160
TAIL = 4_500  # over the follow's old cap (2,000), under the takeover's


def _holder_quit(path: Path) -> None:
    """The lock file as a writer process leaves it when it quits: a finished process's number, and its data."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    held = lock_path(path).read_text().split("\n")
    lock_path(path).write_text(f"{child.pid}\n{held[1]}\n")


def _long_tail(writer: Journal, lines: int) -> None:
    """At least ``lines`` lines of every kind a writer appends."""
    rng = np.random.default_rng(3)
    step = 0
    first = writer._next_seq  # one seq a line
    while writer._next_seq - first < lines:
        rows = rng.permutation(ROWS)[: int(rng.integers(2, ROWS))]
        kind = step % 6
        if kind == 0:  # a bulk relabel to either class
            writer.record_columns(rows, np.zeros(len(rows), dtype=np.int8), rng.integers(0, 2, len(rows)), ["a", "b"],
                                  issue_type="label")
        elif kind == 1:  # a bulk exclude, then undone
            writer.record_columns(rows, np.ones(len(rows), dtype=np.int8), np.full(len(rows), -1), [],
                                  issue_type="label")
            writer.undo()
        elif kind == 2:  # redone
            writer.redo()
        elif kind == 3:  # single rows, one decided again
            writer.record("keep", int(rows[0]), issue_type="label")
            writer.record("relabel", int(rows[0]), label_after="b", issue_type="label")
        elif kind == 4:  # a near-duplicate group, of rows decided before
            writer.record_group([("exclude", int(rows[0]), None), ("keep", int(rows[1]), None)],
                                issue_type="near_duplicate")
        else:  # a bulk keep
            writer.record_columns(rows, np.full(len(rows), 2, dtype=np.int8), np.full(len(rows), -1), [],
                                  issue_type="label")
        step += 1


def test_a_tail_of_more_lines_than_the_follow_replays_is_taken_over_by_its_tail(tmp_path, monkeypatch) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=ROWS))
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    try:
        writer.record_columns(np.arange(ROWS), np.ones(ROWS, dtype=np.int8), np.full(ROWS, -1), [], issue_type="label")
        book, _ = DecisionBook.open(path, data)
        assert book.read_only and book.lock_wait
        followed = path.stat().st_size
        _long_tail(writer, TAIL)
        writer.close()
        with path.open("ab") as handle:  # the quitting app's torn last write
            handle.write(b'{"v":1,"seq":99999,"group":99999,"group_size":1,"ts":"2026-12-')
        expected_copy = tmp_path / "copy" / path.name  # the file as the takeover meets it, torn end and all
        expected_copy.parent.mkdir()
        shutil.copyfile(path, expected_copy)
        with Journal.open(expected_copy, data) as fresh:
            expected = state(fresh)
        tail_lines = path.read_bytes()[followed:].count(b"\n")
        assert tail_lines >= TAIL
        _holder_quit(path)
        assert book.may_write_now()

        counted: list[int] = []
        frame = corrections.frame_groups

        def counting(data_bytes, problems, where):
            counted.append(data_bytes.count(b"\n"))
            return frame(data_bytes, problems, where)

        monkeypatch.setattr(corrections, "frame_groups", counting)
        monkeypatch.setattr(journal_tail, "frame_groups", counting)
        answer = book.open_writable()
        assert isinstance(answer, journal_tail.Handover), type(answer)  # not a whole replay
        assert counted == [tail_lines]  # only the lines written after the last poll were read as lines
        assert book.take_handover(answer) is True and not book.read_only
        assert state(book.journal) == expected  # decisions, stacks, next seq, report: a writable open's
        assert expected_copy.read_bytes() == path.read_bytes()  # the torn end cut as a writable open cuts it

        assert book.undo().rows  # the new writer goes on from the same stacks
        assert book.record("exclude", 5, None, "label", None).error is None
        mine = state(book.journal)
        book.close()
        with Journal.open(path, data) as reopened:
            again = state(reopened)
        assert {key: again[key] for key in ("decisions", "counts", "done", "undone", "next_seq")} == {
            key: mine[key] for key in ("decisions", "counts", "done", "undone", "next_seq")}
        assert again["report"] == []
    finally:
        writer.close()
