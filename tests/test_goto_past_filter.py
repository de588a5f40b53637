"""`:` to a row the filter hides lists that row (the title says 'filter: X but row N'), so the key
typed next acts on the row asked for.

Seen in headless Chromium on a 220,000-row CSV: `/card⏎`, then `:150000⏎` said 'row 150,000 does
not match the filter card' and closed the dialog, and the `x` typed next excluded row 63,936, the
one under the cursor. Type-ahead (`:150000⏎x` in one send) does the same before the notice shows.
A row the screen cannot list at all is still refused with a notice.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import filter_rows, journal_lines, open_goto, open_issue, settle, wait_until
from tui_synthetic import fixed_app


async def filtered_to_one_class(pilot, app):
    """Every row of the label screen, filtered to row 0's class: the screen, the class's name and the
    last row of another class (the filter hides it)."""
    screen = await open_issue(pilot, "label")
    await pilot.press("f")  # every row
    await settle(pilot)
    view = app.view
    name = view.class_names[int(view.given[0])]
    await filter_rows(pilot, f"given:{name}")
    hidden = int(np.flatnonzero(view.given != view.given[0])[-1])
    assert hidden not in screen.row_list.order.tolist()
    return screen, name, hidden


async def test_goto_a_row_the_filter_hides_then_x_decides_that_row(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, name, hidden = await filtered_to_one_class(pilot, app)
        await open_goto(pilot)
        await pilot.press(*str(hidden), "enter", "x")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the x to be written")
        assert journal_lines(journal)[0]["row"] == hidden, journal_lines(journal)
        title = " · ".join(screen.title_parts())
        assert f"filter: given:{name} but row {hidden:,}" in title, title
        # a new filter lists only its own matches again
        await filter_rows(pilot, f"given:{name} ")
        assert hidden not in screen.row_list.order.tolist() and "but row" not in " · ".join(screen.title_parts())
