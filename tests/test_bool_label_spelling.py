"""A boolean label column (JSON true/false, a Parquet bool) shows its classes as 'True' and 'False'. A
relabel to 'true' or 'FALSE' typed as a new name was written as the text "true" beside the booleans, a third
class the export's reader tells apart from True ('True' and 'true' look alike), with only a note that the
column changed type. Such a spelling is now refused as the class written another way, as '01' is for the
int 1; any other new name still widens the column to text, with the note."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit"]


def _source(tmp_path: Path, kind: str) -> Path:
    if kind == "jsonl":
        path = tmp_path / "d.jsonl"
        path.write_text("".join(json.dumps({"text": t, "label": i % 2 == 0}) + "\n" for i, t in enumerate(TEXTS)))
    else:
        path = tmp_path / "d.parquet"
        pq.write_table(pa.table({"text": TEXTS, "label": [i % 2 == 0 for i in range(4)]}), path)
    return path


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
@pytest.mark.parametrize(("typed", "same"), [("true", "True"), ("FALSE", "False"), (" True ", "True")])
def test_a_boolean_written_another_way_is_refused(tmp_path: Path, kind: str, typed: str, same: str) -> None:
    dataset = load_dataset(_source(tmp_path, kind))
    assert dataset.class_names == ["False", "True"]
    with Journal.open(tmp_path / "j.jsonl", dataset) as writer:
        with pytest.raises(UsageError, match=f"is the class '{same}' written another way; relabel to '{same}'"):
            writer.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_another_new_name_still_widens_the_column(tmp_path: Path, kind: str) -> None:
    dataset = load_dataset(_source(tmp_path, kind))
    with Journal.open(tmp_path / "j.jsonl", dataset) as writer:
        writer.record("relabel", 0, label_after="maybe", issue_type="label", allow_new_label=True)
        writer.record("relabel", 2, label_after="False", issue_type="label")
    summary = export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.jsonl")
    cells = [json.loads(line)["label"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert cells == ["maybe", False, False, False]
    assert any("changed" in warning for warning in summary.warnings), summary.warnings
