"""The audit ending while help or the palette is open over its progress screen.

Seen in tmux (AG News, 7,600 rows, a 5-minute audit): ctrl+p during the audit, and the audit
ended. switch_screen put the summary in the palette's place, the progress screen stayed under
it, and the app's 'summary at stack[1]' then popped the summary away: enter on Label issues,
escape, and the user was back on 'Auditing ag.csv · embed 19%' with the clock running; escape
there said 'cancelling…' for good and only ctrl+q got out."""

from __future__ import annotations

import threading

import pytest
from pilot_helpers import settle, wait_until
from tui_synthetic import fixed_view

from engine.pipeline import AuditOptions
from tui.app import TextauditApp


def _held_app(monkeypatch, demo_csv, pinned_result, tmp_path, fail: bool = False):
    started, release = threading.Event(), threading.Event()

    def held_audit(source, options, **_):
        started.set()
        release.wait(30)
        if fail:
            from engine.errors import DataError

            raise DataError("the data went away")
        return pinned_result

    monkeypatch.setattr("engine.pipeline.run_audit", held_audit)
    monkeypatch.setattr(TextauditApp, "view_of", lambda self, result: fixed_view(result.dataset))  # no model
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    return app, started, release


def _names(app) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p"])
async def test_escape_from_an_issue_screen_comes_back_to_the_summary(monkeypatch, demo_csv, pinned_result,
                                                                      tmp_path, key):
    app, started, release = _held_app(monkeypatch, demo_csv, pinned_result, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, started.is_set, "the audit to start")
        await pilot.press(key)  # help, or the palette, over the progress screen
        await wait_until(pilot, lambda: type(app.screen).__name__ != "ProgressScreen", "the dialog")
        release.set()
        await wait_until(pilot, lambda: app.book is not None, "the summary")
        await settle(pilot)
        assert "ProgressScreen" not in _names(app), _names(app)
        assert type(app.screen).__name__ == "SummaryScreen"
        app.open_issue("label", flagged=True)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen", _names(app)
        await pilot.press("q")


async def test_an_audit_error_under_help_is_said_on_the_progress_screen(monkeypatch, demo_csv, pinned_result,
                                                                         tmp_path):
    """The error went to a toast only, and the progress screen under help kept running its clock."""
    app, started, release = _held_app(monkeypatch, demo_csv, pinned_result, tmp_path, fail=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, started.is_set, "the audit to start")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "help")
        release.set()
        await wait_until(pilot, lambda: app.audit_error is not None, "the error")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgressScreen"
