"""At 80 columns a relabelled row's Suggested cell shows its arrow and the whole name.

Seen in tmux on the demo at 80x24 (ui24, again ui25): after `a` on 'I still have not received the
refund…' the Suggested cell read '→refund…equest': with no room for the Decision column the cell
says the relabel with a '→', which took one of the column's cells (as wide as the longest name) and
was cut with the name, in its middle. The column has a cell for the arrow now; a name longer than
the column is cut after the arrow.
"""

from __future__ import annotations

from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_app

from tui.columns import DECISION


def drawn_line(row_list, position: int) -> str:
    return row_list.render_line(position - int(row_list.scroll_offset.y) + 1).text


async def test_an_accepted_longest_name_is_drawn_whole_at_80_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        row_list = screen.row_list
        view = app.view
        longest = max(len(name) for name in view.shown_names)
        order = [int(entry) for entry in row_list.order]
        position = next(i for i, row in enumerate(order)
                        if len(view.shown_names[view.predicted[row]]) == longest and view.backs_suggestion(row))
        row_list.move_cursor(position)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert DECISION not in row_list.shown_keys  # the arrow is the Suggested cell's to draw here
        name = view.shown_names[view.predicted[order[position]]]
        line = drawn_line(row_list, position)
        assert "→" + name in line, line
        assert "…" not in line.rsplit("→", 1)[1], line  # the name, not cut


def test_a_name_longer_than_the_column_keeps_the_arrow(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    from tui.screens.label_issues import LabelIssuesScreen

    screen = LabelIssuesScreen.__new__(LabelIssuesScreen)
    screen.view = app._given_view
    name = max(screen.view.shown_names, key=len)
    cut = screen.fit_suggested("→" + name, len(name) - 2)
    assert cut.startswith("→") and len(cut) == len(name) - 2 and "…" in cut
    assert screen.fit_suggested(name, len(name)) == name
