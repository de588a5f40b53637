"""A journal made on a ``list<binary>`` label column while its sets showed the labels' reprs
('["b\\'a\\'","b\\'b\\'"]', before 630f850 named them by their text) no longer applied: every line was
'the row's label changed since' (hostile25, left: single-label lines of that era were mapped, sets not).
Its sets are now read with the names the labels show, as a single-label line's are."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit", "bus road", "cat pet"]
SETS = [[b"a", b"b"], [b"b"], [b"c"], [b"a"], [b"b", b"c"], []]


def _as_reprs(value):
    """A set (JSON string or list) of names as the journal spelled it when the reprs showed."""
    members = json.loads(value) if isinstance(value, str) else value
    reprs = [repr(name.encode()) for name in members]
    return json.dumps(reprs, ensure_ascii=False, separators=(",", ":")) if isinstance(value, str) else reprs


def test_a_journal_made_when_the_sets_showed_reprs_applies(tmp_path: Path) -> None:
    source = tmp_path / "d.parquet"
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array(SETS, pa.list_(pa.binary()))}), source)
    dataset = load_dataset(source)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after='["a","c"]', issue_type="label")
        writer.record("relabel", 5, label_after='["b"]', issue_type="label")  # from an empty set
        writer.record("exclude", 2, issue_type="label")
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    for line in lines:  # as written before the labels were named by their text
        for key in ("label_before", "label_after", "labels_before", "labels_after"):
            if line.get(key) is not None:
                line[key] = _as_reprs(line[key])
    assert lines[0]["label_before"] == "[\"b'a'\",\"b'b'\"]"
    journal.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with Journal.open(journal, load_dataset(source), read_only=True) as replayed:
        assert replayed.load_report == []
        assert {row: d.action for row, d in replayed.decisions().items()} == {0: "relabel", 5: "relabel", 2: "exclude"}
    export_corrected(load_dataset(source), journal, tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist() == [
        [b"a", b"c"], [b"b"], [b"a"], [b"b", b"c"], [b"b"]]
