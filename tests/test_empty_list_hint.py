"""An empty row list names the keys that bring rows back, within 80 columns. Seen in tmux on
banking77 (80x24): after a confusion pair was fixed ('* a'), 'd' emptied its filtered list, which
said 'nothing matches the filter given:declined_transfer suggested:failed_transfer:' and was cut
there: it blamed the filter (its 3 rows were decided, 'd' hid them), and its '/ edits it' fell
past the 78 cells drawn."""

from __future__ import annotations

from pilot_helpers import open_filter, open_issue, settle
from tui_synthetic import fixed_app


async def test_an_empty_filtered_list_of_decided_rows_names_d(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        rows = screen.row_list
        row = screen.target()
        given = app.view.class_names[int(app.view.given[row])]
        suggested = app.view.class_names[int(app.view.predicted[row])]
        await open_filter(pilot)
        app.focused.value = f"given:{given} suggested:{suggested}"
        await pilot.press("enter")
        await settle(pilot)
        count = len(rows.order)
        assert count >= 1
        for _ in range(count):
            await pilot.press("x")
            await pilot.pause()
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not len(rows.order)
        drawn = " ".join(rows.render_line(y).text.strip() for y in range(1, 4)).strip()  # wrapped (row_list.wrapped)
        assert drawn.startswith("no undecided row matches the filter (d shows decided rows, / edits it): given:"), drawn
        await pilot.press("d")
        await settle(pilot)
        assert len(rows.order) == count


async def test_the_keys_come_before_a_long_query(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        rows = app.screen.row_list
        await open_filter(pilot)
        app.focused.value = "given:no_such_class_with_a_long_name suggested:another_long_class_name"
        await pilot.press("enter")
        await settle(pilot)
        assert not len(rows.order)
        drawn = rows.render_line(1).text
        assert "(/ edits it, ctrl+u there clears it)" in drawn, drawn
