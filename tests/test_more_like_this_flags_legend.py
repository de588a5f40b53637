"""The more-like-this list says what its Flags column's letters stand for.

Seen in tmux on the demo: m on a label issue listed 51 rows with a Flags column of 'L', 'D' and
'C' that nothing on the screen explained (the detail pane names the checks of one row only).
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from test_tui_review_similar import wait_for
from textual.widgets import Static

from tui.app import TextauditApp
from tui.screens.more_like_this import FLAG_LETTERS, MoreLikeThisScreen, flag_letters


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


async def test_the_flag_letters_shown_are_spelled_out(app):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("m")
        await wait_for(pilot, app, MoreLikeThisScreen)
        screen = app.screen
        shown = {letter for row in screen.rows.tolist() for letter in flag_letters(app.view, int(row))}
        legend = str(screen.query_one("#verdict", Static).render())
    assert "L" in shown  # the source row is a label issue
    assert legend.startswith("Flags: ")
    assert "L label issue" in legend
    for name, letter in FLAG_LETTERS.items():  # every letter on screen, and only those
        assert (f" {letter} " in legend.replace("·", " ") + " ") == (letter in shown), (letter, legend)
