"""A file output typed with a trailing folder separator (``-o out.parquet/``, ``--issues-out
new.csv/``): pathlib dropped the slash and a *file* of that name was written, exit 0. It is one
line, exit 2, and nothing is written; ``--format hf`` (a folder) still takes ``out/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input

from tui.cli import main
from tui.screens.export_dialog import ExportDialog


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    (tmp_path / "d.corrections.jsonl").write_text("")
    return data


@pytest.mark.parametrize("typed", ["out.parquet/", "out.csv/.", "sub/out.jsonl/"])
def test_export_to_a_file_name_with_a_slash_is_refused(tmp_path: Path, monkeypatch, capsys, typed: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    _data(tmp_path)
    assert main(["export", "d.csv", "-o", typed]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"--output {typed} ends in a folder separator" in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.corrections.jsonl", "d.csv", "sub"]
    assert not any((tmp_path / "sub").iterdir())


def test_export_hf_to_a_folder_with_a_slash_still_writes(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _data(tmp_path)
    assert main(["export", "d.csv", "-o", "outhf/", "--format", "hf"]) == 0, capsys.readouterr().err
    assert (tmp_path / "outhf").is_dir()


def test_issues_out_with_a_slash_is_refused_before_the_audit(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _data(tmp_path)
    assert main(["audit", "d.csv", "--issues-out", "newdir.csv/", "--no-cache", "--model", "tfidf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["textaudit: error: --issues-out newdir.csv/ ends in a folder separator, but a csv output is a "
                   "file; give the file name (newdir.csv)"]
    assert not (tmp_path / "newdir.csv").exists()


async def test_the_export_dialog_says_it_before_enter(tmp_path: Path) -> None:
    data = _data(tmp_path)
    app = DialogHost(ExportDialog(str(data), tmp_path / "d.corrections.jsonl", {"relabel": 1, "exclude": 0, "keep": 0}, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.dialog.query_one("#export-path", Input).value = str(tmp_path / "out.csv") + "/"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        warning = export_warning(app.dialog)
        assert app.results == [] and "ends in a folder separator" in warning


def test_an_existing_folder_with_a_slash_asks_for_a_name_in_it(tmp_path: Path, monkeypatch, capsys) -> None:
    """'-o sub/ --format csv' was told 'give the file name (sub)', which 'sub is a folder' then refused (review35)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    _data(tmp_path)
    assert main(["export", "d.csv", "-o", "sub/", "--format", "parquet"]) == 2
    assert capsys.readouterr().err.strip() == ("textaudit: error: --output sub/ is a folder, but a parquet output is a "
                                               "file; give a file name in it (e.g. sub/NAME.parquet)")
    assert not any((tmp_path / "sub").iterdir())
