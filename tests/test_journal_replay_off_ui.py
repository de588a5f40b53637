"""Reopening a dataset replays its corrections journal in the audit worker, not on the UI thread.

Seen (left22, s22): a 220k-row dataset with a 220k-line journal; DecisionBook.open replayed it
in show_result, on the UI thread, for about 6 s (this 2-core machine; 0.7 s reported before),
with the app frozen between the progress screen and the summary."""

from __future__ import annotations

import threading

from pilot_helpers import export_warning, wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from engine.pipeline import AuditOptions
from tui.app import TextauditApp


def held_reads(monkeypatch, release: threading.Event) -> list[threading.Thread]:
    """Hold each journal read until ``release`` is set: the worker reads what was appended
    (read_tail), or the whole file where it must (_load). Returns the threads that read, in order."""
    read_on: list[threading.Thread] = []

    def slow(read):
        def reading(self):
            read_on.append(threading.current_thread())
            release.wait(30)
            return read(self)
        return reading

    monkeypatch.setattr(Journal, "_load", slow(Journal._load))
    monkeypatch.setattr(Journal, "read_tail", slow(Journal.read_tail))
    return read_on


async def test_the_journal_is_replayed_off_the_ui_thread(monkeypatch, demo_csv, pinned_result, tmp_path):
    journal_path = tmp_path / "j.jsonl"
    dataset = pinned_result.dataset
    other = next(c for c in dataset.classes if c != dataset.classes[dataset.labels[3]])
    with Journal.open(journal_path, dataset) as journal:  # an earlier session's decisions
        journal.record("exclude", 1, issue_type="label")
        journal.record("relabel", 3, label_after=str(other), issue_type="label")

    replayed_on: list[threading.Thread] = []
    replay = Journal._load

    def spying_load(self):
        replayed_on.append(threading.current_thread())
        return replay(self)

    monkeypatch.setattr(Journal, "_load", spying_load)
    monkeypatch.setattr("engine.pipeline.run_audit", lambda source, options, **_: pinned_result)
    monkeypatch.setattr(TextauditApp, "view_of", lambda self, result: fixed_view(result.dataset))  # no model
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.book is not None or app.audit_error is not None, "the summary")
        assert app.audit_error is None, app.audit_error
        assert type(app.screen).__name__ == "SummaryScreen"
        assert replayed_on, "the journal was not replayed"
        assert all(thread is not threading.main_thread() for thread in replayed_on), replayed_on
        # every correction exact, and the journal still this app's to write
        assert app.book.counts()["exclude"] == 1 and app.book.counts()["relabel"] == 1, app.book.counts()
        assert app.book.display_label(int(app.book.labels[3])) == str(other)
        assert not app.book.read_only
        await pilot.press("q")


async def test_escape_during_the_replay_cancels_and_releases_the_journal(monkeypatch, demo_csv, pinned_result,
                                                                         tmp_path):
    """Escape says 'cancelling…' while the journal replays: the app stops there (exit code 130,
    as a cancelled audit) and the journal is closed, free for the next start to write."""
    from engine.errors import EXIT_CANCELLED

    journal_path = tmp_path / "j.jsonl"
    replaying, release = threading.Event(), threading.Event()
    replay = Journal._load

    def slow_load(self):
        replaying.set()
        release.wait(30)
        return replay(self)

    monkeypatch.setattr(Journal, "_load", slow_load)
    monkeypatch.setattr("engine.pipeline.run_audit", lambda source, options, **_: pinned_result)
    monkeypatch.setattr(TextauditApp, "view_of", lambda self, result: fixed_view(result.dataset))
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, replaying.is_set, "the replay to start")
        await pilot.press("escape")
        await wait_until(pilot, app.cancel_event.is_set, "the cancel")
        release.set()
        await wait_until(pilot, lambda: app.return_code is not None, "the app to stop")
    assert app.return_code == EXIT_CANCELLED and app.book is None
    monkeypatch.setattr(Journal, "_load", replay)
    with Journal.open(journal_path, pinned_result.dataset) as again:  # not locked by the cancelled app
        assert not again.read_only


async def test_a_read_only_app_replays_one_change_once(monkeypatch, pinned_result, tmp_path):
    """The poll (every 2 s) started another replay while the last one ran: a change the other app
    wrote was replayed again and again until the first replay was taken."""
    monkeypatch.setattr("tui.app.JOURNAL_POLL_S", 0.02)
    journal_path = tmp_path / "j.jsonl"
    dataset = pinned_result.dataset
    writer = Journal.open(journal_path, dataset)
    release = threading.Event()
    try:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            started = held_reads(monkeypatch, release)
            writer.record("exclude", int(app.view.flagged("label")[0]), issue_type="label")
            await wait_until(pilot, lambda: len(started) >= 1, "the replay")
            await pilot.pause(0.5)  # some 25 polls while it runs
            assert len(started) == 1, len(started)
            release.set()
            await wait_until(pilot, lambda: app.book.counts()["exclude"] == 1, "the replay taken")
    finally:
        release.set()
        writer.close()


async def test_a_read_only_export_reads_the_journal_off_the_ui_thread(monkeypatch, pinned_result, tmp_path):
    """A read-only app reads the journal the other app wrote before its export preview: that
    replay ran in the 'e' key's handler, on the UI thread. The dialog now opens at once, says it
    is reading, holds enter until the counts are there, then shows them."""
    monkeypatch.setattr("tui.app.JOURNAL_POLL_S", 3600.0)  # only the export reads it again here
    journal_path = tmp_path / "j.jsonl"
    dataset = pinned_result.dataset
    writer = Journal.open(journal_path, dataset)  # the other app
    release = threading.Event()
    try:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only
            replayed_on = held_reads(monkeypatch, release)
            writer.record("exclude", int(app.view.flagged("label")[0]), issue_type="label")
            await pilot.press("e")  # on the old code the app stopped here until the replay ended
            await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "export-path", "the export dialog")
            summary = app.screen.query_one("#export-summary")
            assert "Reading the journal" in str(summary.render())
            assert replayed_on and all(t is not threading.main_thread() for t in replayed_on), replayed_on
            await pilot.press("enter")  # not yet: the preview is not there
            await pilot.pause()
            assert type(app.screen).__name__ == "ExportDialog"
            assert "press enter again" in export_warning(app.screen)
            release.set()
            await wait_until(pilot, lambda: "1 excluded" in str(summary.render()), "the counts in the preview")
            await pilot.press("escape")
    finally:
        release.set()
        writer.close()
