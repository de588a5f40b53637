"""The key gate's quiet cap (tui/key_gate.QUIET_CAP_S): after a key, the next waits until the
messages it set off along the focus chain are handled, but not for ever. The cap never capped:
each look that found the chain busy restarted it, so while a widget of the chain kept getting
messages, every later key was held, ctrl+q included: the app could not be quit."""

from __future__ import annotations

import asyncio
import time

import pytest
from pilot_helpers import journal_lines, list_ready, wait_until
from test_tui_typeahead import type_at_once
from textual import events
from textual.message import Message
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.widgets.row_list import RowList


class Churn(Message, bubble=False):
    """Handled by posting the next one, then a short wait: the list's queue is never empty."""


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


async def test_ctrl_q_quits_while_the_focused_list_stays_busy(app, journal_path, monkeypatch):
    async def on_churn(self, message: Churn) -> None:
        if self.is_running:
            self.post_message(Churn())
            await asyncio.sleep(0.005)

    monkeypatch.setattr(RowList, "on_churn", on_churn, raising=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await wait_until(pilot, lambda: list_ready(app) and app.focused is app.screen.row_list, "the label list")
        app.screen.row_list.post_message(Churn())
        type_at_once(app, ["x"])
        app.post_message(events.Key("ctrl+q", "\x11"))  # in the same read as x
        end = time.monotonic() + 30  # pilot.pause() waits for an idle app, which this one never is
        while app.is_running and time.monotonic() < end:
            await asyncio.sleep(0.05)
        held = app.is_running
        if held:  # the held ctrl+q would be routed on the app run_test tears down
            app._typeahead.clear()
    assert not held, "ctrl+q was held: the app still ran 30 s later"
    assert app.return_code == 0
    assert [entry["action"] for entry in journal_lines(journal_path)] == ["exclude"]  # the key before it ran first
