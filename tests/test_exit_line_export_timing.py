"""The exit line's export is the export as it read the journal, and is named after q during it (review38b).

A decision typed while the export ran is not in the file (the export read the journal before it), yet
the exit line counted the journal when the export's message was handled, so it said nothing of it; and
q / ctrl+q while an export ran (10,003 banking77 rows to a datasets folder, tmux) wrote the folder but
the message was never handled: the exit line named no export at all.
"""

from __future__ import annotations

import threading

import engine.export
from pilot_helpers import exclude_first_label_row, exclude_while_export_runs, held_export_app, settle, start_export, wait_until
from tui_synthetic import fixed_app

from tui.launch import exit_lines


async def test_a_decision_made_while_the_export_runs_is_a_later_change(pinned_result, tmp_path, monkeypatch):
    async with held_export_app(pinned_result, tmp_path, monkeypatch) as (app, pilot, held, journal, out):
        await exclude_while_export_runs(pilot, journal, out, held.written)  # the export has read the journal
        held.release.set()
        await wait_until(pilot, lambda: app.exported is not None, "the export's end")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    rows = len(pinned_result.dataset)
    assert exit_lines(app)[1:] == [f"textaudit: exported {rows} rows to {out} this session (0 relabelled, "
                                   "0 excluded); 1 later journal change is not in it: export again to include them"]


async def test_an_export_running_at_quit_is_named(pinned_result, tmp_path, monkeypatch):
    async with held_export_app(pinned_result, tmp_path, monkeypatch) as (app, pilot, held, journal, out):
        await exclude_first_label_row(pilot, journal)
        await start_export(pilot, out)
        await wait_until(pilot, held.written.is_set, "the file written")
        await pilot.press("ctrl+c")  # the export still running
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    held.release.set()
    assert held.done.wait(60)
    await after_the_thread(lambda: app.exports)  # as the process's exit waits for the export's thread
    rows = len(pinned_result.dataset) - 1
    assert exit_lines(app)[1:] == [f"textaudit: exported {rows} rows to {out} this session (0 relabelled, "
                                   "1 excluded)"]
    assert out.is_file()


async def test_an_export_failing_at_quit_is_said(pinned_result, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def export(*args, **kwargs):
        started.set()
        release.wait(60)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(engine.export, "export_corrected", export)
    journal, out = tmp_path / "j.jsonl", tmp_path / "fixed.csv"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await start_export(pilot, out)
        await wait_until(pilot, started.is_set, "the export started")
        await pilot.press("ctrl+c")  # its failure comes after the app has gone: no toast says it
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    release.set()
    await after_the_thread(lambda: getattr(app, "export_failed", None) is not None)
    lines = exit_lines(app)
    assert lines[1:] == [f"textaudit: export to {out} failed: OSError: [Errno 28] No space left on device"], lines
    assert not out.exists()


async def after_the_thread(said) -> None:
    """The export's thread has recorded its end (``said()`` true): export_corrected returns, or fails, before
    run_export records it, and the process's exit waits for the thread so."""
    import asyncio

    for _ in range(1000):
        if said():
            return
        await asyncio.sleep(0.01)
