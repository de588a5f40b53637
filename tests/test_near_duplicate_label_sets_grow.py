"""On a wide terminal the near-duplicate list's Labels column grows to its sets, on label sets too.

walk33 (`textaudit demo --multilabel` at 120 and 160 columns): the Labels column kept the width of
two of the longest single labels and read 'fraud, payment (+1)' beside 80-120 cells of text, while
the label screen's Given column of the same data grows to whole sets. It was sized from the longest
single label, and the growth to the widest cell ran only for single-label data.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from rich.cells import cell_len

from tui.columns import LABELS, TEXT


def drawn_widths(screen) -> dict[str, int]:
    rows = screen.row_list
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return dict(zip((column.key for column in columns), cells))


async def test_label_sets_column_grows_on_a_wide_terminal(ml_app):
    async with ml_app.run_test(size=(200, 40)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        ml = ml_app.view.multilabel
        members = [int(r) for r in screen.sets[0]][:2]
        by_length = sorted(range(len(ml.names)), key=lambda k: -cell_len(ml.shown[k]))
        ml.sets[members[0]] = tuple(sorted(by_length[0:3]))  # a set of three long labels
        screen.view_changed()
        await pilot.pause()
        widest = max(cell_len(screen.cell(e, LABELS)) for e in range(len(screen.sets)))
        widths = drawn_widths(screen)
        assert widths[LABELS] >= min(widest, 80), (widths, widest)  # was 2 * 18 + 3 at most
        assert widths[TEXT] >= int(200 * 0.4)  # the text keeps its share
        line = screen.row_list.render_line(1).text
        assert screen.cell(0, LABELS) in line, line  # the widest set drawn whole


async def test_label_sets_column_stays_narrow_at_80(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        widths = drawn_widths(screen)
        assert widths[TEXT] >= 26, widths  # min_text_width: a third of the terminal
