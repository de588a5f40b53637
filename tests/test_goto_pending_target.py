"""A decision key that reaches a row screen while its go-to is still listing the row acts on
that row, not on the one under the old cursor.

The key gate (tui/key_gate.py) holds keys until the list shows its latest order, but only for
READY_CAP_S; past it (a starved machine, a slow sort) the key goes on. The lead saw ':2338⏎'
then 'l' open the label picker on the cursor's row once. A go-to to a row the flagged list
lacks widens the list (every row) in the order worker; until that order arrives, the cursor is
still on the old row and `target()` returned it. Here the worker is held, the cap shortened.
"""

from __future__ import annotations

import threading

import tui.key_gate
from pilot_helpers import journal_lines, open_goto, open_issue, settle, wait_until
from tui_synthetic import fixed_app


async def test_x_typed_while_the_go_to_lists_its_row_excludes_that_row(pinned_result, journal_path, monkeypatch):
    monkeypatch.setattr(tui.key_gate, "READY_CAP_S", 0.2)
    app = fixed_app(pinned_result, journal_path)
    release = threading.Event()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        before = screen.row_list.current_row
        view = app.view
        target = next(r for r in range(len(view)) if not view.flags["label"][r] and r != before)
        real = screen.order_for

        def held(request, check):  # the every-row list the go-to asks for waits until released
            if request.show_all:
                release.wait(30)
            return real(request, check)

        screen.order_for = held
        try:
            await open_goto(pilot)
            await pilot.press(*str(target), "enter", "x")
            await wait_until(pilot, lambda: journal_lines(journal_path), "the x in the journal")
        finally:
            release.set()
        await settle(pilot)
        (line,) = journal_lines(journal_path)
        assert (line["action"], line["row"]) == ("exclude", target), (line, before)
        assert screen.row_list.current_row == target


async def test_a_go_to_whose_list_failed_is_not_the_target_of_a_later_list(pinned_result, journal_path,
                                                                            monkeypatch):
    """A go-to whose order worker failed (said as 'filter/sort failed') left ``_pending_row`` set:
    the next filter or sort made ``target()`` return that row again, so 'x' typed while that list
    was made excluded the failed go-to's row, not the cursor's (s22 review22)."""
    monkeypatch.setattr(tui.key_gate, "READY_CAP_S", 0.2)
    app = fixed_app(pinned_result, journal_path)
    release = threading.Event()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        before = screen.row_list.current_row
        view = app.view
        target = next(r for r in range(len(view)) if not view.flags["label"][r] and r != before)
        real = screen.order_for

        def failing(request, check):  # the every-row list the go-to asks for fails
            if request.show_all:
                raise MemoryError("no room for the list")
            return real(request, check)

        screen.order_for = failing
        await open_goto(pilot)
        await pilot.press(*str(target), "enter")
        await wait_until(pilot, lambda: not screen.row_list.pending and app.screen is screen, "the failed go-to")

        def held(request, check):  # the next list (a sort) waits until released
            release.wait(30)
            return real(request, check)

        screen.order_for = held
        try:
            screen.apply("sorting")
            await pilot.press("x")
            await wait_until(pilot, lambda: journal_lines(journal_path), "the x in the journal")
        finally:
            release.set()
        await settle(pilot)
        (line,) = journal_lines(journal_path)
        assert (line["action"], line["row"]) == ("exclude", before), (line, target)
