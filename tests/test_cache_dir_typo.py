"""``--cache-dir`` in a folder that does not exist: one line, exit 2, nothing created."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from engine.errors import UsageError
from tui.cli import main
from tui.cli_values import refuse_cache_dir_typo


@pytest.mark.parametrize("command", ["audit", "browse"])
def test_a_cache_dir_in_a_missing_folder_is_refused(tmp_path: Path, monkeypatch, capsys, command: str) -> None:
    """It made the whole tree of a typo (``/tmp/typo/deep/cache``) and cached there without a word."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    typo = tmp_path / "typo" / "deep" / "cache"
    assert main([command, str(data), "--cache-dir", str(typo)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"textaudit: error: --cache-dir {typo}: folder {typo.parent} does not "
                                        "exist; create it first or choose another --cache-dir"]
    assert not (tmp_path / "typo").exists()


def test_a_cache_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        refuse_cache_dir_typo(argparse.Namespace(cache_dir=str(file)))
    assert file.read_text() == "x"


def test_a_new_cache_dir_in_an_existing_folder_and_no_cache_dir_are_fine(tmp_path: Path) -> None:
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=str(tmp_path / "new")))  # the cache creates it
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=str(tmp_path)))
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=None))
    refuse_cache_dir_typo(argparse.Namespace(command="export"))  # export has no --cache-dir
