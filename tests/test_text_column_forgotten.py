"""Decisions made with --text-column title+text, exported without it, say so: the journal records
the text column, and a line whose text no longer matches names the one it was made with. Before,
'no decision applies (2 decisions not applied: the row's text changed since (text_sha256 mismatch
...))' named no cause. A text column renamed in the file, its texts unchanged, still applies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [(f"title {i % 3}", f"ticket {i} about a card payment", "ab"[i % 2]) for i in range(12)]


def _decide(data: Path, journal: Path, text_column: str) -> None:
    with Journal.open(journal, load_dataset(data, text_column=text_column)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 1, issue_type="outlier")


def test_an_export_without_the_apps_text_column_names_it(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("title,text,label\n" + "".join(f"{t},{x},{y}\n" for t, x, y in ROWS))
    journal = tmp_path / "d.corrections.jsonl"
    _decide(data, journal, "title+text")
    assert json.loads(journal.read_text().splitlines()[0])["text_column"] == "title+text"
    with pytest.raises(DataError, match=r"2 decisions not applied: the row's text differs, and the decision was made "
                                        r"with --text-column title\+text, not this run's \(rows 0, 1\); give "
                                        r"--text-column title\+text"):
        export_corrected(load_dataset(data), journal, tmp_path / "out.csv")
    summary = export_corrected(load_dataset(data, text_column="title+text"), journal, tmp_path / "out.csv")
    assert (summary.relabelled, summary.excluded) == (1, 1)


def test_a_renamed_text_column_still_applies(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"{x},{y}\n" for _, x, y in ROWS))
    journal = tmp_path / "d.corrections.jsonl"
    _decide(data, journal, "text")
    renamed = tmp_path / "r.csv"
    renamed.write_text("sentence,label\n" + "".join(f"{x},{y}\n" for _, x, y in ROWS))
    summary = export_corrected(load_dataset(renamed), journal, tmp_path / "out.csv")
    assert (summary.relabelled, summary.excluded) == (1, 1) and summary.unapplied is None
