"""A journal made with --label-sep '|' exported without it (the app was run with it, the export
command not) says so: before, every decision was 'not applied: the row's label changed since
(label_before differs ...)', which named no cause and no way out."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset


def test_an_export_without_the_apps_label_sep_names_it(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"ticket {i} about a card,{'a|b' if i % 2 else 'b'}\n" for i in range(12)))
    journal = tmp_path / "d.corrections.jsonl"
    with Journal.open(journal, load_dataset(data, label_sep="|")) as writer:
        writer.record("relabel", 0, label_after='["a"]', issue_type="label")
        writer.record("exclude", 1, issue_type="outlier")
    with pytest.raises(DataError, match=r"2 decisions not applied: made with --label-sep '\|', which this run was "
                                        r"not given \(rows 0, 1\); give --label-sep '\|'"):
        export_corrected(load_dataset(data), journal, tmp_path / "out.csv")
    summary = export_corrected(load_dataset(data, label_sep="|"), journal, tmp_path / "out.csv")
    assert (summary.relabelled, summary.excluded) == (1, 1)
