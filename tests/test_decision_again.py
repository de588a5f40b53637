"""A decision the row already has (x on an excluded row, o on a kept one, a on a row already given
the suggestion) writes nothing: it wrote a second journal line, an undo step that took back nothing
visible (tmux, banking77 test: x, up, x, u said 'undone: ✗ excluded on row 264' of a row still
excluded). The cursor moves on as after any decision."""

from __future__ import annotations

import pytest
from pilot_helpers import journal_lines, open_issue, settle
from tui_synthetic import fixed_app

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


@pytest.mark.parametrize("key", ["x", "o", "a"])
async def test_the_same_decision_again_writes_nothing(app, journal_path, key):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        await pilot.press(key)
        await pilot.pause()
        assert len(journal_lines(journal_path)) == 1
        await pilot.press("up", key)
        await settle(pilot)
        assert len(journal_lines(journal_path)) == 1
        assert screen.row_list.current_row != row  # moved on, as after the first press
        await pilot.press("u")  # the one decision is taken back: the row has none
        await settle(pilot)
        assert app.book.codes[row] == 0
        assert [line["action"] for line in journal_lines(journal_path)] == [
            {"x": "exclude", "o": "keep", "a": "relabel"}[key], "undo"]


async def test_a_set_row_excluded_again_writes_nothing(ml_app):
    async with ml_app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        path = ml_app.book.journal.path
        await pilot.press("x", "up", "x")
        await settle(pilot)
        assert [line["action"] for line in journal_lines(path)] == ["exclude"]


@pytest.mark.parametrize("keys", [("a",), ("l", "enter")])
async def test_a_set_given_again_writes_nothing(ml_app, keys):
    """A row's label set decided, then the same set again: a (its suggestion) twice, or l and
    enter on the picker's 'set: ... (unchanged)': a second relabel line, an undo that took back
    nothing visible (tmux, banking77 multi-label slice: l, space, enter, up, l, enter: 2 lines;
    s17 hostile2). x and o already wrote nothing (224cec8)."""
    async with ml_app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        path = ml_app.book.journal.path
        row = screen.row_list.current_row
        await pilot.press("a")  # the suggested set
        await settle(pilot)
        await pilot.press("up", *keys)
        await settle(pilot)
        assert screen.row_list.current_row != row  # moved on, as after the first
        assert [(line["action"], line["row"]) for line in journal_lines(path)] == [("relabel", row)]
        await pilot.press("up", "u")  # the one decision is taken back
        await settle(pilot)
        assert ml_app.book.codes[row] == 0
