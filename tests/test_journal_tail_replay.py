"""A read-only journal replays only what another app appended (engine/journal_tail.py), and ends in
the state a whole replay of the file gives; anything but an append is read whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from journal_helpers import journal_state as state, says_csv

from engine.corrections import Journal
from engine.load import load_dataset


def whole(path: Path, dataset) -> dict:
    with Journal.open(path, dataset, read_only=True) as fresh:
        return state(fresh)


def follow(reader: Journal) -> bool:
    """One poll: the tail read and replayed; False where the reader must read the file whole."""
    tail = reader.read_tail()
    return tail is not None and reader.apply_tail(tail)


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def test_each_append_replays_as_the_whole_file_does(data, tmp_path):
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        with Journal.open(path, data, read_only=True) as reader:
            steps = [
                lambda: writer.record("exclude", 1, issue_type="label"),
                lambda: writer.record_group([("keep", 2, None), ("relabel", 3, "a"), ("exclude", 4, None)],
                                            issue_type="near_duplicate"),
                writer.undo, writer.undo, writer.redo,
                lambda: writer.record("relabel", 5, label_after="a", issue_type="label"),  # clears the redo
                writer.undo,
                lambda: None,  # nothing appended: an empty tail
            ]
            for step in steps:
                step()
                assert follow(reader)
                assert state(reader) == whole(path, data)
            assert reader.counts() == {"relabel": 1, "exclude": 1, "keep": 0}  # rows 0 and 1; the rest undone


def test_groups_that_apply_to_no_row_here_are_undone_as_a_whole_replay_undoes_them(tmp_path):
    """The reader's data differs from the writer's in row 3's text: the writer's decision on row 3
    applies to no row here (an empty group, dropped from the stacks after a replay). Its undo, in a
    tail, still finds it, as the whole replay does, rather than reporting a stray undo."""
    writer_data = load_dataset(says_csv(tmp_path / "w.csv", rows=8))
    edited = (tmp_path / "w.csv").read_text().replace("row 3 says yes", "row 3 was edited")
    (tmp_path / "r.csv").write_text(edited)
    reader_data = load_dataset(tmp_path / "r.csv")
    path = tmp_path / "j.jsonl"
    with Journal.open(path, writer_data) as writer:
        writer.record("relabel", 3, label_after="a", issue_type="label")
        writer.record("exclude", 5, issue_type="label")
        with Journal.open(path, reader_data, read_only=True) as reader:
            assert [group.id for group in reader._state.done] == [2]  # row 3's group: empty here, dropped
            writer.undo()
            writer.undo()  # row 3's
            assert follow(reader)
            assert state(reader) == whole(path, reader_data)
            assert not any("undo" in line for line in reader.load_report), reader.load_report


def test_a_bad_line_appended_is_reported_at_its_line(data, tmp_path):
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as writer:
        writer.record("exclude", 0, issue_type="label")
        with Journal.open(path, data, read_only=True) as reader:
            with path.open("ab") as handle:
                handle.write(b"not json\n")
            writer.record("exclude", 1, issue_type="label")
            assert follow(reader)
            assert state(reader) == whole(path, data)
            assert "skipped 1 unreadable line: 2" in reader.load_report, reader.load_report  # counted from the top


@pytest.mark.parametrize("change", ["rewritten", "replaced", "cut", "half a line"])
def test_anything_but_an_append_is_read_whole(data, tmp_path, change):
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("exclude", 1, issue_type="label")
    reader = Journal.open(path, data, read_only=True)
    text = path.read_bytes()
    if change == "rewritten":  # same file, same size or more, other bytes first: row 0's line now row 2's
        with path.open("r+b") as handle:
            handle.write(text.replace(b'"row":0', b'"row":2', 1) + b"\n")
    elif change == "replaced":  # an editor's save: a new file (inode) with the same lines and one more
        os.replace(_copy(path, tmp_path / "new.jsonl", text + text.splitlines(keepends=True)[-1]), path)
    elif change == "cut":
        path.write_bytes(text.splitlines(keepends=True)[0])
    else:  # a write half done: the tail is read once it is whole
        with path.open("ab") as handle:
            handle.write(text.splitlines(keepends=True)[-1][:20])
    assert reader.read_tail() is None
    if change == "half a line":
        with path.open("ab") as handle:
            handle.write(text.splitlines(keepends=True)[-1][20:])
        assert follow(reader) and state(reader) == whole(path, data)
    reader.close()


def _copy(source: Path, target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def test_a_writable_journal_has_no_tail(data, tmp_path):
    with Journal.open(tmp_path / "j.jsonl", data) as writer:
        assert writer.read_tail() is None
