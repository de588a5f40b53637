"""Taking a reread (``DecisionBook.take`` of ``open_again``'s journal, on the UI thread) uses the stat the worker
made before its read: ``getattr(journal, "seen", self._stat())`` stat'ed the journal anyway (a default is evaluated
first), so a hung disk could still hold the app's keys there (journal37)."""

from __future__ import annotations

from journal_helpers import says_csv

from engine.corrections import Journal
from engine.load import load_dataset
from tui.decisions import DecisionBook


def test_take_uses_the_worker_s_stat(tmp_path, monkeypatch) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as writer:  # the other app: it holds the lock
        book, _ = DecisionBook.open(path, data)
        try:
            assert book.read_only
            writer.record("exclude", 0, issue_type="label")
            journal = book.open_again()  # the worker's part
            stats: list[int] = []
            monkeypatch.setattr(book, "_stat", lambda: stats.append(1))
            book.take(journal)
            assert stats == [] and book.seen == journal.seen is not None
            assert book.journal.decision(0).action == "exclude"
        finally:
            book.close()
