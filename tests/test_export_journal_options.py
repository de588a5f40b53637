"""``textaudit export`` takes the text/label columns the journal's decisions were made with where the
command gives none, and says so (walk36: ag_news' journal records text_column 'title+description'; the
export without --text-column stopped at "no text column 'text'", exit 2). A given option still wins."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _data(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_journal_names_the_text_column_as_ag_news_needs(tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "ag.csv", ["label", "title", "description"],
                 [[1 + i % 4, f"title {i}", f"description {i}"] for i in range(8)])
    journal = tmp_path / "ag.corrections.jsonl"
    with Journal.open(journal, load_dataset(data, text_column="title+description")) as writer:
        writer.record("relabel", 2, label_after="1", issue_type="label")
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0  # old: exit 2
    err = capsys.readouterr().err
    assert f"note: --text-column title+description taken from the journal {journal}" in err, err
    assert [row["label"] for row in _read(out)] == ["1", "2", "1", "4", "1", "2", "3", "4"]
    # a given option wins; the replay says what it leaves out, as before
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out), "--force",
                 "--text-column", "title"]) == 1
    err = capsys.readouterr().err
    assert "taken from the journal" not in err and "made with --text-column title+description" in err, err


def test_the_label_column_too_and_a_column_gone_is_not_taken(tmp_path: Path, capsys) -> None:
    rows = [[f"text {i}", "ab"[i % 2], "cd"[i % 2]] for i in range(6)]
    data = _data(tmp_path / "d.csv", ["text", "coarse_label", "fine_label"], rows)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, label_column="fine_label")) as writer:
        writer.record("relabel", 0, label_after="d", issue_type="label")
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "--label-column fine_label taken from the journal" in capsys.readouterr().err
    assert [row["fine_label"] for row in _read(out)][:2] == ["d", "d"]
    renamed = _data(tmp_path / "r.csv", ["text", "label"], [[row[0], row[2]] for row in rows])  # fine_label renamed
    assert main(["export", str(renamed), "--journal", str(journal), "-o", str(tmp_path / "r.out.csv")]) == 0
    assert "not taken from the journal: --label-column fine_label" in capsys.readouterr().err
