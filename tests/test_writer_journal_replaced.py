"""The app that writes the journal says, on its poll, that another file was renamed over it (an editor's save, a sync
tool), before more rows are decided: it learnt so only when its next decision was refused (review35). Once per file
found there, the deleted file's decisions saved beside it then; a byte-for-byte copy says nothing (the next decision
is written to it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from journal_helpers import says_csv

from engine.corrections import Journal
from engine.load import load_dataset
from tui.app_journal import JournalFollow, JournalPolled
from tui.decisions import DecisionBook


class _App(JournalFollow):
    """What ``JournalFollow._check_journal`` uses of the app: its poll's worker run at once on this thread, its
    message handled as posted; toasts kept."""

    workers: list = []

    def __init__(self, book: DecisionBook, path: Path) -> None:
        self.book, self.journal_path, self.toasts = book, path, []

    def poll_journal(self, book: DecisionBook) -> None:
        JournalFollow.poll_journal.__wrapped__(self, book)  # the worker's body (textual's @work wraps it)

    def post_message(self, message: object) -> None:
        assert isinstance(message, JournalPolled), message
        self.on_journal_polled(message)

    def notify(self, message: str, **kwargs) -> None:
        self.toasts.append((message, kwargs.get("severity", "information")))


@pytest.mark.parametrize("put", ["other", "copy"])
def test_a_journal_replaced_under_its_writer_is_said_on_the_poll(tmp_path: Path, put: str) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    book, _ = DecisionBook.open(path, data)
    assert not book.read_only
    book.record("exclude", 0, None, "label", None)
    app = _App(book, path)
    app._check_journal()
    assert app.toasts == []  # its own file: nothing to say
    if put == "other":
        with Journal.open(tmp_path / "other.jsonl", data) as other:
            other.record("keep", 2, issue_type="label")
    else:
        (tmp_path / "other.jsonl").write_bytes(path.read_bytes())
    os.replace(tmp_path / "other.jsonl", path)
    app._check_journal()
    app._check_journal()  # said once
    warned = [message for message, severity in app.toasts if severity == "warning"]
    if put == "other":
        assert len(warned) == 1 and warned[0].startswith(f"journal {path} was replaced on disk"), app.toasts
        saved = list(tmp_path.glob("j.recovered-*.jsonl"))  # the deleted file's decision, saved before any exit
        assert len(saved) == 1 and f"saved in {saved[0]}" in warned[0] and "will NOT be saved" in warned[0], warned
        assert '"exclude"' in saved[0].read_text()
    else:
        assert warned == [], app.toasts
        assert book.record("exclude", 1, None, "label", None).error is None  # the copy takes the next decision
    book.close()


def test_a_rescue_that_fails_on_the_poll_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The deleted file's bytes could not be saved (a full disk): the toast said 'quit (the exit line says where
    ...)' as if nothing had been tried; it says they could NOT be saved, and why."""
    from engine import journal_rescue

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_rescue, "_save_copy", full)
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    book, _ = DecisionBook.open(path, data)
    book.record("exclude", 0, None, "label", None)
    app = _App(book, path)
    path.unlink()
    app._check_journal()
    warned = [message for message, severity in app.toasts if severity == "warning"]
    assert len(warned) == 1 and "could NOT be saved" in warned[0] and "No space left" in warned[0], app.toasts
    book.close()


def test_a_journal_this_session_never_wrote_is_saved_on_the_poll_too(tmp_path: Path) -> None:
    """Lead's decision (s37): a journal deleted while the app holds it is rescued even where this session decided
    nothing (a sync tool's delete looks like the user's ``rm``; the app's descriptor may hold the last copy)."""
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=6))
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as earlier:
        earlier.record("exclude", 0, issue_type="label")
    book, _ = DecisionBook.open(path, data)
    assert not book.read_only
    app = _App(book, path)
    path.unlink()
    app._check_journal()
    [saved] = tmp_path.glob("j.recovered-*.jsonl")
    [warned] = [message for message, severity in app.toasts if severity == "warning"]
    assert f"the decisions its deleted file held are saved in {saved}" in warned, warned
    assert '"exclude"' in saved.read_text()
    book.close()
