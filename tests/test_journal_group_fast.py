"""The one-pass group encoder writes exactly the bytes of the per-line path (issue 13 speed)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.journal_format import encode_line
from engine.load import load_dataset


def _frame(ids: list, labels: list) -> pd.DataFrame:
    texts = ['plain', 'quote " and \\ back', "emoji 😀 é", "tab\tnew\nline", "ƒ 中文 text",
             "ctrl \x01 char", "", "more text"]
    n = len(labels)
    return pd.DataFrame({"id": ids[:n], "text": (texts * 3)[:n], "label": labels})


def _per_line_bytes(journal: Journal, entries, *, seq: int, ts: str, issue_type: str, suggested) -> bytes:
    """What the line-by-line path (``_entry`` + ``encode_line``) writes for the same group."""
    out = []
    for offset, (action, row, label_after) in enumerate(entries):
        entry = journal._entry(seq + offset, seq, len(entries), ts, action, row, issue_type,
                               label_after=label_after, suggested_label=suggested)
        if action == "relabel" and label_after not in journal._class_names:
            entry["new_label"] = True
        out.append(encode_line(entry))
    return b"".join(out)


CASES = [
    ("str ids", ["a", 'b"q', "ü", "d\\", "e", "f", "g", "h"], ["x", "y", "x", "zé", "y", "x", "y", "zé"], "zé", "new ☃"),
    ("int ids", [10, 11, 12, 13, 14, 15, 16, 17], [1, 2, 3, 1, 2, 3, 1, 2], "3", "7"),
    ("float ids", [1.5, math.nan, 3.0, 4.25, 5.0, 6.0, 7.0, 8.0], ["a", "b", "a", "b", "a", "b", "a", "b"], "b", "c"),
]


@pytest.mark.parametrize("name,ids,labels,target,new", CASES, ids=[c[0] for c in CASES])
def test_fast_group_bytes_equal_the_per_line_path_and_replay_identically(tmp_path: Path, name, ids, labels,
                                                                         target, new):
    frame = _frame(ids, labels)
    if name == "str ids":
        frame.loc[1, "id"] = None
    dataset = load_dataset(frame, id_column="id")
    path = tmp_path / "j.jsonl"
    entries = [("relabel", 0, target), ("keep", 1, None), ("exclude", 2, None), ("relabel", 3, new),
               ("relabel", 4, target), ("keep", 5, None), ("relabel", 6, new), ("exclude", 7, None)]
    with Journal.open(path, dataset) as journal:
        journal.record("keep", 3, issue_type="label")  # seq 1: the group starts at seq 2
        start = path.stat().st_size
        decisions = journal.record_group(entries, issue_type="label", suggested_label=target, allow_new_label=True)
        written = path.read_bytes()[start:]
        ts = decisions[0].ts
        expected = _per_line_bytes(journal, entries, seq=2, ts=ts, issue_type="label", suggested=target)
        before = journal.decisions()
    assert written == expected
    with Journal.open(path, dataset, read_only=True) as replayed:
        assert replayed.decisions() == before
        assert replayed.load_report == []
    assert [d.row for d in decisions] == [row for _, row, _ in entries]
    assert decisions[3].label_after == new and decisions[1].label_after is None


def test_lone_surrogate_label_falls_back_to_the_escaped_line(tmp_path: Path):
    dataset = load_dataset(pd.DataFrame({"text": ["a", "b", "c"], "label": ["x", "y", "x"]}))
    path = tmp_path / "j.jsonl"
    bad = "odd \udc80"
    entries = [("relabel", 0, bad), ("relabel", 1, "x")]
    with Journal.open(path, dataset) as journal:
        decisions = journal.record_group(entries, issue_type="label", allow_new_label=True)
        expected = _per_line_bytes(journal, entries, seq=1, ts=decisions[0].ts, issue_type="label", suggested=None)
    assert path.read_bytes() == expected
    assert b"\\udc80" in expected


def test_group_validation_errors_are_the_per_row_ones_and_nothing_is_written(tmp_path: Path):
    dataset = load_dataset(pd.DataFrame({"text": ["a", "b", "c"], "label": ["x", "y", "x"]}))
    path = tmp_path / "j.jsonl"
    with Journal.open(path, dataset) as journal:
        for entries, message in [
            ([("keep", 0, None), ("keep", 3, None)], "row 3 is not in the dataset"),
            ([("keep", 0, None), ("keep", True, None)], "row True is not in the dataset"),
            ([("keep", 0, None), ("flip", 1, None)], "unknown action 'flip'"),
            ([("keep", 0, None), ("keep", 1, "x")], "keep takes no label_after"),
            ([("relabel", 0, "x"), ("relabel", 1, "new")], "'new' is not an existing class"),
        ]:
            with pytest.raises(UsageError, match=message):
                journal.record_group(entries, issue_type="label")
    assert path.read_bytes() == b""


def test_fast_undo_redo_lines_equal_the_per_line_path(tmp_path: Path):
    frame = _frame(["a", "b", "c", "d", "e", "f", "g", "h"], ["x", "y", "x", "y", "x", "y", "x", "y"])
    dataset = load_dataset(frame, id_column="id")
    path = tmp_path / "j.jsonl"
    with Journal.open(path, dataset) as journal:
        journal.record_group([("relabel", 0, "y"), ("keep", 1, None), ("exclude", 5, None)], issue_type="label")
        decided = journal.decisions()
        for action, seq in (("undo", 4), ("redo", 7)):
            start = path.stat().st_size
            getattr(journal, action)()
            lines = path.read_bytes()[start:]
            ts = json.loads(lines.splitlines()[0])["ts"]
            expected = b"".join(encode_line(journal._entry(seq + offset, seq, 3, ts, action, row, "label", target=1))
                                for offset, row in enumerate([0, 1, 5]))
            assert lines == expected
        assert journal.decisions() == decided
    with Journal.open(path, dataset, read_only=True) as replayed:
        assert replayed.decisions() == decided and replayed.load_report == []
