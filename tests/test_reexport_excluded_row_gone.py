"""Exporting an export with its journal is refused, and the excluded row, which the export dropped, was said to be
'the row's text changed since (text_sha256 mismatch; rows 3)' (review33): the row is gone, and the line says so.
A row whose text was edited in place, with an id that still names it, is still a changed text."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main


def _data(path: Path) -> Path:
    path.write_text("id,text,label\n" + "".join(f"{i},row {i} says {'yes' if i % 2 else 'no'},{'ab'[i % 2]}\n"
                                                 for i in range(8)))
    return path


def test_reexport_of_an_export_says_the_excluded_row_is_gone(tmp_path, capsys) -> None:
    data, journal, out = _data(tmp_path / "d.csv"), tmp_path / "j.jsonl", tmp_path / "out.csv"
    dataset = load_dataset(data)
    with Journal.open(journal, dataset) as writer:
        writer.record_group([("relabel", 1, "a"), ("exclude", 3, None), ("keep", 4, None)], issue_type="label")
    export_corrected(dataset, journal, out)
    assert main(["export", str(out), "--journal", str(journal), "-o", str(tmp_path / "again.csv")]) == 1
    err = capsys.readouterr().err
    assert "1 exclusion not applied: the excluded row is gone, no row has its text now" in err, err
    assert "rows 3)" in err and "text changed" not in err, err


def test_an_excluded_row_whose_text_was_edited_under_its_id_is_a_changed_text(tmp_path, capsys) -> None:
    data, journal = _data(tmp_path / "d.csv"), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 3, issue_type="label")
    data.write_text(data.read_text().replace("row 3 says yes", "row 3 says YES"))
    assert main(["export", str(data), "--id-column", "id", "--journal", str(journal),
                 "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "the row's text changed since (text_sha256 mismatch; rows 3)" in err and "is gone" not in err, err


def test_a_deleted_rows_keep_and_relabel_say_the_row_is_gone(tmp_path, capsys) -> None:
    """review36: a keep or relabel whose row was deleted since was 'the row's text changed since'; an in-place
    edit (as many rows as when decided) still is."""
    data, journal = _data(tmp_path / "d.csv"), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record_group([("relabel", 2, "b"), ("keep", 3, None)], issue_type="label")
    lines = data.read_text().splitlines(keepends=True)
    data.write_text("".join(lines[:3] + lines[5:]))  # rows 2 and 3 deleted
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "2 decisions not applied: the decided row is gone, no row has its text now" in err, err
    assert "rows 2, 3)" in err and "text changed" not in err, err
    data.write_text("".join(lines).replace("row 2 says", "row two says").replace("row 3 says", "row three says"))
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "the row's text changed since (text_sha256 mismatch; rows 2, 3)" in err and "is gone" not in err, err
