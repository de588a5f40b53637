"""--id-column with a null id (an empty cell, NaN): the journal records "id": null, and replay
matched such a line by id to every null-id row. After a re-sort it landed on another null-id row,
failed the text check and was reported as 'the row's text changed since' (not applied) though its
row was still there (s15 hostile). A null id now names no row: the line is matched by position,
text and row_hash, as without an id column."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def test_null_id_rows_follow_their_text(tmp_path: Path, capsys) -> None:
    data, journal = tmp_path / "d.parquet", tmp_path / "j.jsonl"
    table = pa.table({"id": pa.array([1.0, None, 3.0, float("nan"), 5.0, 6.0]),
                      "text": [f"t{i} words here" for i in range(6)], "label": list("ababab")})
    pq.write_table(table, data)
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")  # id None
        writer.record("relabel", 3, label_after="a", issue_type="label")  # id NaN
        writer.record("exclude", 0, issue_type="label")  # id 1.0
    resorted, out = tmp_path / "r.parquet", tmp_path / "out.parquet"
    pq.write_table(table.take([5, 3, 2, 1, 0, 4]), resorted)
    assert main(["export", str(resorted), "--id-column", "id", "--journal", str(journal), "-o", str(out)]) == 0
    assert "NOT applied" not in capsys.readouterr().out
    got = pq.read_table(out).to_pydict()
    assert got["text"] == ["t5 words here", "t3 words here", "t2 words here", "t1 words here", "t4 words here"]
    assert got["label"] == ["b", "a", "a", "a", "a"]
