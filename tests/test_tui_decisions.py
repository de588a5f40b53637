"""Relabel keys: each decision is in the journal file when the key press returns."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from pilot_helpers import journal_lines, open_filter, settle, wait_until
from pilot_helpers import notices as watch_notices
from textual.widgets import Input

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.widgets.row_list import RowList


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


async def open_labels(pilot, app) -> RowList:
    app.open_issue("label")
    await settle(pilot)
    return app.screen.query_one("#rows", RowList)


async def test_accept_exclude_keep_undo_redo(app, demo_result, journal_path):
    names = demo_result.dataset.class_names
    predicted = np.argmax(demo_result.pred_probs, axis=1)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        first, second, third = (int(r) for r in rows.order[:3])
        await pilot.press("a")
        entry = journal_lines(journal_path)[-1]
        assert (entry["action"], entry["row"], entry["label_after"]) == ("relabel", first, names[predicted[first]])
        assert entry["issue_type"] == "label"
        assert rows.current_row == second  # the cursor moved on
        assert app.screen.cell(first, "decision") == "→ " + names[predicted[first]]
        await pilot.press("x")
        assert journal_lines(journal_path)[-1]["action"] == "exclude" and journal_lines(journal_path)[-1]["row"] == second
        await pilot.press("o")
        assert journal_lines(journal_path)[-1]["action"] == "keep" and journal_lines(journal_path)[-1]["row"] == third
        assert app.screen.cell(second, "decision") == "✗ excluded"
        await pilot.press("u")
        assert journal_lines(journal_path)[-1]["action"] == "undo"
        assert app.screen.cell(third, "decision") == ""
        assert rows.current_row == third  # undo brings the cursor to the row it changed
        await pilot.press("ctrl+r")
        assert journal_lines(journal_path)[-1]["action"] == "redo"
        assert app.screen.cell(third, "decision") == "✓ kept"
        flagged = int(demo_result.output.issues["is_label_issue"].sum())
        assert f"decided 3/{flagged}" in str(app.screen.query_one("#title-bar").render())
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#issue-table")
        assert table.get_row_at(1)[2] == "3"  # the summary shows review progress


async def test_label_picker_relabels_to_the_chosen_class(app, demo_result, journal_path):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        row = int(rows.order[0])
        given = demo_result.dataset.class_names[demo_result.dataset.labels[row]]
        target, typed = ("exchange_rate", "exchrt") if given != "exchange_rate" else ("close_account", "clsacc")
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LabelPicker"
        await pilot.press(*typed)  # fuzzy, not the full name
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        entry = journal_lines(journal_path)[-1]
        assert (entry["row"], entry["action"], entry["label_after"]) == (row, "relabel", target)
        await pilot.press("l", "escape")  # escape cancels: nothing written
        await pilot.pause()
        assert len(journal_lines(journal_path)) == 1


async def test_decisions_reappear_after_restart(demo_result, journal_path):
    first = TextauditApp(demo_result, journal_path=journal_path)
    async with first.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, first)
        row = int(rows.order[0])
        await pilot.press("x")
    second = TextauditApp(demo_result, journal_path=journal_path)
    async with second.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, second)
        assert second.screen.cell(row, "decision") == "✗ excluded"


async def test_locked_journal_opens_read_only_and_saves_nothing(demo_result, journal_path):
    holder = Journal.open(journal_path, demo_result.dataset)
    try:
        app = TextauditApp(demo_result, journal_path=journal_path)
        notices = watch_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.book.read_only
            bar = app.screen.query_one("#title-bar")
            assert str(bar.render()).startswith("READ-ONLY")  # first, so 80 columns show it
            assert bar.has_class("-read-only")
            rows = await open_labels(pilot, app)
            assert str(app.screen.query_one("#title-bar").render()).startswith("READ-ONLY · Label issues")
            before = rows.current_row
            await pilot.press("x")
            await pilot.pause()
            assert rows.current_row == before  # nothing saved, so the cursor stays
            assert journal_path.read_text() == ""
            assert any("NOT saved" in message for message in notices)
    finally:
        holder.close()


async def test_near_duplicate_keep_one_and_relabel_set(app, demo_result, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        screen = app.screen
        members = list(screen.diff.members)
        await pilot.press("right")  # select the second member
        await pilot.press("k")
        group = journal_lines(journal_path)
        assert {(e["row"], e["action"]) for e in group} == (
            {(members[1], "keep")} | {(m, "exclude") for m in members if m != members[1]})
        assert len({e["group"] for e in group}) == 1  # one undoable step
        assert screen.is_decided(int(screen.set_of_row[members[0]]))
        await pilot.press("u")
        assert all(screen.book.codes[m] == 0 for m in members)
        rows = screen.row_list
        rows.move_cursor(0)
        await pilot.pause()
        members = list(screen.diff.members)
        await pilot.press("l", *"card_lost", "enter")
        await pilot.pause()
        last = journal_lines(journal_path)[-len(members):]
        assert {e["row"] for e in last} == set(members)
        labels = demo_result.dataset.class_names
        given = demo_result.dataset.labels
        for entry in last:
            expected = "keep" if labels[given[entry["row"]]] == "card_lost" else "relabel"
            assert entry["action"] == expected


async def test_export_dialog_writes_the_corrected_file(app, demo_result, journal_path, tmp_path):
    out = tmp_path / "out.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        relabelled, excluded = int(rows.order[0]), int(rows.order[1])
        await pilot.press("a", "x", "e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportDialog"
        summary = str(app.screen.query_one("#export-summary").render())
        assert "1 relabelled, 1 excluded" in summary and "Writes 257 of 258 rows" in summary
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.endswith("demo.corrected.csv")
        path_input.value = str(out)
        await pilot.press("enter")
        # the dialog's callback starts the export worker a few messages after the key: a
        # wait_for_complete() right after it could find no worker yet (and the app then closed)
        await wait_until(pilot, out.exists, f"the export to create {out}")
        await app.workers.wait_for_complete()
        await pilot.pause()
    frame = pd.read_csv(out)
    assert len(frame) == 257
    ids = demo_result.dataset.ids
    assert ids[excluded] not in set(frame["id"])
    predicted = np.argmax(demo_result.pred_probs, axis=1)
    label = frame.loc[frame["id"] == ids[relabelled], "label"].item()
    assert label == demo_result.dataset.class_names[predicted[relabelled]]


async def test_a_key_right_after_down_acts_on_the_new_set(app, journal_path):
    """Keys typed together ("down x") can run before the cursor's Highlighted message."""
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        screen = app.screen
        second = screen.entry_rows(int(screen.row_list.order[1]))
        screen.row_list.action_cursor(1)  # no pause: the detail has not caught up yet
        screen.action_exclude()
        assert journal_lines(journal_path)[-1]["row"] == second[0]


async def test_undo_of_another_screens_decision_from_an_earlier_session_says_so_and_goes_there(
        demo_result, journal_path):
    first = TextauditApp(demo_result, journal_path=journal_path)
    async with first.run_test(size=(100, 30)) as pilot:
        first.open_issue("near_duplicate")
        await settle(pilot)
        members = list(first.screen.diff.members)
        await pilot.press("k")  # keep one, exclude the rest: one group on Near-duplicates
    second = TextauditApp(demo_result, journal_path=journal_path)
    notices = watch_notices(second)
    async with second.run_test(size=(100, 30)) as pilot:
        rows = await open_labels(pilot, second)
        label_screen = second.screen
        await pilot.press("u")
        await settle(pilot)
        assert all(second.book.codes[m] == 0 for m in members)  # the near-duplicate group was undone
        message = notices[-1]
        assert message.startswith("undone: ") and "Near-duplicates, an earlier session" in message
        assert "moved there" in message and f"{len(members)} rows" in message
        assert ("…" in message) == (len(members) > 3), message  # 'on 2 rows (1,441, 1,461…)' hid nothing
        assert second.screen is second.issue_screen("near_duplicate") is not label_screen
        assert second.screen.diff.members == members  # the cursor is on the set it undid
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notices[-1].startswith("redone: ") and "Near-duplicates" in notices[-1]
        assert rows is label_screen.row_list
        second.open_issue("label")
        await settle(pilot)
        row = rows.current_row
        before = second.book.decided_among(second.view.flagged("label"))
        await pilot.press("x")  # then undo it from another screen: the label screen's count drops back
        flagged = len(second.view.flagged("label"))
        assert f"decided {before + 1}/{flagged}" in str(label_screen.query_one("#title-bar").render())
        second.open_issue("near_duplicate")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert second.screen is label_screen and rows.current_row == row
        assert second.book.codes[row] == 0
        assert f"decided {before}/{flagged}" in str(label_screen.query_one("#title-bar").render())


async def test_undo_on_the_same_screen_names_the_row_and_stays(app, journal_path):
    notices = watch_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, app)
        row = int(rows.order[0])
        await pilot.press("x", "down", "down")
        await pilot.press("u")
        await settle(pilot)
        assert notices[-1] == f"undone: ✗ excluded on row {row:,} (Label issues)"
        assert rows.current_row == row and app.screen is app.issue_screen("label")


async def test_reopening_puts_the_cursor_on_the_first_undecided_row(demo_result, journal_path):
    first = TextauditApp(demo_result, journal_path=journal_path)
    async with first.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, first)
        order = [int(r) for r in rows.order[:3]]
        await pilot.press("x", "o")
    second = TextauditApp(demo_result, journal_path=journal_path)
    async with second.run_test(size=(80, 24)) as pilot:
        rows = await open_labels(pilot, second)
        assert rows.current_row == order[2]


async def test_accept_is_offered_only_where_a_label_issue_backs_the_suggestion(app, demo_result, journal_path):
    view_flags = demo_result.output.issues
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("class_imbalance")
        await settle(pilot)
        screen = app.screen
        await pilot.press("f")  # every row: the rare class's own rows may be label issues too
        await settle(pilot)
        listed = screen.row_list.order.tolist()
        screen.row_list.move_cursor(next(i for i, r in enumerate(listed) if not view_flags["is_label_issue"][r]))
        await pilot.pause()
        row = screen.row_list.current_row
        assert not bool(view_flags["is_label_issue"][row])
        assert screen.check_action("accept", ()) is None  # dimmed in the footer
        await pilot.press("a")
        await pilot.pause()
        assert not journal_path.exists() or journal_lines(journal_path) == []
        detail = str(screen.query_one("#detail-body").render())
        assert "Suggested: none" in detail and "Top 3:" in detail
        await pilot.press("escape")
        rows = await open_labels(pilot, app)
        assert app.screen.check_action("accept", ()) is True
        assert "a label issue: a accepts" in str(app.screen.query_one("#detail-body").render())
        await pilot.press("a")
        assert journal_lines(journal_path)[-1]["action"] == "relabel"
        assert rows.current_row is not None


def test_the_farewell_line_counts_what_was_saved(demo_result, journal_path):
    from tui.decisions import DecisionBook

    book, _ = DecisionBook.open(journal_path, demo_result.dataset)
    try:
        book.record("exclude", 3, None, "label", None)
        book.record("keep", 4, None, "label", None)
        book.undo()
        line = book.farewell(journal_path)
        assert line == (f"textaudit: saved 2 decisions and 1 undo/redo step this session; "
                        f"1 row decided in all, in {journal_path}")
    finally:
        book.close()


async def test_export_warnings_reach_the_screen(demo_result, journal_path, tmp_path):
    """The app's export showed only 'wrote N rows' and dropped the export's warnings (a changed
    data file, a widened label column, journal entries not applied), which the CLI prints."""
    import dataclasses
    import shutil

    from engine.load import load_dataset
    from tui.screens.export_dialog import ExportRequest

    copy = tmp_path / "demo.csv"
    shutil.copyfile(demo_result.dataset.source, copy)
    dataset = load_dataset(copy, id_column="id")
    app = TextauditApp(dataclasses.replace(demo_result, dataset=dataset), journal_path=journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        with copy.open("a") as handle:
            handle.write("d9999,a row added after the audit,card_lost\n")
        seen = watch_notices(app)
        app.run_export(ExportRequest(tmp_path / "out.csv", corrections_only=False))
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(text.startswith("wrote 257 rows") for text in seen), seen
    assert any("changed on disk after it was read" in text for text in seen), seen


async def test_a_on_a_row_without_a_suggestion_says_why(pinned_result, journal_path):
    """The footer dims 'a' there; pressing it did nothing at all (seen on the Null screen in tmux)."""
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, journal_path)
    notices = watch_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_labels(pilot, app)
        await pilot.press("f")
        await settle(pilot)
        position = next(i for i, row in enumerate(rows.order.tolist()) if not app.view.backs_suggestion(row))
        rows.move_cursor(position)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert notices and notices[-1].startswith("nothing to accept"), notices
        assert not journal_path.exists() or not journal_path.read_text().strip()
        count = len(notices)
        await open_filter(pilot)  # 'a' pressed before the filter has the focus would reach the list
        await pilot.press("a")  # typed into the filter: no notice
        await wait_until(pilot, lambda: app.screen.query_one("#filter").value == "a", "'a' in the filter")
        assert len(notices) == count
        await pilot.press("escape")
        rows.move_cursor(next(i for i, row in enumerate(rows.order.tolist()) if app.view.backs_suggestion(row)))
        await pilot.pause()
        await pilot.press("a")  # a backed suggestion: accepted once, no notice
        await settle(pilot)
        assert len(journal_path.read_text().splitlines()) == 1 and not any(
            n.startswith("nothing to accept") for n in notices[count:])
