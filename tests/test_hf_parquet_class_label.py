"""A Parquet file written by ``datasets`` (``Dataset.to_parquet``) with a ClassLabel label column.

The names live in the schema's ``huggingface`` metadata; textaudit showed and relabelled the ints
('1', '2'), where the same data saved with ``save_to_disk`` is shown by its names. It now reads
the names as for a saved folder: shown by name, exported as the ints exactly, a new name the next
int (s14 hostile, left). Metadata that does not describe the column is not trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

datasets = pytest.importorskip("datasets")
pq = pytest.importorskip("pyarrow.parquet")

NAMES = ["neg", "pos", "mid"]  # not in sorted order: an int is not its name's rank


@pytest.fixture
def hf_parquet(tmp_path: Path) -> Path:
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=NAMES),
                                  "n": datasets.Value("int32")})
    data = datasets.Dataset.from_dict({"text": ["good", "bad", "meh", "fine", "so so"], "label": [1, 0, 2, 1, 2],
                                       "n": [1, 2, 3, 4, 5]}, features=features)
    path = tmp_path / "in.parquet"
    bars = datasets.is_progress_bar_enabled()
    try:
        datasets.disable_progress_bars()
        data.to_parquet(str(path))
    finally:
        (datasets.enable_progress_bars if bars else datasets.disable_progress_bars)()
    return path


def test_shown_by_names_and_exported_as_the_ints(hf_parquet: Path, tmp_path: Path, capsys) -> None:
    loaded = load_dataset(hf_parquet)
    assert sorted(loaded.class_names) == ["mid", "neg", "pos"]
    assert [loaded.label_display(i) for i in range(5)] == ["pos", "neg", "mid", "pos", "mid"]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, loaded) as writer:
        writer.record("relabel", 0, label_after="neg", issue_type="label")
        writer.record("relabel", 1, label_after="other", issue_type="label", allow_new_label=True)
        writer.record("exclude", 4, issue_type="label")
    out = tmp_path / "out.parquet"
    assert main(["export", str(hf_parquet), "--journal", str(journal), "-o", str(out)]) == 0
    assert "added 'other' as 3" in capsys.readouterr().err
    table = pq.read_table(out)
    assert table.column("label").to_pylist() == [0, 3, 2, 1] and table.column("n").to_pylist() == [1, 2, 3, 4]
    back = datasets.Dataset.from_parquet(str(out))
    assert back.features["label"] == datasets.ClassLabel(names=NAMES + ["other"])


def test_no_decision_exports_the_same_table(hf_parquet: Path, tmp_path: Path) -> None:
    journal, out = tmp_path / "j.jsonl", tmp_path / "out.parquet"
    journal.write_text("")
    assert main(["export", str(hf_parquet), "--journal", str(journal), "-o", str(out)]) == 0
    before, after = pq.read_table(hf_parquet), pq.read_table(out)
    assert after.equals(before) and after.schema.metadata == before.schema.metadata


def _with_label_metadata(tmp_path: Path, labels: list[int], meta: bytes) -> Path:
    import pyarrow as pa

    table = pa.table({"text": ["a", "b", "c", "d"], "label": pa.array(labels, pa.int64())})
    path = tmp_path / "odd.parquet"
    pq.write_table(table.replace_schema_metadata({b"huggingface": meta}), path)
    return path


def test_metadata_that_does_not_fit_the_column_is_not_trusted(tmp_path: Path) -> None:
    meta = json.dumps({"info": {"features": {"text": {"dtype": "string", "_type": "Value"},
                                             "label": {"names": ["neg", "pos"], "_type": "ClassLabel"}}}}).encode()
    loaded = load_dataset(_with_label_metadata(tmp_path, [0, 1, 5, 1], meta))  # a row added by another tool
    assert sorted(map(str, loaded.class_names)) == ["0", "1", "5"]
    assert any("holds 0..5" in note and "not as those names" in note for note in loaded.warnings)


def test_malformed_metadata_reads_the_ints(tmp_path: Path) -> None:
    for meta in (b"{not json", b'{"info": {"features": {"label": {"_type": "ClassLabel", "names": 3}}}}',
                 b'{"info": {"features": {"label": {"_type": "NoSuchType"}}}}'):
        loaded = load_dataset(_with_label_metadata(tmp_path, [0, 1, 0, 1], meta))
        assert sorted(map(str, loaded.class_names)) == ["0", "1"]


def test_pred_probs_columns_follow_the_ints(hf_parquet: Path, tmp_path: Path, capsys) -> None:
    """A model trained on the column gives its probabilities in the ints' order (neg, pos, mid);
    classes sorted by name (mid, neg, pos) took each column as another class, every label score
    wrong with only a note. Now those columns are the classes as given."""
    import numpy as np

    loaded = load_dataset(hf_parquet)
    assert loaded.class_names == NAMES
    codes = [1, 0, 2, 1, 2]
    probs = np.full((5, 3), 0.05)
    probs[np.arange(5), codes] = 0.9
    np.save(tmp_path / "p.npy", probs)
    out = tmp_path / "issues.csv"
    assert main(["audit", str(hf_parquet), "--pred-probs", str(tmp_path / "p.npy"), "--model", "tfidf", "--no-cache",
                 "--issue-types", "label", "--issues-out", str(out)]) == 0
    capsys.readouterr()
    import pandas as pd

    table = pd.read_csv(out)
    assert table["given_label"].tolist() == table["predicted_label"].tolist() == ["pos", "neg", "mid", "pos", "mid"]


def test_an_unlabelled_split_is_said_as_such(tmp_path: Path) -> None:
    """Every row -1 (a hub test split): '10 rows have an empty label (rows 0, 1, 2, 3, 4 ...)'
    read as if rows were to be fixed; it now says the split is unlabelled."""
    from engine.errors import DataError

    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=NAMES)})
    path = tmp_path / "test.parquet"
    unlabelled = datasets.Dataset.from_dict({"text": ["a", "b", "c"], "label": [-1, -1, -1]}, features=features)
    unlabelled.to_parquet(str(path))
    with pytest.raises(DataError, match=r"is -1 on every row, datasets' 'no label': this split is unlabelled"):
        load_dataset(path)


def test_corrections_only_names_the_ints(hf_parquet: Path, tmp_path: Path, capsys) -> None:
    """The corrections-only table holds the ClassLabel's ints and nothing in it names them (s14
    hostile, left): the export now says which int is which name."""
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(hf_parquet)) as writer:
        writer.record("relabel", 0, label_after="mid", issue_type="label")
    out = tmp_path / "changes.csv"
    assert main(["export", str(hf_parquet), "--journal", str(journal), "-o", str(out), "--corrections-only"]) == 0
    assert "hold the ClassLabel's ints, as the column does (0 neg, 1 pos, 2 mid)" in capsys.readouterr().err
    assert out.read_text().splitlines()[1].endswith(",1,2,relabel")


def test_pred_probs_messages_name_the_classlabel_order(hf_parquet: Path, tmp_path: Path, capsys) -> None:
    """The --pred-probs messages said 'columns in sorted label order' / 'the sorted class order'
    for a ClassLabel, whose columns now follow its ints (neg, pos, mid is not sorted)."""
    import numpy as np

    np.save(tmp_path / "two.npy", np.full((5, 2), 0.5))
    assert main(["audit", str(hf_parquet), "--pred-probs", str(tmp_path / "two.npy"), "--model", "tfidf",
                 "--no-cache"]) == 1
    assert "columns in the ClassLabel's order (by its ints))" in capsys.readouterr().err


def test_untrusted_metadata_exports_the_ints_as_ints(tmp_path: Path, capsys) -> None:
    """The ints of a ClassLabel column the metadata does not fit are a plain int column in a saved
    folder written from the file; its feature was a list of ints, so every such export said 'kept
    the new column types, not the input's features (Couldn't cast array of type int64 to List(...))'."""
    meta = json.dumps({"info": {"features": {"text": {"dtype": "string", "_type": "Value"},
                                             "label": {"names": ["neg", "pos"], "_type": "ClassLabel"}}}}).encode()
    path = _with_label_metadata(tmp_path, [0, 1, 5, 1], meta)
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    capsys.readouterr()
    assert main(["export", str(path), "--journal", str(journal), "-o", str(tmp_path / "out"), "--format", "hf"]) == 0
    assert "kept the new column types" not in capsys.readouterr().err
    assert datasets.load_from_disk(str(tmp_path / "out")).features["label"] == datasets.Value("int64")
