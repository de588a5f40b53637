"""``d`` (hide decided rows) stays on when the user goes to a decided row.

Left at the session-17 stop: with ``d`` on, ``:`` to a row decided earlier showed the row but turned
``d`` off and listed every row, decided ones too, with nothing said; a redo with ``d`` on did the
same, since the redone row has a decision again. The row is now listed on its own
while ``d`` stays on, until its decision changes or ``d`` is pressed.
"""

from __future__ import annotations

from pilot_helpers import open_goto, settle, wait_until
from tui_synthetic import fixed_app

from tui.widgets.row_list import RowList


def title(app) -> str:
    return str(app.screen.query_one("#title-bar").render())


async def _hiding(pilot, app) -> tuple[RowList, list[int]]:
    """The label list with its first two rows excluded and ``d`` on."""
    app.open_issue("label")
    await settle(pilot)
    rows = app.screen.query_one("#rows", RowList)
    order = [int(r) for r in rows.order]
    await pilot.press("x", "x", "d")
    await settle(pilot)
    assert rows.order.tolist() == order[2:]
    return rows, order


async def test_goto_a_decided_row_keeps_hiding_the_others(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        await open_goto(pilot)
        await pilot.press(*str(order[0]), "enter")
        await wait_until(pilot, lambda: rows.current_row == order[0], "the cursor on the decided row")
        await settle(pilot)
        assert app.screen.hide_decided and not app.screen.show_all
        assert sorted(rows.order.tolist()) == sorted([order[0], *order[2:]])  # order[1] stays hidden
        assert f"decided hidden but row {order[0]:,}" in title(app)
        await pilot.press("o")  # its decision changes: it leaves the list as any decided row does
        await settle(pilot)
        assert rows.order.tolist() == order[2:] and "but row" not in title(app)


async def test_goto_an_unflagged_decided_row_lists_every_undecided_row_and_it(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        unflagged = int(next(r for r in range(len(app.view)) if not app.view.flags["label"][r]))
        await open_goto(pilot)
        await pilot.press(*str(unflagged), "enter")  # undecided and not flagged: every row is listed
        await wait_until(pilot, lambda: rows.current_row == unflagged, "the cursor on the unflagged row")
        await pilot.press("x")
        await settle(pilot)
        assert unflagged not in rows.order.tolist()
        await open_goto(pilot)
        await pilot.press(*str(unflagged), "enter")  # now decided: listed again, d still on
        await wait_until(pilot, lambda: rows.current_row == unflagged, "the cursor on it again")
        await settle(pilot)
        assert app.screen.hide_decided and app.screen.show_all
        assert order[0] not in rows.order.tolist() and unflagged in rows.order.tolist()


async def test_redo_with_decided_rows_hidden_keeps_hiding_them(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        await pilot.press("x")  # order[2]
        await settle(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: rows.current_row == order[2], "the undone row under the cursor")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await wait_until(pilot, lambda: rows.current_row == order[2], "the redone row under the cursor")
        assert app.screen.hide_decided and not app.screen.show_all
        assert order[0] not in rows.order.tolist() and order[1] not in rows.order.tolist()
        await pilot.press("d", "d")  # d off and on again: the redone row goes with the rest
        await settle(pilot)
        assert rows.order.tolist() == order[3:]


async def test_undo_from_another_screen_lands_without_listing_every_row(pinned_result, journal_path):
    """tmux, banking77 test: ``d`` on the label list, 3 marked rows excluded there, ``o`` on the
    outlier screen, then ``u`` twice: the second undo moved to the label list listing all 3,080
    rows ('3,027 of 3,080 all rows · decided hidden'). That list still hid the undone rows (it
    was not shown when they were undone), so the row was not found and the list was widened."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        app.open_issue("outlier")
        await settle(pilot)
        await pilot.press("u")  # the newest decision: order[1], excluded on the label list
        await wait_until(pilot, lambda: getattr(app.screen, "issue_type", None) == "label", "the label list")
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.row_list.current_row == order[1], "the undone row")
        assert app.screen.hide_decided and not app.screen.show_all
        assert sorted(app.screen.row_list.order.tolist()) == sorted(order[1:])


async def test_redo_from_another_screen_keeps_the_redone_row_under_the_cursor(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        await pilot.press("u")  # order[1] listed again, undecided
        await wait_until(pilot, lambda: rows.current_row == order[1], "the undone row")
        app.open_issue("outlier")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: getattr(app.screen, "issue_type", None) == "label", "the label list")
        await settle(pilot)
        await wait_until(pilot, lambda: rows.current_row == order[1], "the redone row under the cursor")
        assert app.screen.hide_decided and not app.screen.show_all
        assert sorted(rows.order.tolist()) == sorted(order[1:])  # order[0] hidden, the redone row kept


async def test_a_decision_with_d_on_leaves_the_list_at_once(pinned_result, journal_path):
    """With ``d`` on, each x asked the order worker for a new order and the next key waited for it:
    20 x in 3.2 s on banking77 test (3,080 rows, a loaded 2-core machine), 0.8 s with ``d`` off.
    A decision only takes entries out of such a list, and leaves the rest in order: now done in
    place (no order asked for). On the last row the cursor stays at the bottom (it jumped to the top)."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows, order = await _hiding(pilot, app)
        screen = app.screen
        asked = screen.generation
        await pilot.press("x", "o")
        assert screen.generation == asked and not rows.pending  # no new order asked for
        assert rows.order.tolist() == order[4:] and rows.current_row == order[4]
        assert "decided hidden" in title(app)
        rows.move_cursor(len(rows.order) - 1)
        await pilot.press("x")
        assert rows.order.tolist() == order[4:-1] and rows.current_row == order[-2]
        await pilot.press("space", "up", "space", "x", "enter")  # a bulk decision the same way
        await wait_until(pilot, lambda: rows.order.tolist() == order[4:-3], "the marked rows gone")
        assert screen.generation == asked and rows.current_row == order[-4]
        await pilot.press("u")  # an undo lists again (its rows come back in their places)
        await settle(pilot)
        assert rows.order.tolist() == order[4:-1] and screen.generation > asked
