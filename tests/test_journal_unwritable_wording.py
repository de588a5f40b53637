"""A journal the app cannot write opens read-only; its message said "choose a writable place with
--journal, or open it read-only" although the app had just opened it read-only itself."""

from __future__ import annotations

import os

import engine.journal_file as journal_file
from tui.decisions import DecisionBook


def test_an_unwritable_journal_is_read_only_and_says_only_what_to_do(pinned_result, tmp_path, monkeypatch):
    journal = tmp_path / "j.jsonl"
    real_open = os.open

    def refuse_writes(path, flags, *args, **kwargs):  # a read-only folder, even for root
        if os.fspath(path) == os.fspath(journal) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(journal_file.os, "open", refuse_writes)
    book, messages = DecisionBook.open(journal, pinned_result.dataset)
    assert book.read_only
    assert messages[0].startswith(f"READ-ONLY: cannot write journal {journal}: Permission denied")
    assert "--journal" in messages[0]
    assert "or open it read-only" not in messages[0]
