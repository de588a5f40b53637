"""A TSV export refused for a text with a line break named the row of the table being written
('row 2'), not the data row: with rows 0 and 1 excluded, the text was in data row 4, as the app,
the journal and --issues-out number rows. It now says 'row 4 of the data (counted from 0)'; a
table that is not the data (--corrections-only) says 'row N of the table'."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _data(path: Path) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["src", "text", "label"])
        writer.writerows([(f"s{i}", "line\nbreak" if i == 4 else f"text {i}", "ab"[i % 2]) for i in range(6)])
    return path


def _error(args: list[str], capsys) -> str:
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def test_the_refusal_names_the_data_row(tmp_path: Path, capsys) -> None:
    data, journal = _data(tmp_path / "d.csv"), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record_group([("exclude", 0, None), ("exclude", 1, None)], issue_type="outlier")
        writer.record("relabel", 4, label_after="b", issue_type="label")
    err = _error(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "o.tsv")], capsys)
    assert "row 4 of the data (counted from 0), column 'text'" in err
    err = _error(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "c.tsv"),
                  "--corrections-only"], capsys)
    assert "row 2 of the table (counted from 0), column 'text'" in err  # rows 0, 1, 4: the third
    assert not (tmp_path / "o.tsv").exists() and not (tmp_path / "c.tsv").exists()
