"""Reopening a journal opens each list where the last run left it: the row, the sort, ``f`` and ``d`` (loop42,
banking77 train: quit on row 5,268 after a pass that skipped rows, reopened on the first skip, 5,643; the sort, f
and d reset). The place is kept in a small JSON file in the state folder (tui/ui_state.py), per data and journal;
a row the list no longer shows, a changed text or a broken file opens the list as before."""

from __future__ import annotations

import json

from pilot_helpers import open_from_summary, settle
from tui_synthetic import fixed_app



def state_path():
    from tui.ui_state import state_path  # here: the first tests run (and fail) on the code before it too

    return state_path()


async def _leave(result, journal, keys: tuple[str, ...], down: int) -> tuple[int, str, bool]:
    """A run: the label list, ``keys`` (f, d, s, S ...), the cursor ``down`` rows; q q. The row it quit on, the sort."""
    app = fixed_app(result, journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for _ in range(down):
            await pilot.press("down")
        await pilot.pause()
        left = screen.row_list.current_row, screen.sort_key, screen.sort_descending
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    return left


async def test_reopened_the_label_list_is_where_it_was_left(pinned_result, journal_path):
    row, sort, descending = await _leave(pinned_result, journal_path, ("f", "s", "s", "S"), 40)  # every row; s s S
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")  # the summary's enter, as the user reopens it
        rows = screen.row_list
        assert screen.show_all and len(rows.order) == len(app.view)  # f kept
        assert (screen.sort_key, screen.sort_descending) == (sort, descending) == ("text", True)  # s, s, S kept
        assert rows.current_row == row and rows.cursor > 0  # the row quit on, not the first undecided
        top = int(rows.scroll_offset.y)
        assert top < rows.cursor < top + rows.body_height - 1  # in view, rows before and after it too (mid-screen)


async def test_hidden_decided_rows_stay_hidden(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("d", "down", "down")
        await settle(pilot)
        decided = screen.row_list.current_row
        await pilot.press("x")  # d on: the row decided leaves the list, the cursor on the next
        await settle(pilot)
        left = screen.row_list.current_row
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert screen.hide_decided and decided not in screen.row_list.order.tolist()
        assert screen.row_list.current_row == left != decided and screen.row_list.cursor == 2


async def test_a_row_the_list_no_longer_has_opens_it_as_before(pinned_result, journal_path):
    row, _, _ = await _leave(pinned_result, journal_path, ("f",), 3)  # every row: the cursor on an unflagged one
    assert row not in pinned_result_flagged(pinned_result, journal_path)
    data = json.loads(state_path().read_text(encoding="utf-8"))
    (entry,) = data["datasets"].values()
    entry["screens"]["label"]["all"] = False  # its list is the flagged rows: the row is not there
    state_path().write_text(json.dumps(data), encoding="utf-8")
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert not screen.show_all and screen.row_list.cursor == 0  # as before: the first undecided row


def pinned_result_flagged(result, journal) -> set[int]:
    return {int(r) for r in fixed_app(result, journal)._given_view.flagged("label")}


async def test_a_broken_state_file_is_ignored(pinned_result, journal_path):
    await _leave(pinned_result, journal_path, ("f",), 5)
    state_path().write_text("{not json", encoding="utf-8")
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert not screen.show_all and screen.row_list.cursor == 0  # as a first run
    assert json.loads(state_path().read_text(encoding="utf-8"))["version"] == 1  # written again, whole


async def test_another_journal_of_the_same_data_has_its_own_place(pinned_result, journal_path, tmp_path):
    await _leave(pinned_result, journal_path, ("f",), 5)
    app = fixed_app(pinned_result, tmp_path / "other.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert not screen.show_all and screen.row_list.cursor == 0


async def test_near_duplicate_sets_and_outliers_reopen_where_left(pinned_result, journal_path):
    left = {}
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for issue in ("near_duplicate", "outlier"):
            screen = await open_from_summary(pilot, issue)
            await pilot.press("down", "down")
            await pilot.pause()
            left[issue] = screen.row_list.current_row
            assert screen.row_list.cursor == 2
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for issue in ("near_duplicate", "outlier"):
            screen = await open_from_summary(pilot, issue)
            assert screen.row_list.current_row == left[issue], issue


async def test_a_sort_by_a_column_a_narrower_terminal_leaves_out_is_not_kept(pinned_result, journal_path):
    """Sorted by Decision at 120 columns, reopened at 80 (no Decision column): the screen's own sort, marked."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("5")
        await settle(pilot)
        assert screen.sort_key == "decision"
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert "decision" not in screen.row_list.drawn_keys()
        assert (screen.sort_key, screen.sort_descending) == ("score", False)
        assert "Score ▲" in screen.row_list.render_line(0).text
