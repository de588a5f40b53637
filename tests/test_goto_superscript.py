"""':' then '²' (a key of its own on French AZERTY keyboards, top left) and enter crashed the app:
'²' passes str.isdigit but not int(), ValueError out of the go-to dialog, traceback, app gone.
Such a character is looked up as an id, as any other text; decimal digits of any script (٣) stay a
row number, as int() reads them."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import open_goto, open_issue
from textual.widgets import Label
from tui_synthetic import fixed_app

from tui.screens.goto_dialog import resolve_row


@pytest.mark.parametrize("typed", ["²", "1²", "①", "¹²"])
def test_digit_like_characters_are_looked_up_as_ids(typed):
    assert resolve_row(typed, np.arange(10), 10) == (None, f"no row has the id {typed!r}")


def test_decimal_digits_of_any_script_are_row_numbers():
    assert resolve_row("٣", np.arange(10), 10) == (3, None)
    assert resolve_row("1,0", np.arange(20), 20) == (10, None)


async def test_the_dialog_says_so_and_the_app_runs_on(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await open_goto(pilot)
        await pilot.press("²", "enter")
        await pilot.pause()
        assert app.is_running
        assert "no row has the id '²'" in str(app.screen.query_one("#goto-error", Label).render())
