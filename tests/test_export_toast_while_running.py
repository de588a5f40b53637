"""The app's export while it runs (review38b): the 'wrote N rows' toast says the journal changes made after
enter are not in the file (the exit line did, a4001f2; the toast did not), and a second export to the path the
first still writes is refused with a toast (the dialog could not ask to replace it: no file there yet)."""

from __future__ import annotations

import threading

import engine.export
from pilot_helpers import exclude_while_export_runs, held_export_app, start_export, wait_until
from tui_synthetic import fixed_app

from tui.launch import exit_lines


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_toast_says_a_decision_made_while_it_ran(pinned_result, tmp_path, monkeypatch):
    async with held_export_app(pinned_result, tmp_path, monkeypatch) as (app, pilot, held, journal, out):
        await exclude_while_export_runs(pilot, journal, out, held.written)  # the export has read the journal
        held.release.set()
        await wait_until(pilot, lambda: any(t.startswith("wrote ") for t in toasts(app)), "the toast")
        wrote = next(t for t in toasts(app) if t.startswith("wrote "))  # (a long path is cut in the middle)
        assert wrote.startswith(f"wrote {len(pinned_result.dataset)} rows to ")
        assert wrote.endswith("fixed.csv (0 relabelled, 0 excluded); 1 journal change made while it ran is not in "
                              "it: export again to include it")


async def test_a_second_export_to_the_same_path_is_refused(pinned_result, tmp_path, monkeypatch):
    async with held_export_app(pinned_result, tmp_path, monkeypatch) as (app, pilot, held, journal, out):
        await start_export(pilot, out)
        await wait_until(pilot, held.written.is_set, "the file written")
        out.unlink()  # as before the rename: the dialog finds no file to ask about
        await start_export(pilot, out)
        await wait_until(pilot, lambda: any(t.startswith("not exported") for t in toasts(app)), "the refusal")
        refused = next(t for t in toasts(app) if t.startswith("not exported"))
        assert refused.startswith("not exported: the export to ")
        assert refused.endswith("fixed.csv is still running; export again once it is done")
        held.release.set()
        await wait_until(pilot, lambda: any(t.startswith("wrote ") for t in toasts(app)), "the first's toast")
        assert held.outputs == [str(out)]
        await start_export(pilot, tmp_path / "other.csv")  # once it is done, exports run again
        await wait_until(pilot, lambda: len(held.outputs) == 2, "the next export")


async def test_a_decision_typed_ahead_of_the_read_is_in_the_file_and_said_so(pinned_result, tmp_path, monkeypatch):
    """'e path enter x' sent at once: the x can reach the journal before the export reads it (tmux, banking77
    train: '1 excluded' in the file, yet the toast and the exit line said '1 ... change ... is not in it')."""
    started, release = threading.Event(), threading.Event()
    real = engine.export.export_corrected

    def export(*args, **kwargs):
        started.set()
        release.wait(60)  # the journal not read yet
        return real(*args, **kwargs)

    monkeypatch.setattr(engine.export, "export_corrected", export)
    journal, out = tmp_path / "j.jsonl", tmp_path / "fixed.csv"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await exclude_while_export_runs(pilot, journal, out, started)  # the journal not read yet
        release.set()
        await wait_until(pilot, lambda: any(t.startswith("wrote ") for t in toasts(app)), "the toast")
        assert next(t for t in toasts(app) if t.startswith("wrote ")).endswith("(0 relabelled, 1 excluded)")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    rows = len(pinned_result.dataset) - 1
    assert exit_lines(app)[1:] == [f"textaudit: exported {rows} rows to {out} this session (0 relabelled, "
                                   "1 excluded)"]
