"""The export dialog's offered name for an ``hf:NAME`` source holds no ':' or '/'.

For ``browse hf:b77folder`` the dialog offered ``/data/hf:b77folder.corrected.csv`` (fix41b, tmux): a colon in a
file name (a drive letter's separator on Windows, a URL scheme to many tools). It is now named as the source's
journal is (``hf_b77folder.corrections.jsonl``), in the current folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.paths import default_journal_path
from tui.screens.export_dialog import default_output, default_path_text


@pytest.mark.parametrize(("source", "stem"), [
    ("hf:b77folder", "hf_b77folder"), ("hf:banking77:train", "hf_banking77_train"),
    ("hf:PolyAI/banking77", "banking77"), ("hf:PolyAI/banking77:test", "banking77_test"),
    ("hf:./data/folder/", "folder")])
def test_an_hf_source_is_offered_a_plain_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              source: str, stem: str) -> None:
    monkeypatch.chdir(tmp_path)
    for tag in ("corrected", "changes"):
        offered = default_output(source, tag)
        assert offered == tmp_path / f"{stem}.{tag}.csv"
        assert default_path_text(source, tag, tmp_path) == str(tmp_path / f"{stem}.{tag}.csv")
    journal = default_journal_path(source).name  # the same start as the journal beside it
    assert journal == f"{stem}.corrections.jsonl"


def test_a_data_file_keeps_its_name(tmp_path: Path) -> None:
    data = tmp_path / "train.tsv"
    data.write_text("text\tlabel\na\tb\n")
    assert default_output(str(data)) == tmp_path / "train.corrected.tsv"
