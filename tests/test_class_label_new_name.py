"""A relabel to a name a saved dataset's ClassLabel does not have ('other' beside neg, pos).
The hf export turned the label column into strings ('1', '1', 'other', '1'), the ClassLabel and
its names gone (two warnings), a Parquet export kept datasets metadata naming a ClassLabel over a
string column, and a CSV mixed ints with the name. The name now gets the next int (2) and the
ClassLabel gains it; every format writes the int, and the export says so (s13 hostile, left)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

datasets = pytest.importorskip("datasets")


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Path]:
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=["neg", "pos"]),
                                  "n": datasets.Value("int32")})
    data = datasets.Dataset.from_dict({"text": ["good", "bad", "meh", "fine"], "label": [1, 0, 0, 1],
                                       "n": [1, 2, 3, 4]}, features=features)
    folder, journal = tmp_path / "in", tmp_path / "j.jsonl"
    bars = datasets.is_progress_bar_enabled()
    try:
        data.save_to_disk(str(folder))
    finally:
        (datasets.enable_progress_bars if bars else datasets.disable_progress_bars)()
    with Journal.open(journal, load_dataset(folder)) as writer:
        writer.record("relabel", 2, label_after="other", issue_type="label", allow_new_label=True)
        writer.record("relabel", 1, label_after="pos", issue_type="label")
    return folder, journal


def _export(folder: Path, journal: Path, out: Path, capsys, *extra: str) -> str:
    assert main(["export", str(folder), "--journal", str(journal), "-o", str(out), *extra]) == 0
    err = capsys.readouterr().err
    assert "added 'other' as 2" in err and "changed type" not in err and "mixes value types" not in err, err
    return err


def test_the_hf_export_keeps_a_class_label_with_the_new_name(saved, tmp_path: Path, capsys) -> None:
    folder, journal = saved
    _export(folder, journal, tmp_path / "out", capsys, "--format", "hf")
    out = datasets.load_from_disk(str(tmp_path / "out"))
    assert out.features["label"] == datasets.ClassLabel(names=["neg", "pos", "other"])
    assert out["label"] == [1, 1, 2, 1] and out["n"] == [1, 2, 3, 4]
    back = load_dataset(tmp_path / "out")
    assert [back.label_display(i) for i in range(4)] == ["pos", "pos", "other", "pos"]


def test_csv_and_parquet_write_the_int(saved, tmp_path: Path, capsys) -> None:
    import pyarrow.parquet as pq

    folder, journal = saved
    _export(folder, journal, tmp_path / "out.csv", capsys)
    with (tmp_path / "out.csv").open(newline="") as handle:
        assert [row["label"] for row in csv.DictReader(handle)] == ["1", "1", "2", "1"]
    _export(folder, journal, tmp_path / "out.parquet", capsys)
    table = pq.read_table(tmp_path / "out.parquet")
    assert str(table.schema.field("label").type) == "int64" and table.column("label").to_pylist() == [1, 1, 2, 1]
    assert b'"names": ["neg", "pos", "other"]' in table.schema.metadata[b"huggingface"]


def test_a_re_audit_sees_the_names(saved) -> None:
    """audit --apply-journal built its corrected data with the name in an int column, warned
    "label column 'label' changed from int64 to object to hold the new labels", and audited the
    labels as 0, 1, 'other': its --issues-out said given_label 0 where the plain audit says neg."""
    from engine.reaudit import corrected_dataset

    folder, journal = saved
    dataset = load_dataset(folder)
    corrected, kept, _, warnings = corrected_dataset(dataset, journal)
    assert not any("changed from" in line for line in warnings), warnings
    assert kept.tolist() == [0, 1, 2, 3]
    assert [corrected.label_display(i) for i in range(4)] == ["pos", "pos", "other", "pos"]
    assert set(corrected.class_names) <= {"neg", "pos", "other"}
