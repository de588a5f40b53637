"""Journal replay with --id-column matches an id across types: decisions made on a JSONL or
Parquet file (ids 100, 101, ... as ints) apply to the same data saved as CSV (ids read as the
text '100'), re-sorted too, and the other way. Before, no row had the id: 'journal ... does not
match this dataset: no decision applies (... row not in the dataset)', every row still there. The
text check still decides: a row whose text changed is not decided."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

RECORDS = [{"id": 100 + i, "text": f"text {i} about a card payment", "label": "ab"[i % 2]} for i in range(12)]


def _decide(path: Path, journal: Path) -> None:
    with Journal.open(journal, load_dataset(path, id_column="id")) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 3, issue_type="outlier")


def _export(path: Path, journal: Path, tmp_path: Path) -> tuple[pd.DataFrame, list[str]]:
    out = tmp_path / "out.jsonl"
    summary = export_corrected(load_dataset(path, id_column="id"), journal, out, force=True)
    return pd.read_json(out, lines=True, dtype=False), summary.warnings


def test_int_ids_match_the_same_ids_read_as_text(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    journal = tmp_path / "d.corrections.jsonl"
    _decide(source, journal)
    as_csv = tmp_path / "d.csv"
    pd.DataFrame(RECORDS[::-1]).to_csv(as_csv, index=False)  # re-sorted, ids now text
    assert load_dataset(as_csv, id_column="id").ids[0] == "111"
    back, warnings = _export(as_csv, journal, tmp_path)
    assert sorted(back["id"].astype(int)) == [r["id"] for r in RECORDS if r["id"] != 103]
    assert back.set_index(back["id"].astype(int)).loc[100, "label"] == "b"
    assert any("followed their row" in w for w in warnings)


def test_text_ids_match_the_same_ids_read_as_ints(tmp_path: Path) -> None:
    as_csv = tmp_path / "d.csv"
    pd.DataFrame(RECORDS).to_csv(as_csv, index=False)
    journal = tmp_path / "d.corrections.jsonl"
    _decide(as_csv, journal)
    as_parquet = tmp_path / "d.parquet"
    frame = pd.DataFrame(RECORDS)
    frame.loc[3, "text"] = "an edited text"  # the excluded row's text changed: not decided
    frame.to_parquet(as_parquet)
    back, warnings = _export(as_parquet, journal, tmp_path)
    assert back["id"].tolist() == [r["id"] for r in RECORDS] and back.loc[0, "label"] == "b"
    assert any("text changed" in w for w in warnings)
