"""A decision key that reaches a row screen while its go-to is still listing the row acts on
that row, not on the one under the old cursor.

The key gate (tui/key_gate.py) holds keys until the list shows its latest order, but only for
READY_CAP_S; past it (a starved machine, a slow sort) the key goes on. The lead saw ':2338⏎'
then 'l' open the label picker on the cursor's row once. A go-to to a row the flagged list
lacks widens the list (every row) in the order worker; until that order arrives, the cursor is
still on the old row and `target()` returned it. Here the worker is held, the cap shortened.
"""

from __future__ import annotations

import contextlib
import threading

import pytest

import tui.key_gate
from pilot_helpers import journal_lines, open_goto, open_issue, settle, wait_until
from tui_synthetic import fixed_app


@pytest.fixture
def app(pinned_result, journal_path, monkeypatch):
    monkeypatch.setattr(tui.key_gate, "READY_CAP_S", 0.2)
    return fixed_app(pinned_result, journal_path)


async def label_list(pilot, app):
    """The label list, the row under its cursor, a row the list lacks (a go-to's target, which
    widens the list to every row) and the screen's own ``order_for``."""
    screen = await open_issue(pilot, "label")
    before = screen.row_list.current_row
    target = next(r for r in range(len(app.view)) if not app.view.flags["label"][r] and r != before)
    return screen, before, target, screen.order_for


@contextlib.contextmanager
def held_lists(screen, real, only_every_row: bool):
    """The lists ``screen`` asks for (only the every-row list a go-to asks for, with
    ``only_every_row``) wait in their worker until the block ends."""
    release = threading.Event()

    def held(request, check):
        if request.show_all or not only_every_row:
            release.wait(30)
        return real(request, check)

    screen.order_for = held
    try:
        yield
    finally:
        release.set()


async def excluded_row(pilot, journal_path) -> int:
    """The row of the one line in the journal, an exclusion, once the lists have settled."""
    await settle(pilot)
    (line,) = journal_lines(journal_path)
    assert line["action"] == "exclude", line
    return line["row"]


async def test_x_typed_while_the_go_to_lists_its_row_excludes_that_row(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        screen, before, target, real = await label_list(pilot, app)
        with held_lists(screen, real, only_every_row=True):
            await open_goto(pilot)
            await pilot.press(*str(target), "enter", "x")
            await wait_until(pilot, lambda: journal_lines(journal_path), "the x in the journal")
        assert await excluded_row(pilot, journal_path) == target, before
        assert screen.row_list.current_row == target


async def test_a_go_to_whose_list_failed_is_not_the_target_of_a_later_list(app, journal_path):
    """A go-to whose order worker failed (said as 'filter/sort failed') left ``_pending_row`` set:
    the next filter or sort made ``target()`` return that row again, so 'x' typed while that list
    was made excluded the failed go-to's row, not the cursor's (s22 review22)."""
    async with app.run_test(size=(100, 30)) as pilot:
        screen, before, target, real = await label_list(pilot, app)

        def failing(request, check):  # the every-row list the go-to asks for fails
            if request.show_all:
                raise MemoryError("no room for the list")
            return real(request, check)

        screen.order_for = failing
        await open_goto(pilot)
        await pilot.press(*str(target), "enter")
        await wait_until(pilot, lambda: not screen.row_list.pending and app.screen is screen, "the failed go-to")
        with held_lists(screen, real, only_every_row=False):  # the next list (a sort) waits
            screen.apply("sorting")
            await pilot.press("x")
            await wait_until(pilot, lambda: journal_lines(journal_path), "the x in the journal")
        assert await excluded_row(pilot, journal_path) == before, target
