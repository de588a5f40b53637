"""Decisions on a repeated text follow their copy when the data is saved in another format: a CSV
reads every cell as text ('7', '0.5', 'True') where the JSONL or Parquet file held 7, 0.5, True,
so every row's row_hash changed and decisions on a repeated text matched no copy, even at their
own position: 'no decision applies (... their id or text now belongs to several rows ...)', exit 1.
The row_hash is now also compared with the values re-typed as the other format holds them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

RECORDS = [{"text": f"repeated text {i % 4}", "label": "ab"[i % 2], "n": i, "half": i / 2, "odd": bool(i % 3)}
           for i in range(16)]


def _decide(path: Path, journal: Path) -> None:
    with Journal.open(journal, load_dataset(path)) as writer:
        writer.record("exclude", 5, issue_type="near_duplicate")  # 'repeated text 1', n 5
        writer.record("relabel", 6, label_after="b", issue_type="label")  # 'repeated text 2', n 6


def _exported(path: Path, journal: Path, tmp_path: Path) -> tuple[pd.DataFrame, list[str]]:
    out = tmp_path / "out.jsonl"
    summary = export_corrected(load_dataset(path), journal, out, force=True)
    return pd.read_json(out, lines=True, dtype=False), summary.warnings


def _check(back: pd.DataFrame) -> None:
    n = back["n"].astype(int)
    assert 5 not in n.tolist() and len(back) == 15
    assert back.loc[n == 6, "label"].tolist() == ["b"]
    assert back.loc[n.isin([2, 10, 14]), "label"].tolist() == ["a"] * 3  # the other copies of text 2


def test_jsonl_decisions_apply_to_the_data_saved_as_csv(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    journal = tmp_path / "d.corrections.jsonl"
    _decide(source, journal)
    for name, frame in (("same.csv", pd.DataFrame(RECORDS)), ("sorted.csv", pd.DataFrame(RECORDS[::-1]))):
        frame.to_csv(tmp_path / name, index=False)
        back, warnings = _exported(tmp_path / name, journal, tmp_path)
        _check(back)


def test_csv_decisions_apply_to_the_data_saved_as_parquet(tmp_path: Path) -> None:
    journal, typed = tmp_path / "d.corrections.jsonl", tmp_path / "d.parquet"
    pd.DataFrame(RECORDS).to_csv(tmp_path / "d.csv", index=False)
    _decide(tmp_path / "d.csv", journal)
    pd.DataFrame(RECORDS[8:] + RECORDS[:8]).to_parquet(typed)  # typed and re-sorted
    back, warnings = _exported(typed, journal, tmp_path)
    _check(back)
    assert any("followed their row" in w for w in warnings)
