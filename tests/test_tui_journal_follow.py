"""A second app on a journal another app holds opens it read-only, and follows what that app writes.

s10 inbox 1 (tmux, two panes on one folder): the read-only app's lists and totals never showed
the other app's decisions, its export preview said '0 relabelled' while the export (which reads
the journal on disk) wrote the relabel, and its exit line counted the rows of the copy it had
read at start. The screens draw the fixed synthetic view (no model runs). At quit, a journal
changed since the last read is replayed for the exit line once the app is gone, not in on_unmount
on the UI thread (at 220k lines that held the app seconds after q; s22 closing note).
"""

from __future__ import annotations

import threading

import pytest
from pilot_helpers import list_ready, wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.launch import exit_lines


@pytest.fixture
def writer(pinned_result, journal_path):
    """The other app's journal: it holds the lock, so an app opened beside it reads only."""
    with Journal.open(journal_path, pinned_result.dataset) as journal:
        yield journal


async def read_only_summary(pilot, app) -> None:
    await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
    assert app.book.read_only


async def test_a_read_only_app_shows_what_the_writing_app_decides(pinned_result, journal_path, writer):
    dataset = pinned_result.dataset
    app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        await read_only_summary(pilot, app)
        view = app.view
        row = int(view.flagged("label")[0])
        after = next(name for name in dataset.class_names if name != dataset.class_names[int(view.given[row])])
        writer.record("relabel", row, label_after=after, issue_type="label")
        summary = app.screen
        await wait_until(pilot, lambda: app.book.counts()["relabel"] == 1, "the other app's relabel")
        await wait_until(pilot, lambda: "1 relabelled" in str(summary.query_one("#journal-totals").render()),
                         "the summary's totals")
        app.open_issue("label")
        await wait_until(pilot, lambda: list_ready(app), "the label list")
        assert app.book.describe(row, view.shown_names) == f"→ {after}"
        writer.record("exclude", int(view.flagged("label")[1]), issue_type="label")
        await pilot.press("e")  # the preview counts what the export will read: both decisions
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "export-path", "the export dialog")
        preview = str(app.screen.query_one("#export-summary").render())
        assert "1 relabelled, 1 excluded" in preview, preview
        await pilot.press("escape")
        writer.record("keep", int(view.flagged("label")[2]), issue_type="label")
        await pilot.press("ctrl+q")
    assert "3 rows decided" in exit_lines(app)[0], exit_lines(app)


async def test_the_changed_journal_is_replayed_after_the_app_not_at_unmount(monkeypatch, pinned_result, journal_path,
                                                                            writer):
    replays: list[tuple[bool, bool]] = []  # (on the UI thread, the app still running)
    replay = Journal._load
    running = [True]

    def spying_load(self):
        if self.read_only:
            replays.append((threading.current_thread() is threading.main_thread(), running[0]))
        return replay(self)

    monkeypatch.setattr(TextauditApp, "_check_journal", lambda self: None)  # no poll: the change is found at quit
    app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        await read_only_summary(pilot, app)
        monkeypatch.setattr(Journal, "_load", spying_load)
        for row in app.view.flagged("label")[:3]:
            writer.record("exclude", int(row), issue_type="label")
        await pilot.press("ctrl+q")
    running[0] = False
    assert replays == [], replays  # nothing replayed while the app closed
    assert "3 rows decided" in exit_lines(app)[0], exit_lines(app)
    assert replays == [(True, False)], replays  # once, after the app
    assert app.book.journal is None and app.book.replay_owed is None  # closed again, owed nothing
