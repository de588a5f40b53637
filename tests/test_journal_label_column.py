"""A decision applies only to the label column it was made on.

One file, two label columns holding the same values (coarse and fine topic codes, 0..6), one default
journal: decisions made with --label-column coarse were replayed onto --label-column fine wherever the
fine label happened to equal the coarse one (label_before matched), and the export relabelled those
rows of the other column without a word about them (banking-style demo: 9 of 60).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset

N = 42


@pytest.fixture
def two_columns(tmp_path):
    path = tmp_path / "two.csv"
    pd.DataFrame({"text": [f"text number {i} about {['cards', 'loans', 'rates'][i % 3]}" for i in range(N)],
                  "coarse": [i % 3 for i in range(N)],
                  "fine": [(i * 2) % 3 for i in range(N)]}).to_csv(path, index=False)  # equal on every third row
    return path


def _decide(path, journal):
    dataset = load_dataset(path, label_column="coarse")
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 0, label_after="1", issue_type="label")  # coarse 0, fine 0
        open_journal.record_columns([3, 6], [0, 0], [0, 0], ["2"], issue_type="label")  # the column path
        open_journal.record("exclude", 9, issue_type="label")
        open_journal.undo()  # an undo line of a one-line group
        open_journal.record_columns([12, 15], [1, 1], [-1, -1], [], issue_type="label")  # an exclude group
        open_journal.undo()  # an undo line written by the group encoder
    return dataset


def test_decisions_made_on_another_label_column_are_not_applied(two_columns, tmp_path):
    journal = tmp_path / "two.corrections.jsonl"
    coarse = _decide(two_columns, journal)
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    assert {e.get("label_column") for e in entries} == {"coarse"}
    fine = load_dataset(two_columns, label_column="fine")
    assert [fine.label_display(r) for r in (0, 3, 6)] == [coarse.label_display(r) for r in (0, 3, 6)]
    with pytest.raises(DataError, match="does not match this dataset: no decision applies .*made on the label "
                                        "column 'coarse', not this one"):
        export_corrected(fine, journal, tmp_path / "fine.csv")
    with Journal.open(journal, fine, read_only=True) as replayed:
        assert replayed.decisions() == {} and replayed.unapplied == 3  # the undone groups are no decisions
    summary = export_corrected(coarse, journal, tmp_path / "coarse.csv")  # its own column: applied
    assert (summary.relabelled, summary.excluded) == (3, 0)
    out = pd.read_csv(tmp_path / "coarse.csv")
    assert out["coarse"].tolist()[:7] == [1, 1, 2, 2, 1, 2, 2] and out["fine"].equals(pd.read_csv(two_columns)["fine"])


def test_a_journal_written_before_the_field_still_applies(two_columns, tmp_path):
    journal = tmp_path / "two.corrections.jsonl"
    coarse = _decide(two_columns, journal)
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    journal.write_text("".join(json.dumps({k: v for k, v in e.items() if k != "label_column"},
                                          separators=(",", ":")) + "\n" for e in lines))
    assert export_corrected(coarse, journal, tmp_path / "coarse.csv").relabelled == 3


def test_a_label_column_renamed_since_still_takes_its_decisions(two_columns, tmp_path):
    """The journal's label column is gone from the data ('coarse' renamed 'topic'): its decisions
    were refused as "made on the label column 'coarse', not this one", with no way to apply them
    (--label-column coarse: no such column). With no such column left to mix them up with, they
    apply where the text and label_before still match, and the load says so."""
    journal = tmp_path / "two.corrections.jsonl"
    _decide(two_columns, journal)
    renamed = tmp_path / "renamed.csv"
    pd.read_csv(two_columns).rename(columns={"coarse": "topic"}).to_csv(renamed, index=False)
    dataset = load_dataset(renamed, label_column="topic")
    summary = export_corrected(dataset, journal, tmp_path / "out.csv")
    assert (summary.relabelled, summary.excluded) == (3, 0)
    assert pd.read_csv(tmp_path / "out.csv")["topic"].tolist()[:7] == [1, 1, 2, 2, 1, 2, 2]
    with Journal.open(journal, dataset, read_only=True) as replayed:
        assert replayed.unapplied == 0
        assert any("made on the label column 'coarse', which this data lacks: taken as made on its label column"
                   in line for line in replayed.load_report), replayed.load_report
