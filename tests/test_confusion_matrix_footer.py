"""The confusion footer offers '⏎ Open' where enter opens something.

Seen in tmux on banking77 test at 80x24: C, v v v (the matrix), footer '⏎ Open v View esc Back',
and enter did nothing; the footer then left it out. Since loop43b the matrix has a cell cursor and
enter lists the cell's pair (tests/test_confusion_matrix_cells.py), so its footer offers it again.
In the lists enter opens the group's rows, as before.
"""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


def footer_actions(app) -> set[str]:
    return {key.action for key in app.screen.query("FooterKey")}


async def test_the_matrix_footer_offers_open_and_the_pairs_still_open(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("C", "v", "v", "v")
        await pilot.pause()
        screen = app.screen
        assert screen.mode == "matrix"
        await pilot.pause()
        assert {"open", "cycle"} <= footer_actions(app)  # enter lists the cursor cell's pair
        await pilot.press("v")  # back to the pairs: enter lists the pair's rows
        await pilot.pause()
        assert screen.mode == "pairs" and screen.check_action("open", ())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.issue_type == "label"


async def test_the_pairs_footer_offers_open(pinned_result, journal_path):
    """The focused DataTable's own enter binding (not shown) shadowed the screen's: the pairs view's
    footer read 'v View esc Back' while its hint line said 'enter: the rows'."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert app.screen.mode == "pairs"
        assert {"open", "cycle", "back"} <= footer_actions(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.issue_type == "label"
