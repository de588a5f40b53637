"""A file whose name starts with 'hf:' (``hf:x.csv``, a file saved under a hub-like name) was read as the
hub dataset 'x.csv': 'cannot reach the Hugging Face hub' (or, offline, 'cannot load ... from the hub'),
with no word that the file is right there. The line now says how to give it: ./hf:x.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

ROWS = "text,label\nhello there,a\nbye now,b\ngood day,a\nfarewell,b\n"


def test_a_local_file_named_like_a_hub_name_is_pointed_at(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hfcache"))
    (tmp_path / "hf:x.csv").write_text(ROWS, encoding="utf-8")
    assert main(["audit", "hf:x.csv", "--model", "tfidf"]) != 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert len(said) == 1 and said[0].endswith("a file named hf:x.csv is here: give it as ./hf:x.csv"), said
    assert main(["audit", "./hf:x.csv", "--model", "tfidf"]) == 0


def test_no_word_of_a_file_that_is_not_there(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hfcache"))
    assert main(["audit", "hf:y.csv", "--model", "tfidf"]) != 0
    assert "is here" not in capsys.readouterr().err


def test_hf_before_a_data_file_here_says_to_drop_it(tmp_path: Path, monkeypatch, capsys) -> None:
    """'hf:d.csv' with d.csv right here went to the hub: "Couldn't reach 'd.csv' on the Hub" (review35)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hfcache"))
    (tmp_path / "d.csv").write_text(ROWS, encoding="utf-8")
    assert main(["audit", "hf:d.csv", "--model", "tfidf"]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert said == ["textaudit: error: hf:d.csv: d.csv is a file, not a folder of data files; give it without 'hf:'"]


@pytest.mark.parametrize(("typed", "said", "code"), [
    ("HF:imdb", "HF:imdb: no such file or directory; a Hugging Face dataset is hf:NAME, in lower case", 1),
    ("hf: imdb", "'hf: imdb': the name ' imdb' starts or ends with a space; write hf:imdb", 2)])
def test_a_misspelt_hub_prefix_is_said(tmp_path: Path, monkeypatch, capsys, typed, said, code) -> None:
    """'HF:imdb' said only 'no such file or directory'; 'hf: imdb' asked the hub for ' imdb' (review35)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hfcache"))
    assert main(["audit", typed, "--model", "tfidf"]) == code
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert lines == [f"textaudit: error: {said}"], lines
