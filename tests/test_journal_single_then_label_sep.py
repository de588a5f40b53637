"""Decisions made on single labels, exported (or reopened) with --label-sep: every line was reported
as 'the row's label changed since (label_before differs)', a change nobody made; the cause is that
the cells are now read as label sets (hostile23: 'export noisy.csv -o out.csv --label-sep "|"').
The other way round (made with --label-sep, exported without) was named already."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset
from engine.multilabel import set_display


def _data(folder: Path) -> Path:
    data = folder / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    return data


def test_single_label_decisions_read_with_a_separator_name_it(tmp_path: Path) -> None:
    data = _data(tmp_path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as book:
        book.record("relabel", 0, label_after="b", issue_type="label")
        book.record("exclude", 1, issue_type="label")
    as_sets = load_dataset(data, label_sep="|")
    with pytest.raises(DataError) as caught:
        export_corrected(as_sets, journal, tmp_path / "out.csv")
    said = caught.value.message
    assert "2 decisions not applied: made on single labels, without --label-sep, which this run was given" in said
    assert "leave out --label-sep" in said and "label_before differs" not in said
    assert export_corrected(load_dataset(data), journal, tmp_path / "out.csv") is not None  # without it: applied
    assert (tmp_path / "out.csv").read_text().splitlines()[1:3] == ["text number 0,b", "text number 2,a"]


def test_decisions_made_on_the_sets_still_apply(tmp_path: Path) -> None:
    data = _data(tmp_path)
    journal = tmp_path / "j.jsonl"
    dataset = load_dataset(data, label_sep="|")
    with Journal.open(journal, dataset) as book:
        book.record("relabel", 0, label_after=set_display(dataset.class_names, (0, 1)), issue_type="label")
    export_corrected(load_dataset(data, label_sep="|"), journal, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text().splitlines()[1] == "text number 0,a|b"
