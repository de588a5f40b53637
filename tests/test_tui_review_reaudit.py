"""The re-audit key (issue 13) on the real demo audit: R audits the corrected data in a worker,
the screen shows the delta (before / after / resolved / still flagged / new per type) equal to
engine.reaudit's, enter lists the newly flagged rows, escape cancels a running re-audit; the
summary shows the journal's totals."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from pilot_helpers import blocked_audit, reaudit_ended, settle
from textual.widgets import DataTable

from tui.app import TextauditApp
from tui.screens.more_like_this import MoreLikeThisScreen
from tui.screens.reaudit import ReauditScreen


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


async def finish(pilot, app) -> None:
    if not await reaudit_ended(pilot):
        raise AssertionError("the re-audit did not finish")


async def test_reaudit_shows_the_engines_delta_and_lists_new_rows(app, demo_result, journal_path):
    from engine.reaudit import reaudit

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")  # nothing decided yet: says so, starts nothing
        await pilot.pause()
        assert not isinstance(app.screen, ReauditScreen)
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("asterisk", "a", "enter")  # accept every label issue, one group
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        totals = str(app.screen.query_one("#journal-totals").render())
        relabelled = int(app.book.counts()["relabel"])
        assert relabelled > 0 and f"Journal: {relabelled} relabelled" in totals
        await pilot.press("R")
        await finish(pilot, app)
        screen = app.screen
        expected = reaudit(demo_result.dataset, demo_result.options, journal_path).delta
        table = screen.query_one("#delta-table", DataTable)
        shown = {screen.types[i]: table.get_row_at(i)[1:] for i in range(table.row_count)}
        for name, cells in shown.items():
            d = expected[name]
            resolved = f"{d['resolved_decided']:,}+{d['resolved'] - d['resolved_decided']:,}" if d["resolved"] else "0"
            assert cells == [f"{d['before']:,}", f"{d['after']:,}", resolved,
                             *(f"{d[k]:,}" for k in ("remaining", "new"))], name
        assert expected["label"]["resolved"] > 0  # accepting the suggestions fixed label issues
        with_new = [name for name in screen.types if expected[name]["new"]]
        if with_new:
            table.move_cursor(row=screen.types.index(with_new[0]))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MoreLikeThisScreen)
            listed = app.screen.row_list.order.tolist()
            assert sorted(listed) == sorted(expected[with_new[0]]["new_rows"])
            scores = [float(app.screen.sims[r]) for r in listed]
            assert scores == sorted(scores)  # worst first (test_newly_flagged_order)


async def test_escape_cancels_a_running_reaudit(app, monkeypatch):
    started = threading.Event()

    monkeypatch.setattr("engine.reaudit.run_audit", blocked_audit(started))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("x")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReauditScreen) and app.screen.running
        assert started.wait(30)
        await pilot.press("escape")
        await finish(pilot, app)
        assert "re-audit cancelled" in str(app.screen.query_one("#reaudit-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.issue_type == "label"
        assert np.count_nonzero(app.book.codes) == 1  # the journal is untouched
