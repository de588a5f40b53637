"""An --id-column whose values repeat (the load says so: rows are told apart by position), the file
re-sorted: decisions were refused as 'the row's text changed since (text_sha256 mismatch)', though
no text had changed; the row at the position had the id, another of its rows the text (s17
hostile). Still not applied (which copy was decided is unknown), now said as such."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _rows(order: range) -> str:
    return "id,text,label\n" + "".join(f"1,text {i},{'ab'[i % 2]}\n" for i in order)


def test_a_repeated_id_after_a_re_sort_is_called_ambiguous(tmp_path: Path, capsys) -> None:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text(_rows(range(6)))
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 1, issue_type="label")
    data.write_text(_rows(range(5, -1, -1)))
    assert main(["export", str(data), "--id-column", "id", "--journal", str(journal),
                 "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "its id or text now belongs to several rows, so which one was decided is unknown (rows 1)" in err
    assert "text changed" not in err


def test_a_changed_text_under_a_repeated_id_is_still_a_changed_text(tmp_path: Path, capsys) -> None:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text(_rows(range(6)))
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 1, issue_type="label")
    data.write_text(_rows(range(6)).replace("text 1,", "text one,"))
    assert main(["export", str(data), "--id-column", "id", "--journal", str(journal),
                 "-o", str(tmp_path / "out.csv")]) == 1
    assert "the row's text changed since (text_sha256 mismatch; rows 1)" in capsys.readouterr().err
