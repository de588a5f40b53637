"""``--no-cache`` with ``--cache-dir DIR`` asks for no cache and names its folder: it was taken
without a word (DIR neither read nor written). One line, exit 2, before the data is read, as for the
other options that contradict each other (``--ray-cpus`` without ``--ray``); ``--no-cache`` under
``$TEXTAUDIT_CACHE_DIR`` goes on (the variable is the shell's setting, not this command's request)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("command", ["audit", "browse", "serve"])
def test_no_cache_and_a_cache_dir_are_one_usage_error(tmp_path: Path, monkeypatch, capsys, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    cache = tmp_path / "cache"
    assert main([command, str(data), "--no-cache", "--cache-dir", str(cache)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"textaudit: error: --no-cache and --cache-dir {cache} contradict each "
                                        "other: --no-cache reads and writes no cache; drop one of them"]
    assert not cache.exists()
    assert not list(tmp_path.glob("*.jsonl"))  # nothing started: no journal


def test_no_cache_under_the_variable_goes_on(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "env-cache"))
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    assert main(["audit", str(data), "--no-cache", "--model", "tfidf", "--issue-types", "label"]) == 0
    assert "contradict" not in capsys.readouterr().err
    assert not (tmp_path / "env-cache").exists()
