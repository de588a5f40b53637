"""A data file named near the 255-byte limit (80 CJK characters are 240 bytes) got a default journal
name too long to create: the app ended 'cannot use journal ...: File name too long' unless given
--journal. The stem is now cut, with a hash of the whole stem that keeps two such files apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from journal_helpers import says_csv

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from engine.paths import default_journal_path


def test_a_long_data_name_gets_a_journal_it_can_create(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = says_csv(tmp_path / ("日本語" * 26 + "データ.csv"))
    journal = default_journal_path(str(source))
    assert journal.parent == tmp_path and journal.name.endswith(".corrections.jsonl")
    assert len(os.fsencode(journal.name + ".lock")) <= 255
    dataset = load_dataset(source)
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    export_corrected(dataset, default_journal_path(str(source)), tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text().splitlines()[2] == "row 1 says yes,a"


def test_long_names_stay_apart_and_short_ones_are_unchanged(tmp_path: Path) -> None:
    first, second = "d" * 245 + "1.csv", "d" * 245 + "2.csv"
    assert default_journal_path(first) != default_journal_path(second)
    assert default_journal_path("train.csv").name == "train.corrections.jsonl"
    assert default_journal_path("d" * 232 + ".csv").name == "d" * 232 + ".corrections.jsonl"  # 255 with .lock


def test_the_apps_default_export_name_fits_too(tmp_path: Path) -> None:
    from tui.screens.export_dialog import default_output

    target = default_output(str(says_csv(tmp_path / ("日本語" * 26 + "データ.csv"))))
    assert target.parent == tmp_path and target.name.endswith(".corrected.csv")
    assert len(os.fsencode(target.name)) <= 255
    target.write_text("written\n")  # the name can be created
    assert default_output(str(tmp_path / "d.csv")).name == "d.corrected.csv"


def test_the_journal_suggested_for_a_long_data_name_can_be_created(tmp_path: Path) -> None:
    """Another dataset's journal opens read-only with a suggestion, --journal <folder>-<stem>.corrections.jsonl,
    which was not cut: for this file name it was too long to create."""
    from tui.decisions import DecisionBook

    other = tmp_path / "other.csv"
    other.write_text("text,label\n" + "".join(f"other text {i},{'ab'[i % 2]}\n" for i in range(8)))
    journal = tmp_path / "other.corrections.jsonl"
    with Journal.open(journal, load_dataset(other)) as writer:
        writer.record("exclude", 3, issue_type="label")
    dataset = load_dataset(says_csv(tmp_path / ("日本語" * 26 + "データ.csv")))
    book, messages = DecisionBook.open(journal, dataset)
    assert book.read_only and "does not match this dataset" in messages[0]
    suggested = Path(messages[0].rsplit("--journal ", 1)[1])
    assert suggested.parent == tmp_path and suggested.name.endswith(".corrections.jsonl")
    with Journal.open(suggested, dataset) as opened:  # the name and its lock can be created
        opened.record("exclude", 1, issue_type="label")
    short = load_dataset(says_csv(tmp_path / "d.csv"))
    suggested = DecisionBook.open(journal, short)[1][0].rsplit("--journal ", 1)[1]
    assert suggested == str(tmp_path / f"{tmp_path.name}-d.corrections.jsonl")
