"""The confusion matrix counts the issues left to decide, and enter on a cell lists that pair's rows.

Seen in tmux on banking77 train (loop42): C, v v v drew declined_transfer -> failed_transfer as 7 with 6 of
its rows decided, and enter on the matrix did nothing (it had no cell to be on); the pairs view had both.
Now the arrows move a cell cursor, its cell counts the undecided rows ('✓' where all are decided), the
line under the matrix says 'N left of M label issues, K decided', and enter opens the pair as the pairs
view does (the same filter, the same path).
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.bindings import CONFUSION_BINDINGS
from tui.screens.confusions import ConfusionScreen
from tui.screens.help import binding_table
from tui.screens.label_issues import LabelIssuesScreen


async def open_matrix(pilot) -> ConfusionScreen:
    await settle(pilot)
    await pilot.press("C", "v", "v", "v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ConfusionScreen) and screen.mode == "matrix"
    return screen


def grow_a_pair(app) -> None:
    """Three more flagged rows given class 0 with the suggestion 1 (each synthetic pair has one row)."""
    view = app.view
    flags = view.flags["label"]
    more = [int(r) for r in np.flatnonzero((view.given == 0) & ~flags)[:3]]
    flags[more] = True
    view.predicted[more] = 1


def cell_text(screen: ConfusionScreen, i: int, j: int) -> str:
    table = screen.query_one("#confusion-matrix").content
    return list(table.columns[j + 1].cells)[i].plain.strip()  # the cursor cell is padded to its width


async def test_cells_count_the_rows_left_to_decide(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        grow_a_pair(app)
        screen = await open_matrix(pilot)
        pairs = screen.grouped()  # the matrix's mode groups by pair
        top = screen.matrix_top
        pair = next(g for g in pairs if g.given != g.suggested and g.given in top and g.suggested in top
                    and g.count >= 2)
        i, j, rows = top.index(pair.given), top.index(pair.suggested), pair.rows
        assert cell_text(screen, i, j) == f"{len(rows)}"
        assert not app.book.record("keep", int(rows[0]), None, "label", None).error
        screen.cell = (i, j)
        screen.fill()
        assert cell_text(screen, i, j) == f"{len(rows) - 1}"  # it said len(rows): every issue, decided or not
        heading, example = screen.query_one("#example-line").shown
        assert f"{len(rows) - 1} left of {len(rows)} label issues, 1 decided" in heading, heading
        assert example == str(app.view.texts[int(heading.split("row ")[-1].split(":")[0])])
        assert int(heading.split("row ")[-1].split(":")[0]) != int(rows[0])  # the example is a row left to decide
        for row in rows[1:]:
            assert not app.book.record("keep", int(row), None, "label", None).error
        screen.fill()
        assert cell_text(screen, i, j) == "✓"
        heading, _ = screen.query_one("#example-line").shown
        assert f"{len(rows)} label issues, all decided" in heading, heading


async def test_enter_on_a_cell_lists_the_pair_as_the_pairs_view_does(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(pilot)
        assert screen.cell is not None
        start = screen.cell
        await pilot.press("right")
        await pilot.pause()
        assert screen.cell == (start[0], min(start[1] + 1, len(screen.matrix_top) - 1))
        await pilot.press("left")
        await pilot.pause()
        assert screen.cell == start
        given, suggested = (screen.matrix_top[k] for k in start)
        flags = app.view.flags["label"]
        rows = np.flatnonzero(flags & (app.view.given == given) & (app.view.predicted == suggested))
        assert len(rows), "the cursor starts on a cell with issues"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        await settle(pilot)
        label = app.screen
        assert isinstance(label, LabelIssuesScreen)
        names = app.view.class_names
        assert names[given] in label.filter_query and names[suggested] in label.filter_query
        assert sorted(label.row_list.order.tolist()) == rows.tolist()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.mode == "matrix" and screen.cell == start  # its place kept


async def test_enter_on_an_empty_cell_says_so_and_stays(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(pilot)
        view, top = app.view, screen.matrix_top
        flags = view.flags["label"]
        empty = next((i, j) for i in range(len(top)) for j in range(len(top))
                     if not np.any(flags & (view.given == top[i]) & (view.predicted == top[j])))
        screen.cell = empty
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert any("no label issue is given" in n.message for n in app._notifications)
        screen.show_example()
        assert screen.query_one("#example-line").shown[1] == "no label issue"  # not '∅ (empty text)'


async def test_a_short_screen_keeps_the_matrix_lines(pinned_result, journal_path):
    """At 40x12 the header and the line under the matrix left it no line; the line goes there."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_matrix(pilot)
        assert not screen.query_one("#example-line").display
        assert screen.query_one("#confusion-matrix").size.height >= len(screen.matrix_top) + 1
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen.query_one("#example-line").display


def test_help_names_the_arrows():
    import io

    from rich.console import Console

    console = Console(width=120, file=io.StringIO(), color_system=None, record=True)
    console.print(binding_table(CONFUSION_BINDINGS))
    text = console.export_text()
    assert "arrows" in text and "move between its cells" in text, text
