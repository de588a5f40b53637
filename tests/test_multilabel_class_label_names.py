"""A saved dataset's Sequence(ClassLabel) label column (go_emotions' form) is shown by its names
and written back as its ints.

Seen on multi-label banking77 saved with save_to_disk (84 names): every screen, the report and
the journal showed '10', '49' where the data names card, other (a single ClassLabel column shows
its names). A journal written then ('["1","2"]') still applies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from engine.multilabel import set_display

datasets = pytest.importorskip("datasets")

NAMES = ["app", "card", "fraud", "payment"]
ROWS = [("my card is lost", [1, 2]), ("the app crashes", [0]), ("someone used my card", [2, 1, 3]),
        ("no label here", []), ("pay by card failed", [3, 1])]


def _dataset():
    """ROWS as a datasets.Dataset whose tags are a Sequence(ClassLabel) of NAMES."""
    features = datasets.Features({"text": datasets.Value("string"),
                                  "tags": datasets.Sequence(datasets.ClassLabel(names=NAMES))})
    return datasets.Dataset.from_dict({"text": [t for t, _ in ROWS], "tags": [s for _, s in ROWS]}, features=features)


def _saved(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    _dataset().save_to_disk(str(folder))
    return folder


def test_sets_are_shown_by_names_and_exported_as_the_ints(tmp_path: Path) -> None:
    folder = _saved(tmp_path)
    dataset = load_dataset(folder, label_column="tags")
    names = dataset.class_names
    assert names == NAMES  # the ClassLabel's names, in the order of their ints
    assert [[names[i] for i in s] for s in dataset.label_sets] == [
        ["card", "fraud"], ["app"], ["card", "fraud", "payment"], [], ["card", "payment"]]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as book:  # row 2 loses fraud, row 3 gets app
        book.record("relabel", 2, label_after=set_display(names, (1, 3)), issue_type="label")
        book.record("relabel", 3, label_after=set_display(names, (0,)), issue_type="label")
    assert json.loads(journal.read_text().splitlines()[0])["labels_before"] == ["card", "fraud", "payment"]
    out = tmp_path / "out"
    export_corrected(dataset, journal, out, fmt="hf")
    back = datasets.load_from_disk(str(out))
    assert back["tags"] == [[1, 2], [0], [1, 3], [0], [3, 1]]  # kept ints in their order
    assert back.features["tags"].feature.names == NAMES


def test_a_journal_written_when_the_sets_showed_ints_still_applies(tmp_path: Path) -> None:
    folder = _saved(tmp_path)
    dataset = load_dataset(folder, label_column="tags")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as book:
        book.record("relabel", 0, label_after=set_display(dataset.class_names, (0, 1)), issue_type="label")
    entry = json.loads(journal.read_text())
    code = {name: str(i) for i, name in enumerate(NAMES)}
    entry.update(label_before='["1","2"]', label_after='["0","1"]', labels_before=["1", "2"], labels_after=["0", "1"])
    assert [code[n] for n in ("card", "fraud")] == ["1", "2"]
    journal.write_text(json.dumps(entry) + "\n")  # as the code that showed ints wrote it
    with Journal.open(journal, dataset, read_only=True) as book:
        assert not book.load_report
        assert book.decisions()[0].label_after == '["app","card"]'
    out = tmp_path / "out.jsonl"
    export_corrected(dataset, journal, out)
    assert [json.loads(line)["tags"] for line in out.read_text().splitlines()][0] == [1, 0]


def test_a_to_parquet_file_of_such_sets_is_read_by_the_names_too(tmp_path: Path) -> None:
    path = tmp_path / "d.parquet"
    _dataset().to_parquet(str(path))
    dataset = load_dataset(path, label_column="tags")
    assert dataset.class_names == NAMES and dataset.label_originals["fraud"] == 2


def test_the_corrected_sets_of_a_re_audit_keep_the_names(tmp_path: Path) -> None:
    from engine.reaudit import corrected_dataset

    folder = _saved(tmp_path)
    dataset = load_dataset(folder, label_column="tags")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as book:
        book.record("relabel", 3, label_after=set_display(dataset.class_names, (0,)), issue_type="label")
    corrected, rows, _, _ = corrected_dataset(dataset, journal)
    assert corrected.class_names == NAMES  # '0', '1', ... in the re-audit's by-label counts before
    assert [[corrected.class_names[i] for i in s] for s in corrected.label_sets][3] == ["app"]
    assert corrected.label_originals["payment"] == 3
