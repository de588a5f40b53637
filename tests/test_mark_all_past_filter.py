"""'*' after a go-to past the filter: '/given:A', then ':N' to a row of another class (listed, the title
'filter: given:A but row N'), then '*' and 'x' excluded row N with the A rows; the preview showed 8 rows
and '… and 33 more', row N among the more (found in tmux, hostile23b, 600 banking77 rows). '*' marks
every row of the filtered list: the row listed past the filter is left unmarked, and the notice says so
(space marks it)."""

from __future__ import annotations

from pilot_helpers import journal_lines, open_goto, settle, wait_until
from test_goto_past_filter import filtered_to_one_class
from tui_synthetic import fixed_app


async def test_star_does_not_mark_the_row_listed_past_the_filter(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _, hidden = await filtered_to_one_class(pilot, app)
        view = app.view
        matching = screen.row_list.order.size
        await open_goto(pilot)
        await pilot.press(*str(hidden), "enter")
        await wait_until(pilot, lambda: hidden in screen.marked_rows() or screen._past_filter is not None,
                         "the go-to to list the row")
        await settle(pilot)
        assert screen.row_list.order.size == matching + 1
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.mark_count == matching, (screen.mark_count, matching)
        assert hidden not in [int(r) for r in screen.marked_rows()]
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == matching, "the bulk exclusion")
        excluded = {line["row"] for line in journal_lines(journal)}
        assert hidden not in excluded and all(view.given[r] == view.given[0] for r in excluded)
