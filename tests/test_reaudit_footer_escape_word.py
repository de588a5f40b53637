"""The re-audit screen's footer named escape 'Back / cancel' after the re-audit had ended (ui27,
tmux, demo: 'Done in 1.9s ...' above 'esc Back / cancel'): there was nothing left to cancel. The
footer now says 'Cancel' while it runs and 'Back' once it has ended; escape does what it says."""

from __future__ import annotations

import threading

from pilot_helpers import blocked_audit, decide_and_leave, open_issue, reaudit_ended, reaudit_running, settle

from tui.app import TextauditApp
from tui.screens.reaudit import ReauditScreen
from tui.widgets.footer import Footer


def _footer(app) -> str:
    """What the footer offers: each drawn key's description."""
    keys = app.screen.query_one(Footer).query("FooterKey")  # by type name: Textual does not export it
    return " ".join(f"{key.key}={key.description}" for key in keys if key.region.width)


async def test_back_once_the_reaudit_has_ended(demo_result, journal_path):
    app = TextauditApp(demo_result, journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await decide_and_leave(pilot)
        await pilot.press("R")
        await reaudit_ended(pilot)
        await settle(pilot)
        drawn = _footer(app)
        assert "escape=Back" in drawn and "cancel" not in drawn.lower(), drawn
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReauditScreen)


async def test_cancel_while_it_runs(demo_result, journal_path, monkeypatch):
    started = threading.Event()

    monkeypatch.setattr("engine.reaudit.run_audit", blocked_audit(started))
    app = TextauditApp(demo_result, journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await reaudit_running(pilot, started, 20)
        drawn = _footer(app)
        assert "escape=Cancel" in drawn and "Back" not in drawn, drawn
        await pilot.press("escape")  # cancels; the screen stays to say so
        await reaudit_ended(pilot, 200)
        assert isinstance(app.screen, ReauditScreen) and not app.screen.running
        for _ in range(20):
            await pilot.pause()
        assert "escape=Back" in _footer(app), _footer(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReauditScreen)
