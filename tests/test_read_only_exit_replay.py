"""A read-only app whose journal the other app changed since its last read: the exit line counts
the journal as it is now, replayed once the app is gone, not in on_unmount on the UI thread (at
220k lines that held the app seconds after q; s22 closing note)."""

from __future__ import annotations

import threading

from pilot_helpers import wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.launch import exit_lines


async def test_the_changed_journal_is_replayed_after_the_app_not_at_unmount(monkeypatch, pinned_result, journal_path):
    dataset = pinned_result.dataset
    replays: list[tuple[bool, bool]] = []  # (on the UI thread, the app still running)
    replay = Journal._load
    running = [True]

    def spying_load(self):
        if self.read_only:
            replays.append((threading.current_thread() is threading.main_thread(), running[0]))
        return replay(self)

    monkeypatch.setattr(TextauditApp, "_check_journal", lambda self: None)  # no poll: the change is found at quit
    writer = Journal.open(journal_path, dataset)  # the other app: it holds the lock
    try:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only
            monkeypatch.setattr(Journal, "_load", spying_load)
            for row in app.view.flagged("label")[:3]:
                writer.record("exclude", int(row), issue_type="label")
            await pilot.press("ctrl+q")
        running[0] = False
        assert replays == [], replays  # nothing replayed while the app closed
        assert "3 rows decided" in exit_lines(app)[0], exit_lines(app)
        assert replays == [(True, False)], replays  # once, after the app
        assert app.book.journal is None and app.book.replay_owed is None  # closed again, owed nothing
    finally:
        writer.close()
