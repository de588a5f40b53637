"""``textaudit export -o sub/`` or ``-o sub`` (an existing folder) without ``--format``: said as a folder, with
the two ways on (a file name in it, or ``--format hf``), not as "cannot tell the export format from extension
'(none)'" of the path without its slash (walk35)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize(("typed", "said"), [
    ("sub/", "--output sub/ is a folder: give a file name (e.g. sub/NAME.csv; its extension picks the format), "
             "or add --format hf to write a saved datasets folder there"),
    ("sub", "--output sub is a folder: give a file name (e.g. sub/NAME.csv;"),
    ("newdir/", "--output newdir/ ends in a folder separator: give a file name (e.g. newdir.csv;"),
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
