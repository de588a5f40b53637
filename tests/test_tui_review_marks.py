"""Marks and bulk decisions (issue 13): space / * / escape, a l x o on every marked row after a
confirmation, one journal group and one fsync; n / N, hiding decided rows, and ``:`` go-to.

The screens draw the fixed synthetic view of the demo (tests/tui_synthetic.py): no model runs.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from pilot_helpers import filter_rows, journal_lines, notices, open_goto, settle, wait_until
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.screens.help import key_name
from tui.widgets.row_list import RowList


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


def plain(renderable) -> str:
    """Text of a Rich renderable as a terminal shows it."""
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None, file=open(os.devnull, "w"))
    console.print(renderable)
    return console.export_text()


def title(app) -> str:
    return str(app.screen.query_one("#title-bar").render())


async def open_labels(pilot, app) -> RowList:
    app.open_issue("label")
    await settle(pilot)
    return app.screen.query_one("#rows", RowList)


async def test_space_star_escape_mark_and_clear(app):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        screen = app.screen
        first, second, third = (int(r) for r in rows.order[:3])
        await pilot.press("space", "space")
        assert screen.marked_rows() == [first, second]
        assert rows.current_row == third  # space moves on, so space space space marks a run
        assert "2 marked" in title(app)
        await pilot.press("up", "space")  # unmark the second
        assert screen.marked_rows() == [first]
        await filter_rows(pilot, "g:card")
        shown = rows.order.tolist()
        assert 0 < len(shown) < len(app.view.flagged("label"))
        await pilot.press("asterisk")
        assert set(screen.marked_rows()) == {first} | set(shown)
        assert f"{len({first} | set(shown))} marked" in title(app)
        await pilot.press("escape")
        assert screen.mark_count == 0 and "marked" not in title(app)
        assert app.screen is screen  # the first escape only cleared the marks
        await pilot.press("escape")  # the second the filter typed (ui27b: as less, vim or fzf)
        await pilot.pause()
        assert app.screen is screen and screen.filter_query == ""
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_bulk_accept_is_one_group_one_fsync_one_undo(app, journal_path, monkeypatch):
    import engine.corrections as corrections

    fsyncs = []
    real_fsync = corrections.os.fsync
    monkeypatch.setattr(corrections.os, "fsync", lambda fd: (fsyncs.append(fd), real_fsync(fd)))
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_labels(pilot, app)
        view = app.view
        marked = [int(r) for r in rows.order[:4]]
        await pilot.press("space", "space", "space", "space")
        cursor = rows.current_row
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"
        dialog = app.screen
        assert dialog.request.count == 4
        assert "Accept the suggested label on 4 marked rows" in str(dialog.query_one("#bulk-title").render())
        names = view.class_names
        assert [(p.row, p.before, p.after) for p in dialog.request.preview] == [
            (r, names[view.given[r]], names[view.predicted[r]]) for r in marked]
        assert journal_lines(journal_path) == []  # nothing written before the confirmation
        fsyncs.clear()
        await pilot.press("enter")
        await pilot.pause()
        written = journal_lines(journal_path)
        assert len(fsyncs) == 1  # one write, one fsync for the whole group
        assert [(e["row"], e["action"], e["label_after"]) for e in written] == [
            (r, "relabel", names[view.predicted[r]]) for r in marked]
        assert {e["group"] for e in written} == {written[0]["group"]} and written[0]["group_size"] == 4
        assert app.screen.mark_count == 0 and rows.current_row == cursor  # marks cleared, cursor stays
        assert f"decided 4/{len(view.flagged('label'))}" in title(app)
        await pilot.press("u")  # one undo takes back all four
        await pilot.pause()
        assert [e["action"] for e in journal_lines(journal_path)[4:]] == ["undo"] * 4
        assert not app.book.codes[marked].any()


async def test_bulk_cancel_writes_nothing_and_keeps_the_marks(app, journal_path):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, app)
        await pilot.press("space", "space", "x")
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert journal_lines(journal_path) == []
        assert app.screen.mark_count == 2
        await pilot.press("o", "y")  # y confirms too
        await pilot.pause()
        assert [e["action"] for e in journal_lines(journal_path)] == ["keep", "keep"]


async def test_bulk_label_keeps_rows_that_already_have_it(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_labels(pilot, app)
        view = app.view
        marked = [int(r) for r in rows.order[:5]]
        target = int(view.given[marked[0]])  # one marked row already carries the chosen label
        await pilot.press(*["space"] * 5, "l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LabelPicker"
        await pilot.press(*view.class_names[target], "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"
        await pilot.press("enter")
        await pilot.pause()
        written = {e["row"]: e for e in journal_lines(journal_path)}
        assert set(written) == set(marked)
        for row in marked:
            expected = "keep" if int(view.given[row]) == target else "relabel"
            assert written[row]["action"] == expected


async def test_bulk_accept_skips_rows_no_label_issue_backs(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("outlier")
        await settle(pilot)
        view = app.view
        rows = app.screen.row_list
        listed = rows.order.tolist()
        backed = [r for r in listed if view.backs_suggestion(r)]
        seen = notices(app)
        await pilot.press("asterisk", "a")
        await pilot.pause()
        if not backed:
            assert type(app.screen).__name__ != "BulkDialog"
            assert any("nothing to accept" in n for n in seen)
            return
        assert app.screen.request.count == len(backed)
        assert any("left as they are" in note for note in app.screen.request.notes)


async def test_marked_near_duplicate_sets_exclude_every_member(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        screen = app.screen
        sets = [screen.entry_rows(int(e)) for e in screen.row_list.order[:2]]
        await pilot.press("space", "space", "x", "enter")
        await pilot.pause()
        written = journal_lines(journal_path)
        assert sorted(e["row"] for e in written) == sorted(r for members in sets for r in members)
        assert {e["action"] for e in written} == {"exclude"} and len({e["group"] for e in written}) == 1


async def test_next_undecided_and_hiding_decided_rows(app):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        order = [int(r) for r in rows.order]
        await pilot.press("x", "x")  # rows 0 and 1 decided, cursor on 2
        await pilot.press("home", "n")
        assert rows.current_row == order[2]  # skips the decided ones
        await pilot.press("N")  # nothing undecided above: wraps to the last undecided row
        assert rows.current_row == order[-1]
        await pilot.press("d")
        await settle(pilot)
        assert rows.order.tolist() == order[2:] and "decided hidden" in title(app)
        rows.move_cursor(0)
        await pilot.press("o")  # deciding a row takes it out of the list at once
        await settle(pilot)
        assert rows.order.tolist() == order[3:] and rows.current_row == order[3]
        await pilot.press("d")
        await settle(pilot)
        assert rows.order.tolist() == order


async def test_goto_row_number_and_id(app, pinned_result):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        unflagged = int(np.flatnonzero(~app.view.flags["label"])[7])
        await open_goto(pilot)
        assert type(app.screen).__name__ == "GotoDialog"
        await pilot.press(*str(unflagged), "enter")
        # the list widens to every row (the order worker), then the cursor lands on the row
        await wait_until(pilot, lambda: rows.current_row == unflagged, f"the cursor on row {unflagged}")
        await open_goto(pilot)
        await pilot.press(*"nope", "enter")
        error = app.screen.query_one("#goto-error")
        await wait_until(pilot, lambda: bool(str(error.render())), "the go-to dialog's error line")
        assert "no row has the id 'nope'" in str(error.render())
        ident = str(pinned_result.dataset.ids[42])
        await pilot.press(*["backspace"] * 4, *ident, "enter")
        await wait_until(pilot, lambda: rows.current_row == 42, "the cursor on row 42 (its id)")


async def test_review_keys_are_in_help_and_palette(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in ("Mark or unmark the row, then go down (a, l, x, o then act on every marked row)",
                       "Mark every row of the list as filtered now", "Next row without a decision",
                       "Hide / show rows that have a decision", "Go to a row number or an id"):
            assert wanted in titles
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(plain(s.content) for s in app.screen.query("Static"))
        assert "Mark every row of the list as filtered now" in text and key_name("asterisk") == "*"
        assert "Go to a row number or an id" in text


async def test_bulk_on_a_read_only_journal_saves_nothing_and_says_so(pinned_result, journal_path):
    from engine.corrections import Journal

    holder = Journal.open(journal_path, pinned_result.dataset)  # another instance holds the lock
    try:
        app = fixed_app(pinned_result, journal_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_labels(pilot, app)
            seen = notices(app)
            await pilot.press("space", "space", "x", "enter")
            await pilot.pause()
            assert journal_path.read_text() == ""
            assert app.screen.mark_count == 2  # kept: nothing was decided
            assert any("NOT saved" in n for n in seen)
    finally:
        holder.close()


async def test_space_in_the_filter_is_a_space_and_goto_refuses_rows_off_the_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        await filter_rows(pilot, "card lost")
        assert app.screen.filter_query == "card lost" and app.screen.mark_count == 0
        await open_goto(pilot)
        await pilot.press(*"99999", "enter")
        error = app.screen.query_one("#goto-error")
        await wait_until(pilot, lambda: bool(str(error.render())), "the go-to dialog's error line")
        assert "past the last row" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
        assert rows.is_attached
        app.open_issue("near_duplicate")
        await settle(pilot)
        outside = next(r for r in range(len(app.view)) if r not in app.screen.set_of_row)
        await open_goto(pilot)
        await pilot.press(*str(outside), "enter")  # said in the dialog, which stays open (test_goto_unlisted_row)
        error = app.screen.query_one("#goto-error")
        await wait_until(pilot, lambda: "not on this screen" in str(error.render()), "the go-to dialog's error line")


async def test_bulk_preview_keeps_the_after_side_of_a_long_label():
    """At 80x24 a 120-character label filled the 'Given → after' column and '→ ✗ excluded' was cut
    off; long names are cut in the middle so both sides show."""
    from textual.app import App
    from textual.widgets import Static

    from tui.screens.bulk_dialog import BulkDialog, BulkRequest, PreviewRow

    long = "x" * 60 + "END"
    preview = [PreviewRow(7, "some text", long, "✗ excluded"), PreviewRow(9, "more", "short", long),
               PreviewRow(11, "text", long, long)]

    class DialogApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(BulkDialog(BulkRequest("Exclude: 3 marked rows", 3, preview)))

    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        static = app.screen.query_one("#bulk-preview", Static)
        lines = [static.render_line(y).text for y in range(static.size.height)]
    row7, row9, row11 = (next(line for line in lines if line.lstrip().startswith(str(n))) for n in (7, 9, 11))
    assert "END → ✗ excluded" in row7 and "xxx…" in row7
    assert "short → xx" in row9 and "END" in row9
    assert row11.count("END") == 2 and " → " in row11


async def test_undo_of_many_rows_keeps_the_cursor_in_the_list(app, journal_path):
    """A group undo put the cursor on the group's lowest row number: after excluding every listed
    row of a 20,000-row file, 'u' jumped to row 0 at the far end of the list sorted by score. Now
    the cursor stays on a row of the group, or goes to the group's first row in list order."""
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_labels(pilot, app)
        marked = [int(r) for r in rows.order[:4]]
        assert min(marked) != marked[0]  # the old landing row differs from the list's first
        await pilot.press("space", "space", "space", "space", "x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert rows.current_row not in marked
        await pilot.press("u")
        await pilot.pause()
        assert not app.book.codes[marked].any()
        assert rows.current_row == marked[0]
        await pilot.press("ctrl+r")  # redo: the cursor stays on a row of the group
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        on = rows.current_row
        assert on in marked
        await pilot.press("u")
        await pilot.pause()
        assert rows.current_row == on


async def test_goto_a_row_the_filter_hides_says_so(app):
    """tmux, 120x40 demo: '/refund' enter, ':0' enter: the list widened to every row, the filter
    still hid row 0, and nothing was said (the cursor stayed where it was). Now a notice says why,
    and the row is listed all the same (tests/test_goto_past_filter.py: a key typed next acted on
    the row under the cursor)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        await filter_rows(pilot, "card lost")
        hidden = next(r for r in range(len(app.view)) if "card" not in str(app.view.texts[r]).lower())
        seen = notices(app)
        await open_goto(pilot)
        await pilot.press(*str(hidden), "enter")
        await wait_until(pilot, lambda: any("does not match the filter card lost" in n for n in seen), "the notice")
        await wait_until(pilot, lambda: app.screen.row_list.current_row == hidden, "the cursor on the row")
        assert app.screen.show_all and app.screen._pending_row is None
