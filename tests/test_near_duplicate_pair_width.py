"""The near-duplicate Labels column is as wide as the widest pair it draws, not two of the longest names.

Seen in tmux at 50x16 on man-db's index (22 sections, the longest '3readline'): the column kept
21 cells (2 x 9 + 3) for pairs like '3 ≠ 3t' and '2 ≠ 7', and the first member's text was cut
at 17 cells ('bindresvport - bi…'); at 80x24 at 42. Where two of the longest names did not fit at
50 columns (the demo: 31 cells) the column was dropped, the pair not shown though it fits.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from rich.cells import cell_len
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.columns import LABELS, TEXT


def widths(screen) -> dict[str, int]:
    rows = screen.row_list
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return {column.key: cell for column, cell in zip(columns, cells)}


def short_pair(view, members) -> None:
    """The set's members: the two classes with the shortest names (one member the second)."""
    by_length = sorted(range(len(view.shown_names)), key=lambda c: (cell_len(view.shown_names[c]), c))
    for r in members:
        view.given[int(r)] = by_length[0]
    view.given[int(members[1])] = by_length[1]


async def test_a_pair_of_short_names_leaves_the_text_the_rest(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        short_pair(view, screen.sets[0])
        screen.view_changed()
        await pilot.pause()
        assert screen.conflict.any()
        cells = [screen.cell(e, LABELS) for e in range(len(screen.sets))]
        widest = max(cell_len(c) for c in cells)
        assert widest < 2 * screen.label_width() + 3, cells  # the case: a pair shorter than two longest names
        drawn = widths(screen)
        assert widest <= drawn[LABELS] <= max(widest, screen.label_width()), (drawn, widest)


async def test_at_fifty_columns_the_pair_is_drawn_whole_beside_the_text(pinned_result, tmp_path):
    """Two of the longest names (31 cells) do not fit beside a readable text at 50 columns, so the
    column was dropped and the pair not shown at all; the pair itself (22 cells) fits."""
    view = fixed_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(50, 16)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        short_pair(view, screen.sets[0])
        screen.view_changed()
        await pilot.pause()
        drawn = widths(screen)
        widest = max(cell_len(screen.cell(e, LABELS)) for e in range(len(screen.sets)))
        assert drawn.get(LABELS, 0) >= widest, drawn
        assert drawn[TEXT] >= 16, drawn
