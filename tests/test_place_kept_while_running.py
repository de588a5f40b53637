"""The reading place (tui/ui_state.py) is written while the app runs, after a decision and a cursor move, not only
as it closes: a kill -9, a crash or a power cut lost it (the journal kept every decision). A SIGHUP (an SSH drop)
quits through the app's own shutdown, which writes it too (tmux kill-session, loop43c)."""

from __future__ import annotations

import json

from pilot_helpers import open_from_summary, settle
from tui_synthetic import fixed_app



def _state_text() -> str | None:
    from tui.ui_state import state_path

    path = state_path()
    return path.read_text(encoding="utf-8") if path.exists() else None


async def _written(pilot) -> str | None:
    """The state file once the app's pending write ran (a bounded number of event-loop turns, no clock)."""
    for _ in range(50):
        await pilot.pause()
        if (text := _state_text()) is not None:
            return text
    return None


async def test_a_decision_writes_the_place_before_the_app_closes(pinned_result, journal_path, monkeypatch):
    import tui.ui_state

    monkeypatch.setattr(tui.ui_state, "SAVE_DELAY", 0.001, raising=False)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("down", "down", "down", "x")  # a decision; the cursor goes on to the next row
        await settle(pilot)
        row = screen.row_list.current_row
        crashed = await _written(pilot)  # what a kill -9 now would leave
    assert crashed is not None, "no place written while the app ran"
    (entry,) = json.loads(crashed)["datasets"].values()
    assert entry["screens"]["label"]["entry"] == row and entry["screens"]["label"]["all"] is True
    from tui.ui_state import state_path

    state_path().write_text(crashed, encoding="utf-8")  # as if the exit's own write never came
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert screen.show_all and screen.row_list.current_row == row and screen.row_list.cursor == 4


async def test_a_cursor_move_alone_writes_the_place(pinned_result, journal_path, monkeypatch):
    import tui.ui_state

    monkeypatch.setattr(tui.ui_state, "SAVE_DELAY", 0.001, raising=False)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("down", "down")
        await settle(pilot)
        row = screen.row_list.current_row
        text = await _written(pilot)
        for _ in range(50):  # the write after the last move (one write per SAVE_DELAY while keys come)
            if text is not None and json.loads(text)["datasets"] and \
                    next(iter(json.loads(text)["datasets"].values()))["screens"]["label"]["entry"] == row:
                break
            await pilot.pause()
            text = _state_text()
    assert text is not None
    (entry,) = json.loads(text)["datasets"].values()
    assert entry["screens"]["label"]["entry"] == row
