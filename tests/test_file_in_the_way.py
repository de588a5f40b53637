"""A path under a file ('-o data.csv/out.csv', a typo for data/out.csv): the line said "folder
data.csv does not exist" beside the file (the journal: "cannot use journal ...: Not a directory").
It now says that a file stands where a folder was meant."""

from __future__ import annotations

import os

import pytest

from engine.corrections import Journal
from engine.errors import TextauditError
from engine.load import load_dataset
from tui.cli import main

ROWS = "text,label\na cat,c\na dog,d\nthe cat,c\nthe dog,d\n"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "d.csv").write_text(ROWS, encoding="utf-8")
    return tmp_path / "d.csv"


def test_an_output_under_the_data_file(data, capsys):
    (data.parent / "d.corrections.jsonl").write_text("", encoding="utf-8")
    assert main(["export", "d.csv", "-o", "d.csv/out.csv"]) == 2
    assert capsys.readouterr().err.strip() == "textaudit: error: cannot write d.csv/out.csv: d.csv is a file, not a folder"


def test_a_cache_folder_under_the_data_file(data, capsys):
    assert main(["audit", "d.csv", "--model", "tfidf", "--cache-dir", "d.csv/cache"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "--cache-dir d.csv/cache: d.csv is a file, not a folder; choose another --cache-dir")


def test_a_journal_under_the_data_file(data):
    with pytest.raises(TextauditError) as caught:
        Journal.open(data.parent / "d.csv" / "j.jsonl", load_dataset(data))
    assert str(caught.value).endswith("d.csv is a file, not a folder; choose another --journal")


@pytest.mark.parametrize(("argv", "said"), [
    (["export", "d.csv", "-o", "out/x.csv"], "cannot write out/x.csv: out is a link to {gone}, which does not exist"),
    (["audit", "d.csv", "--model", "tfidf", "--cache-dir", "out/c"],
     "--cache-dir out/c: out is a link to {gone}, which does not exist; "),
])
def test_a_dangling_link_on_the_way_is_named(data, capsys, argv, said):
    """A link to a folder that is gone: not 'a file' (d36fb73), nor 'folder out does not exist; create it
    first' (before it), which cannot be done: the name is taken."""
    (data.parent / "d.corrections.jsonl").write_text("", encoding="utf-8")
    os.symlink(data.parent / "gone", data.parent / "out")
    assert main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("textaudit: error: " + said.format(gone=data.parent / "gone")), error
