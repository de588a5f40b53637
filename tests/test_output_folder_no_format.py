"""``textaudit export -o sub/`` or ``-o sub`` (an existing folder) without ``--format``: said as a folder, with
the two ways on (a file name in it, or ``--format hf``), not as "cannot tell the export format from extension
'(none)'" of the path without its slash (walk35)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import UsageError
from engine.issues_out import issues_out_path
from tui.cli import main


@pytest.mark.parametrize(("typed", "said"), [
    ("sub/", "--output sub/ is a folder, but an export is a file; give a file name in it (e.g. sub/NAME.csv; its "
             "extension picks the format), or add --format hf to write a saved datasets folder there"),
    ("sub", "--output sub is a folder, but an export is a file; give a file name in it (e.g. sub/NAME.csv;"),
    ("newdir/", "--output newdir/ ends in a folder separator, but an export is a file; give a file name (e.g. "
                "newdir.csv;"),
])
def test_a_folder_output_without_a_format_is_said_as_a_folder(tmp_path: Path, monkeypatch, capsys,
                                                             typed: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    (tmp_path / "d.corrections.jsonl").write_text("")
    (tmp_path / "sub").mkdir()
    assert main(["export", "d.csv", "-o", typed]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0], err
    assert not any((tmp_path / "sub").iterdir()) and not (tmp_path / "newdir").exists()


@pytest.mark.parametrize(("typed", "said"), [
    ("newdir/", "--issues-out newdir/ ends in a folder separator, but an issue table is a file; give a file name "
                "(e.g. newdir.csv; its extension picks the format)"),  # was 'give the file name (newdir)'
    ("sub", "--issues-out sub is a folder, but an issue table is a file; give a file name in it (e.g. sub/NAME.csv; "
            "its extension picks the format)"),  # was "unknown extension '(none)'"
    ("sub.csv", "--issues-out sub.csv is a folder, but a csv output is a file; give a file name in it (e.g. "
                "sub.csv/NAME.csv)"),  # was 'sub.csv is a folder; give a file name (or --format hf)'
])
def test_issues_out_typed_as_a_folder_is_the_same_rule(tmp_path: Path, monkeypatch, typed: str, said: str) -> None:
    """--issues-out has no --format hf, and its name's extension picks the table's format: the one rule says so."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub.csv").mkdir()
    with pytest.raises(UsageError) as raised:
        issues_out_path(typed, [])
    assert raised.value.message == said


def test_an_existing_folder_with_a_format_reads_as_with_a_slash(tmp_path: Path, monkeypatch, capsys) -> None:
    """'-o sub --format csv' said 'sub is a folder; give a file name (or --format hf)' where 'sub/' said the rule."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\na,x\nb,y\n")
    (tmp_path / "d.corrections.jsonl").write_text("")
    (tmp_path / "sub").mkdir()
    assert main(["export", "d.csv", "-o", "sub", "--format", "csv"]) == 2
    assert capsys.readouterr().err.strip() == ("textaudit: error: --output sub is a folder, but a csv output is a "
                                               "file; give a file name in it (e.g. sub/NAME.csv)")
