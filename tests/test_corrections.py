"""The corrections journal: actions, undo/redo, groups, replay, crashes, locks and write errors."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from engine import corrections
from engine.corrections import (
    Journal,
    JournalLocked,
    JournalReadOnly,
    JournalWriteError,
)
from engine.errors import UsageError
from engine.load import Dataset, load_dataset, text_sha256

ROWS = [
    ("r0", "my card is lost", "a"),
    ("r1", "how do I change my pin", "b"),
    ("r2", "what is my balance", "c"),
    ("r3", "lost my card again", "a"),
    ("r4", "pin change please", "b"),
    ("r5", "balance check", "c"),
]


def write_csv(path: Path, rows=ROWS) -> Path:
    pd.DataFrame(rows, columns=["id", "text", "label"]).to_csv(path, index=False)
    return path


@pytest.fixture
def data_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "tiny.csv")


@pytest.fixture
def dataset(data_csv: Path) -> Dataset:
    return load_dataset(data_csv, id_column="id")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "tiny.corrections.jsonl"


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_each_action_is_written_with_all_fields_and_replayed(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        relabel = journal.record("relabel", 0, label_after="b", issue_type="label", suggested_label="b")
        journal.record("exclude", 1, issue_type="outlier")
        journal.record("keep", 2, issue_type="near_duplicate")
        assert relabel.label_after == "b" and relabel.label_before == "a"
        assert journal.counts() == {"relabel": 1, "exclude": 1, "keep": 1}

    lines = read_lines(journal_path)
    assert [line["action"] for line in lines] == ["relabel", "exclude", "keep"]
    first = lines[0]
    assert first["row"] == 0 and first["id"] == "r0"
    assert first["text_sha256"] == text_sha256("my card is lost")
    assert (first["label_before"], first["label_after"]) == ("a", "b")
    assert (first["issue_type"], first["suggested_label"]) == ("label", "b")
    assert first["ts"].endswith("Z") and "T" in first["ts"]
    assert lines[1]["label_after"] is None and lines[1]["issue_type"] == "outlier"

    with Journal.open(journal_path, dataset) as reopened:
        assert reopened.load_report == []
        decisions = reopened.decisions()
        assert {row: d.action for row, d in decisions.items()} == {0: "relabel", 1: "exclude", 2: "keep"}
        assert decisions[0].label_after == "b" and decisions[0].suggested_label == "b"
        assert reopened.decision(3) is None


def test_undo_redo_round_trip_appends_and_replays(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        assert journal.undo() == [] and journal.redo() == []
        assert not journal_path.read_bytes()  # nothing to undo writes nothing
        journal.record("relabel", 0, label_after="c", issue_type="label")
        journal.record("exclude", 0, issue_type="outlier")
        before = journal_path.read_bytes()
        assert journal.undo() == [0]
        assert journal.decision(0).action == "relabel"
        assert journal.undo() == [0]
        assert journal.decision(0) is None and journal.undo() == []
        assert journal.redo() == [0]
        assert journal.decision(0).label_after == "c"
        assert journal.can_redo
        assert journal_path.read_bytes().startswith(before)  # never rewritten, only appended

    lines = read_lines(journal_path)
    assert [line["action"] for line in lines] == ["relabel", "exclude", "undo", "undo", "redo"]
    assert [line.get("target") for line in lines[2:]] == [lines[1]["group"], lines[0]["group"], lines[0]["group"]]

    with Journal.open(journal_path, dataset) as reopened:  # the redo stack survives a restart
        assert reopened.decision(0).label_after == "c"
        assert reopened.redo() == [0]
        assert reopened.decision(0).action == "exclude"
        assert reopened.undo() == [0] and reopened.undo() == [0]  # across sessions
        assert reopened.decision(0) is None
        reopened.record("keep", 1, issue_type="label")  # a new decision clears redo
        assert reopened.redo() == [] and not reopened.can_redo

    with Journal.open(journal_path, dataset) as third:
        assert third.decisions().keys() == {1} and not third.can_redo and third.load_report == []


def test_group_is_one_undo_step(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 5, label_after="a", issue_type="label")
        group = journal.record_group(
            [("keep", 0, None), ("exclude", 3, None), ("exclude", 5, None)], issue_type="near_duplicate"
        )
        assert [d.action for d in group] == ["keep", "exclude", "exclude"]
        assert len({d.group for d in group}) == 1
        assert journal.counts() == {"relabel": 0, "exclude": 2, "keep": 1}
        assert journal.undo() == [0, 3, 5]
        assert journal.decision(5).action == "relabel" and journal.decision(0) is None
        assert journal.redo() == [0, 3, 5]
        relabel_set = journal.record_group([("relabel", 1, "c"), ("relabel", 4, "c")], issue_type="near_duplicate")
        assert {d.label_after for d in relabel_set} == {"c"}

    with Journal.open(journal_path, dataset) as reopened:
        assert reopened.counts() == {"relabel": 2, "exclude": 2, "keep": 1}
        assert reopened.undo() == [1, 4]
        assert reopened.undo() == [0, 3, 5]
        assert reopened.decision(5).label_after == "a"


def test_torn_last_line_is_reported_ignored_and_removed(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 0, label_after="b", issue_type="label")
        journal.record("exclude", 1, issue_type="outlier")
    intact = journal_path.read_bytes()
    with journal_path.open("ab") as handle:
        handle.write(b'{"v":1,"seq":3,"group":3,"group_size":1,"ts":"2025')  # cut off mid-write

    with Journal.open(journal_path, dataset, read_only=True) as reader:
        assert any("torn last line" in line for line in reader.load_report)
        assert reader.decisions().keys() == {0, 1}
    assert journal_path.read_bytes().endswith(b'"ts":"2025')  # a reader changes nothing

    with Journal.open(journal_path, dataset) as journal:
        assert any("torn last line" in line and "removed" in line for line in journal.load_report)
        assert journal.decisions().keys() == {0, 1}
        assert journal_path.read_bytes() == intact
        journal.record("keep", 2, issue_type="label")
    assert [line["row"] for line in read_lines(journal_path)] == [0, 1, 2]  # no glued line

    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == [] and journal.decisions().keys() == {0, 1, 2}


def test_group_cut_off_at_the_end_is_not_applied(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        journal.record_group([("exclude", 1, None), ("exclude", 2, None), ("exclude", 3, None)],
                             issue_type="near_duplicate")
    lines = journal_path.read_bytes().splitlines(keepends=True)
    journal_path.write_bytes(b"".join(lines[:3]))  # two of the group's three lines survived

    with Journal.open(journal_path, dataset) as journal:
        assert any("incomplete last decision group" in line for line in journal.load_report)
        assert journal.decisions().keys() == {0}
        assert journal_path.read_bytes() == lines[0]


def test_unreadable_middle_line_is_reported_and_the_rest_applied(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        for row in range(3):
            journal.record("keep", row, issue_type="label")
    lines = journal_path.read_text().splitlines(keepends=True)
    lines[1] = "this is not json\n"
    journal_path.write_text("".join(lines))
    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == ["skipped 1 unreadable line: 2"]
        assert journal.decisions().keys() == {0, 2}


def test_mismatched_text_sha256_and_missing_rows_are_reported_not_applied(tmp_path, journal_path):
    data = write_csv(tmp_path / "data.csv")
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.record("relabel", 1, label_after="a", issue_type="label")
        journal.record("exclude", 2, issue_type="outlier")
        journal.record("keep", 5, issue_type="label")
    changed = [list(row) for row in ROWS[:5]]
    changed[1][1] = "how do I change my PIN code"  # row 1's text edited, row 5 removed
    write_csv(data, changed)

    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        report = "\n".join(journal.load_report)
        assert "1 decision not applied: the row's text changed" in report and "rows 1)" in report
        assert "no row of the dataset has the id it was made on (id 'r5')" in report
        assert journal.decisions().keys() == {2}
        assert journal.undo() == [2] and journal.undo() == []  # groups that apply to nothing are skipped


def test_relabel_validation(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        with pytest.raises(UsageError, match="not an existing class"):
            journal.record("relabel", 0, label_after="z", issue_type="label")
        for bad in (dict(action="delete", row=0), dict(action="keep", row=6), dict(action="keep", row=-1)):
            with pytest.raises(UsageError):
                journal.record(bad["action"], bad["row"], issue_type="label")
        with pytest.raises(UsageError, match="takes no label_after"):
            journal.record("exclude", 0, label_after="a", issue_type="outlier")
        with pytest.raises(UsageError, match="same row twice"):
            journal.record_group([("keep", 0, None), ("exclude", 0, None)], issue_type="near_duplicate")
        assert journal_path.read_bytes() == b"" and journal.decisions() == {}
        new = journal.record("relabel", 0, label_after="z", issue_type="label", allow_new_label=True)
        assert new.label_after == "z"
    assert read_lines(journal_path)[0]["new_label"] is True
    with Journal.open(journal_path, dataset) as journal:
        assert journal.decision(0).label_after == "z" and journal.load_report == []


def test_int_labels_refuse_a_non_integer_new_label_and_ids_are_json_safe(tmp_path):
    frame = pd.DataFrame({"text": ["x", "y", "z"], "label": [0, 1, 1], "key": [10, 11, float("nan")]})
    dataset = load_dataset(frame, id_column="key")
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        with pytest.raises(UsageError, match="not an integer"):
            journal.record("relabel", 0, label_after="spam", issue_type="label", allow_new_label=True)
        journal.record("relabel", 0, label_after="7", issue_type="label", allow_new_label=True)
        journal.record("keep", 2, issue_type="label")
    lines = read_lines(tmp_path / "j.jsonl")
    assert lines[0]["id"] == 10.0 and lines[1]["id"] is None


def test_second_writer_is_refused_and_a_reader_cannot_record(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        with pytest.raises(JournalLocked, match="already open in another textaudit"):
            Journal.open(journal_path, dataset)
        with Journal.open(journal_path, dataset, read_only=True) as reader:
            assert reader.read_only and reader.decision(0).action == "keep"
            with pytest.raises(JournalReadOnly):
                reader.record("exclude", 1, issue_type="outlier")
            with pytest.raises(JournalWriteError):  # JournalReadOnly is a JournalWriteError
                reader.undo()
    with Journal.open(journal_path, dataset) as again:  # released on close
        assert again.decision(0).action == "keep"


CHILD = r"""
import sys
from engine.corrections import Journal
from engine.load import load_dataset

journal = Journal.open(sys.argv[2], load_dataset(sys.argv[1], id_column="id"))
journal.record("relabel", 3, label_after="c", issue_type="label", suggested_label="c")
print("saved", flush=True)
sys.stdin.read()  # wait to be killed (or for stdin to close)
"""


def start_child(data_csv: Path, journal_path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_csv), str(journal_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    line = child.stdout.readline()
    if line != b"saved\n":
        child.kill()
        pytest.fail(f"child did not save: {line!r} {child.stderr.read().decode()[-2000:]}")
    return child


def test_decision_survives_sigkill_right_after_record(data_csv, dataset, journal_path):
    child = start_child(data_csv, journal_path)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    with Journal.open(journal_path, dataset) as journal:  # the kernel dropped the dead lock
        assert journal.load_report == []
        assert journal.decision(3).label_after == "c"


def test_lock_held_by_another_process(data_csv, dataset, journal_path):
    child = start_child(data_csv, journal_path)
    try:
        with pytest.raises(JournalLocked, match=f"process {child.pid}"):
            Journal.open(journal_path, dataset)
        with Journal.open(journal_path, dataset, read_only=True) as reader:
            assert reader.decision(3).action == "relabel"
    finally:
        child.communicate(timeout=60)
    with Journal.open(journal_path, dataset) as journal:
        assert journal.decision(3).label_after == "c"


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_failed_fsync_raises_and_leaves_state_and_file_unchanged(dataset, journal_path, monkeypatch):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        before = journal_path.read_bytes()
        with monkeypatch.context() as patch:
            patch.setattr(corrections.os, "fsync", enospc)
            with pytest.raises(JournalWriteError, match="NOT saved.*No space left"):
                journal.record("exclude", 1, issue_type="outlier")
            with pytest.raises(JournalWriteError):
                journal.undo()
        assert journal.decision(1) is None and journal.counts()["exclude"] == 0
        assert journal.decision(0).action == "keep" and journal.can_undo
        assert journal_path.read_bytes() == before  # the unsaved line was rolled back
        journal.record("exclude", 1, issue_type="outlier")
    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == [] and journal.decisions().keys() == {0, 1}


def test_partial_write_is_rolled_back(dataset, journal_path, monkeypatch):
    real_write = os.write
    calls = []

    def half_then_full_disk(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        return enospc()

    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        before = journal_path.read_bytes()
        with monkeypatch.context() as patch:
            patch.setattr(corrections.os, "write", half_then_full_disk)
            with pytest.raises(JournalWriteError):
                journal.record_group([("exclude", 1, None), ("exclude", 2, None)], issue_type="near_duplicate")
        assert len(calls) == 2 and journal_path.read_bytes() == before
        assert journal.decisions().keys() == {0}


def test_when_rollback_fails_the_next_line_starts_fresh(dataset, journal_path, monkeypatch):
    real_write = os.write

    def half(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.EIO, "I/O error")

    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        with monkeypatch.context() as patch:
            patch.setattr(corrections.os, "write", half)
            patch.setattr(corrections.os, "ftruncate", enospc)
            with pytest.raises(JournalWriteError):
                journal.record("exclude", 1, issue_type="outlier")
        journal.record("keep", 2, issue_type="label")
    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == ["skipped 1 unreadable line: 2"]
        assert journal.decisions().keys() == {0, 2}


def test_unwritable_place_raises_journal_write_error_at_open(dataset, tmp_path, monkeypatch):
    target = tmp_path / "ro" / "j.jsonl"
    target.parent.mkdir()
    real_open = os.open

    def read_only_fs(path, flags, *args, **kwargs):
        if str(path).startswith(str(target.parent)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_fs)
    with pytest.raises(JournalWriteError, match="Read-only file system"):
        Journal.open(target, dataset)
    monkeypatch.undo()
    with Journal.open(target, dataset, read_only=True) as reader:  # reading still works
        assert reader.decisions() == {}


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(dataset, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(JournalWriteError, match="Permission denied"):
            Journal.open(folder / "j.jsonl", dataset)
    finally:
        folder.chmod(0o755)


def test_journal_path_that_is_a_folder(dataset, tmp_path):
    with pytest.raises(corrections.JournalError, match="is a directory"):
        Journal.open(tmp_path, dataset)


def test_numpy_row_indices_are_accepted(dataset, journal_path):
    import numpy as np

    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", np.int64(2), issue_type="label")
        with pytest.raises(UsageError, match="not in the dataset"):
            journal.record("keep", 2.0, issue_type="label")
    assert read_lines(journal_path)[0]["row"] == 2
