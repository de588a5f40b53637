"""$XDG_CACHE_HOME set to a file (the platform cache folder cannot be made): an audit gave the
right answer with 8 notes, 'cache entry ... is unusable (Not a directory)' and 'could not write
cache entry' for each stage, where $TEXTAUDIT_CACHE_DIR on a file is one line (s15 hostile). It
is now one line, exit 2, naming the fixes; --no-cache, --cache-dir and TEXTAUDIT_CACHE_DIR go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    monkeypatch.delenv("TEXTAUDIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "".join(f"word{i} thing{i % 3},{'ab'[i % 2]}\n" for i in range(12)))
    return path


def test_the_blocked_default_cache_is_one_line(data: Path, capsys) -> None:
    assert main(["audit", str(data), "--model", "tfidf"]) == 2
    err = capsys.readouterr().err
    assert "is not a folder (is $XDG_CACHE_HOME set to a file?)" in err and "unusable" not in err, err


def test_the_ways_around_it_still_audit(data: Path, tmp_path: Path, capsys) -> None:
    assert main(["audit", str(data), "--model", "tfidf", "--no-cache", "--issue-types", "label"]) == 0
    assert main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "c"), "--issue-types",
                 "label"]) == 0
    assert "cache entry" not in capsys.readouterr().err
