"""A CSV/TSV's empty text field is the empty text in a JSON, JSON Lines, Parquet or datasets export, not
null (fix40c's 'left': `textaudit export e.csv -o e.jsonl` wrote {"text":null,...}); an empty field of
another column stays a missing value (null), and a JSON file's own null text stays null."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main

CSV = 'text,label,note\nhello there,a,x\n,b,\nbye now,a,y\n"",b,""\nfoo,a,z\n'


def _journal(path: Path) -> Path:
    dataset = load_dataset(path)
    journal = path.with_name("j.jsonl")
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
    return journal


def _records(out: Path) -> list[dict]:
    if out.suffix == ".jsonl":
        return [json.loads(line) for line in out.read_text().splitlines()]
    if out.suffix == ".json":
        return json.loads(out.read_text())
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(out).to_pylist()
    import datasets

    return datasets.load_from_disk(str(out)).to_list()


@pytest.mark.parametrize("name", ["out.jsonl", "out.json", "out.parquet", "hf"])
def test_csv_empty_text_is_the_empty_string(tmp_path, capsys, name):
    data = tmp_path / "e.csv"
    data.write_text(CSV)
    journal, out = _journal(data), tmp_path / name
    args = ["--format", "hf"] if name == "hf" else []
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out), *args]) == 0
    records = _records(out)
    assert [r["text"] for r in records] == ["hello there", "", "bye now", "", "foo"]
    assert [r["note"] for r in records] == ["x", None, "y", None, "z"]  # not the text column: missing
    assert records[0]["label"] == "b"


def test_tsv_joined_text_columns_each_empty_string(tmp_path):
    data = tmp_path / "t.tsv"
    data.write_text("title\tbody\tlabel\tnote\nA\t\ta\t\n\tB\tb\tn\nC\tD\ta\t\n")
    dataset = load_dataset(data, text_column="title+body")
    out = tmp_path / "out.jsonl"
    export_corrected(dataset, _journal_for(dataset, tmp_path), out)
    records = _records(out)
    assert [(r["title"], r["body"], r["note"]) for r in records] == [("A", "", None), ("", "B", "n"), ("C", "D", None)]


def _journal_for(dataset, tmp_path: Path) -> Path:
    journal = tmp_path / f"{Path(dataset.source).stem}.j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("keep", 0, issue_type="label")
    return journal


def test_json_null_text_stays_null_and_csv_stays_byte_for_byte(tmp_path):
    """Guards: the rule is the CSV's; a JSONL null text is the file's own value, and CSV -> CSV is unchanged."""
    data = tmp_path / "n.jsonl"
    data.write_text('{"text":"a b","label":"x"}\n{"text":null,"label":"y"}\n{"text":"c d","label":"x"}\n')
    dataset = load_dataset(data)
    out = tmp_path / "out.parquet"
    export_corrected(dataset, _journal_for(dataset, tmp_path), out)
    assert [r["text"] for r in _records(out)] == ["a b", None, "c d"]
    data = tmp_path / "e.csv"
    data.write_text(CSV)
    dataset = load_dataset(data)
    export_corrected(dataset, _journal_for(dataset, tmp_path), tmp_path / "same.csv", force=True)
    assert (tmp_path / "same.csv").read_text() == CSV
