"""Decisions on a repeated text follow their copy when the data is saved in another format, also where
another column has missing values. RetypedPrints re-typed only columns with no null: an Int64, float or
boolean column with one empty cell, saved as CSV (or a CSV with an empty cell saved as Parquet), gave
every row another row_hash, so decisions on a repeated text matched no copy, even at their own position:
'no decision applies (... their id or text now belongs to several rows ...)', exit 1 (review25)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def _frame() -> pd.DataFrame:
    n = 12
    return pd.DataFrame({
        "text": [f"repeated text {i % 3}" for i in range(n)],
        "label": ["ab"[i % 2] for i in range(n)],
        "k": pd.array([None if i == 4 else i for i in range(n)], dtype="Int64"),
        "score": [None if i == 7 else i / 4 for i in range(n)],
        "ok": pd.array([None if i == 9 else bool(i % 3) for i in range(n)], dtype="boolean"),
    })


def _decide(path: Path, journal: Path) -> None:
    with Journal.open(journal, load_dataset(path)) as writer:
        writer.record("exclude", 5, issue_type="near_duplicate")  # 'repeated text 2', k 5
        writer.record("relabel", 6, label_after="b", issue_type="label")  # 'repeated text 0', k 6


def _check(path: Path, journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    summary = export_corrected(load_dataset(path), journal, out, force=True)
    back = pd.read_csv(out)
    assert summary.unapplied is None and (summary.relabelled, summary.excluded) == (1, 1)
    assert len(back) == 11 and 5 not in back["k"].tolist()
    assert back.loc[back["k"] == 6, "label"].tolist() == ["b"]
    copies = back[back["k"].isin([0, 3, 9])]
    assert dict(zip(copies["k"], copies["label"])) == {0: "a", 3: "b", 9: "b"}  # the other copies of text 0


@pytest.mark.parametrize("order", ["same", "reversed"])
def test_parquet_decisions_apply_to_the_data_saved_as_csv_with_empty_cells(tmp_path: Path, order: str) -> None:
    source, journal = tmp_path / "d.parquet", tmp_path / "d.corrections.jsonl"
    _frame().to_parquet(source)
    _decide(source, journal)
    frame = pd.read_parquet(source)
    (frame if order == "same" else frame.iloc[::-1]).to_csv(tmp_path / "d.csv", index=False)
    _check(tmp_path / "d.csv", journal, tmp_path)


@pytest.mark.parametrize("order", ["same", "reversed"])
def test_csv_decisions_with_empty_cells_apply_to_the_data_saved_as_parquet(tmp_path: Path, order: str) -> None:
    source, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _frame().to_csv(source, index=False)
    _decide(source, journal)
    frame = _frame()
    (frame if order == "same" else frame.iloc[::-1].reset_index(drop=True)).to_parquet(tmp_path / "d.parquet")
    _check(tmp_path / "d.parquet", journal, tmp_path)
