"""``export --format hf -o FOLDER --force`` onto a saved dataset replaces the whole folder: a dataset
card (README.md) or a .git the user keeps there was deleted without a word. Such a folder is now
refused, naming them; one holding only what datasets wrote is still replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_helpers import export_excluding, says_csv

from engine.errors import UsageError
from engine.load import load_dataset


def _export(tmp_path: Path, out: Path) -> None:
    dataset = load_dataset(says_csv(tmp_path / "d.csv"))
    export_excluding(dataset, 2, tmp_path / "d.corrections.jsonl", out, fmt="hf", force=True)


def test_a_saved_dataset_holding_the_users_files_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "saved"
    _export(tmp_path, out)
    (out / "README.md").write_text("# my dataset card\n")
    (out / ".git").mkdir()
    with pytest.raises(UsageError, match=r"also holds \.git, README\.md, which datasets did not write"):
        _export(tmp_path, out)
    assert (out / "README.md").read_text() == "# my dataset card\n" and (out / ".git").is_dir()


def test_a_saved_dataset_of_its_own_files_is_replaced_with_force(tmp_path: Path) -> None:
    out = tmp_path / "saved"
    _export(tmp_path, out)
    (out / ".DS_Store").write_bytes(b"\0")
    _export(tmp_path, out)
    assert len(load_dataset(out)) == 7
