"""``export --corrections-only`` said '1 kept as is' of a row it did not write: a keep changes
nothing, so the changed-rows file leaves it out, and the summary line now says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import Dataset, load_dataset


@pytest.fixture
def decided(tmp_path: Path) -> tuple[Dataset, Path]:
    """Six rows, a journal with one relabel (r1), two excludes (r2, r4) and one keep (r0)."""
    path = tmp_path / "data.csv"
    pd.DataFrame({"id": [f"r{i}" for i in range(6)], "text": [f"text {i}" for i in range(6)],
                  "label": ["a", "b", "c"] * 2}).to_csv(path, index=False)
    dataset = load_dataset(path, id_column="id")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
        writer.record_group([("exclude", 2, None), ("exclude", 4, None)], issue_type="near_duplicate")
        writer.record("keep", 0, issue_type="outlier")
    return dataset, journal


def test_a_kept_row_is_said_to_be_left_out_of_a_changes_file(decided, tmp_path: Path) -> None:
    dataset, journal = decided
    summary = export_corrected(dataset, journal, tmp_path / "changes.csv", corrections_only=True)
    assert "r0" not in pd.read_csv(tmp_path / "changes.csv", dtype=str)["id"].tolist()
    assert summary.line().endswith("1 relabelled, 2 excluded, 1 marked keep (unchanged, so not in this file)")


def test_a_whole_export_still_says_kept_as_is(decided, tmp_path: Path) -> None:
    dataset, journal = decided
    summary = export_corrected(dataset, journal, tmp_path / "out.csv")
    assert "r0" in pd.read_csv(tmp_path / "out.csv", dtype=str)["id"].tolist()
    assert summary.line().endswith("1 relabelled, 2 excluded, 1 kept as is")
