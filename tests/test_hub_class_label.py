"""``hf:NAME[:SPLIT]`` reads a ``ClassLabel`` column by its names, as a saved folder and a
``to_parquet`` file of the same data are read: ``to_pandas`` gave banking77's labels as 0..76 on
every screen, report and journal line. A journal written when it showed those ints still applies."""

from __future__ import annotations

import pandas as pd
import pytest

NAMES = ["World", "Sports", "Business"]
TEXTS = [f"{word} news story number {i}" for i in range(4) for word in ("election", "football", "market")]
INTS = [i % 3 for i in range(len(TEXTS))]


@pytest.fixture
def hub_folder(monkeypatch, tmp_path):
    """A dataset repo downloaded earlier (its train split a Parquet file datasets wrote), offline."""
    import datasets
    import datasets.config
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=NAMES)})
    datasets.Dataset.from_dict({"text": TEXTS, "label": INTS}, features=features).to_parquet(str(repo / "train.parquet"))
    return repo


def test_a_class_label_from_the_hub_is_read_by_its_names(hub_folder):
    from engine.load import load_dataset

    dataset = load_dataset(f"hf:{hub_folder}")
    assert dataset.class_names == NAMES  # in the order of their ints, as a model trained on them has them
    assert [dataset.label_display(row) for row in range(3)] == ["World", "Sports", "Business"]


def test_a_journal_of_the_ints_still_applies(hub_folder, tmp_path):
    from engine.corrections import Journal
    from engine.export import export_corrected
    from engine.load import load_dataset

    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(pd.DataFrame({"text": TEXTS, "label": INTS}))) as old:
        old.record("relabel", 0, label_after="2", issue_type="label")  # World -> Business, as ints
        old.record("exclude", 1, issue_type="label")
    dataset = load_dataset(f"hf:{hub_folder}")
    with Journal.open(journal, dataset, read_only=True) as read:
        assert {row: (d.action, d.label_after) for row, d in read.decisions().items()} == {
            0: ("relabel", "Business"), 1: ("exclude", None)}
    summary = export_corrected(dataset, journal, tmp_path / "out.csv")
    written = pd.read_csv(tmp_path / "out.csv")
    assert summary.line().startswith("wrote 11 rows") and written.label.tolist()[:2] == [2, 2]
