"""A read-only app that takes the journal over where the file at its path is not the one it followed (replaced,
rewritten, cut while the other app held it) says so: the whole file there is replayed and the lists change to its
decisions, and the app said only 'decisions are saved again' (review35). A tail taken over says nothing more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import says_csv

from engine.corrections import Journal
from engine.journal_path import lock_path
from engine.load import load_dataset
from tui.app_journal import JournalFollow
from tui.decisions import DecisionBook


def _quit(path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    held = lock_path(path).read_text().split("\n")
    lock_path(path).write_text(f"{child.pid}\n{held[1]}\n")


class _App:
    """What ``JournalFollow._now_writing`` uses of the app."""

    def __init__(self, book: DecisionBook, path: Path) -> None:
        self.book, self.journal_path, self.toasts = book, path, []

    def drop_notices(self, keep) -> None:
        pass

    def notify(self, message: str, **kwargs) -> None:
        self.toasts.append((message, kwargs.get("severity", "information")))

    def _journal_shown(self) -> None:
        pass


@pytest.mark.parametrize("change", ["replaced", "appended"])
def test_a_takeover_of_another_file_is_said(tmp_path: Path, change: str) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    writer.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, data)
    assert book.read_only and book.lock_wait
    writer.record("exclude", 1, issue_type="label")
    writer.close()
    if change == "replaced":  # another journal moved over it: row 2 kept, nothing excluded
        with Journal.open(tmp_path / "other.jsonl", data) as other:
            other.record("keep", 2, issue_type="label")
        os.replace(tmp_path / "other.jsonl", path)
    _quit(path)
    answer = book.open_writable()
    if isinstance(answer, Journal):
        book.take(answer)
    else:
        assert book.take_handover(answer) is True
    assert not book.read_only
    app = _App(book, path)
    JournalFollow._now_writing(app)
    warned = [message for message, severity in app.toasts if severity == "warning"]
    if change == "replaced":
        assert book.counts() == {"relabel": 0, "exclude": 0, "keep": 1}
        assert len(warned) == 1 and "is not the file this app was following" in warned[0], app.toasts
    else:
        assert book.counts()["exclude"] == 2 and warned == [], app.toasts
    book.close()



@pytest.mark.parametrize("change", ["replaced", "appended"])
def test_a_reread_of_another_file_is_said(tmp_path: Path, change: str) -> None:
    """Read-only, the writer still running: a file moved over the journal is replayed whole, and said."""
    from tui.messages import JournalReread

    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    writer.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, data)
    if change == "replaced":
        (tmp_path / "copy.jsonl").write_bytes(path.read_bytes())
        os.replace(tmp_path / "copy.jsonl", path)
    else:
        writer.record("exclude", 1, issue_type="label")
    app = _App(book, path)
    app._taking = None
    JournalFollow.on_journal_reread(app, JournalReread(book.open_again()))
    warned = [message for message, severity in app.toasts if severity == "warning"]
    assert book.read_only and warned == (["journal " + str(path) + " was replaced on disk (another file is at its "
                                          "path now): the decisions shown now are that file's"]
                                         if change == "replaced" else []), app.toasts
    book.close()
    writer.close()
