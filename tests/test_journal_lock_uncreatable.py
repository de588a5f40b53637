"""--journal where its lock file cannot be created with ENOENT though the folder exists (/proc, a
mount that refuses new files so): filelock takes that for a race with a deleter and times out, and
the app said 'READ-ONLY: journal /proc/j.jsonl is already open in another textaudit', naming a
holder that does not exist (hostile23, tmux). Now: 'cannot lock journal ...: its lock file j.jsonl.lock
cannot be created there; choose a writable place with --journal'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.errors import TextauditError
from engine.journal_file import JournalFile


def test_a_lock_file_that_cannot_be_created_is_not_another_app() -> None:
    folder = Path("/proc")
    if not folder.is_dir() or os.path.lexists(folder / "h23-never.jsonl.lock"):
        pytest.skip("needs Linux's /proc, where no file can be created")
    journal = JournalFile(folder / "h23-never.jsonl")
    with pytest.raises(TextauditError) as caught:
        journal.lock()
    said = str(caught.value)
    assert "already open in another textaudit" not in said, said
    assert said == ("cannot lock journal /proc/h23-never.jsonl: its lock file h23-never.jsonl.lock cannot be "
                    "created there; choose a writable place with --journal")


def test_a_held_lock_still_names_the_other_app(tmp_path: Path) -> None:
    first = JournalFile(tmp_path / "j.jsonl")
    first.lock()
    try:
        with pytest.raises(TextauditError, match="already open in another textaudit"):
            JournalFile(tmp_path / "j.jsonl").lock()
    finally:
        first.close()
