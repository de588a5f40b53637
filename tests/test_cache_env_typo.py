"""``$TEXTAUDIT_CACHE_DIR`` in a folder that does not exist is refused as ``--cache-dir`` is (one
line, exit 2, nothing created). It built the whole tree of the typo and cached there."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from engine.errors import UsageError
from tui.cli import main
from tui.cli_values import refuse_cache_dir_typo


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    return data


def test_a_cache_env_in_a_missing_folder_is_refused(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "typo" / "deep" / "cache"
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(typo))
    assert main(["audit", str(_data(tmp_path)), "--model", "tfidf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"textaudit: error: $TEXTAUDIT_CACHE_DIR {typo}: folder {typo.parent} does not exist; create "
                   "it first or set TEXTAUDIT_CACHE_DIR to another folder (or unset it for the default)"]
    assert not (tmp_path / "typo").exists()


def test_the_env_is_not_checked_where_nothing_is_cached(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "typo" / "deep" / "cache"))
    refuse_cache_dir_typo(argparse.Namespace(command="export"))  # export has no cache
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=None, no_cache=True))
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=str(tmp_path)))  # the flag wins over the env
    with pytest.raises(UsageError, match=r"^\$TEXTAUDIT_CACHE_DIR"):
        refuse_cache_dir_typo(argparse.Namespace(cache_dir=None))  # demo has no --no-cache
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "new"))
    refuse_cache_dir_typo(argparse.Namespace(cache_dir=None, no_cache=False))  # the cache creates it
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "file"))
    with pytest.raises(UsageError, match="is not a folder"):
        refuse_cache_dir_typo(argparse.Namespace(cache_dir=None, no_cache=False))
