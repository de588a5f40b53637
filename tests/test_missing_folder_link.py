"""A path under a link to nothing ('-o out/x.csv' where out is a dangling symlink): d36fb73 said
'out is a file, not a folder'; before it, 'folder out does not exist; create it first', which
cannot be done (the name is taken). The line names the link and where it points."""

from __future__ import annotations

import os

import pytest

from tui.cli import main

ROWS = "text,label\na cat,c\na dog,d\nthe cat,c\nthe dog,d\n"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "d.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "d.corrections.jsonl").write_text("", encoding="utf-8")
    os.symlink(tmp_path / "gone", tmp_path / "out")
    return tmp_path / "d.csv"


@pytest.mark.parametrize(("argv", "said"), [
    (["export", "d.csv", "-o", "out/x.csv"], "cannot write out/x.csv: out is a link to {gone}, which does not exist"),
    (["audit", "d.csv", "--model", "tfidf", "--cache-dir", "out/c"],
     "--cache-dir out/c: out is a link to {gone}, which does not exist; "),
])
def test_a_dangling_link_on_the_way_is_named(data, capsys, argv, said):
    assert main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("textaudit: error: " + said.format(gone=data.parent / "gone")), error
