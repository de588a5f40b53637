"""Overlapping classes in the TUI: the rows of classes the model cannot tell apart
(engine/class_overlap.py) are a row on the summary and a list to read and relabel, as every other
finding is; the issue table marks them (``is_overlapping_class``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pilot_helpers import filter_rows, journal_lines, open_issue, settle, wait_until
from synthetic import MIXED
from textual.widgets import DataTable, Static

from tui.app import TextauditApp
from tui.widgets.row_list import RowList


def in_group(result) -> np.ndarray:
    names = list(result.dataset.class_names)
    return np.isin(result.dataset.labels, [names.index(name) for name in MIXED])


async def test_the_summary_lists_the_overlap_rows_and_enter_opens_them(mixed_result, tmp_path):
    app = TextauditApp(mixed_result, journal_path=tmp_path / "j.jsonl")
    expected = in_group(mixed_result)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        titles = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert titles.index("Overlapping classes") == titles.index("Label issues") + 1
        at = titles.index("Overlapping classes")
        assert table.get_row_at(at)[1:] == [f"{int(expected.sum()):,}", "0", f"{int(expected.sum()):,}"]
        table.move_cursor(row=at)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "OverlappingClassesScreen"
        rows = screen.query_one("#rows", RowList)
        assert sorted(rows.order.tolist()) == np.flatnonzero(expected).tolist()
        given = mixed_result.pred_probs[rows.order, mixed_result.dataset.labels[rows.order]]
        assert (np.diff(given) >= -1e-6).all()  # the given label the model believes least first
        verdict = " ".join(str(screen.query_one("#verdict", Static).render()).split())
        group = (mixed_result.output.info["label"]["overlapping_class_groups"])[0]
        assert f"cannot tell 3 classes apart: {', '.join(MIXED)} ({int(expected.sum())} rows, " \
               f"{group['own_share']:.0%} assigned to their own class)" in verdict
        assert "relabel the wrong rows (l) or merge the classes" in verdict
        title = str(screen.query_one("#title-bar", Static).render())
        assert title.startswith("Overlapping classes") and f"decided 0/{int(expected.sum())}" in title
        assert "Open: Overlapping classes" in [command.title for command in app.get_system_commands(screen)]
        detail = " ".join(str(screen.query_one("#detail-body", Static).render()).split())
        assert "one the model cannot tell apart from" in detail
        assert "Overlapping classes" in detail.split("Flagged by:")[1]


async def test_the_overlap_rows_are_relabelled_excluded_and_undone_with_the_usual_keys(mixed_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(mixed_result, journal_path=journal)
    names = list(mixed_result.dataset.class_names)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "overlapping_class")
        await filter_rows(pilot, "given:card_lost")
        rows = screen.query_one("#rows", RowList)
        assert len(rows.order) and all(names[mixed_result.dataset.labels[r]] == "card_lost" for r in rows.order)
        first = int(rows.order[rows.cursor])
        await pilot.press("l")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LabelPicker", "the label picker")
        await pilot.press(*"change_pin", "enter")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the relabel")
        entry = journal_lines(journal)[-1]
        assert (entry["row"], entry["action"], entry["label_before"], entry["label_after"]) == \
               (first, "relabel", "card_lost", "change_pin")
        second = int(rows.order[rows.cursor])
        assert second != first
        await pilot.press("x")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 2, "the exclusion")
        assert (journal_lines(journal)[-1]["row"], journal_lines(journal)[-1]["action"]) == (second, "exclude")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 3, "the undo")
        assert journal_lines(journal)[-1]["action"] == "undo"
        assert "decided 1/" in str(screen.query_one("#title-bar", Static).render())
        await pilot.press("q")  # back with the filter kept (escape clears a typed filter first, ui27b)
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        titles = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert table.get_row_at(titles.index("Overlapping classes"))[2] == "1"


def test_the_issue_table_marks_the_overlap_rows(mixed_result, demo_result):
    from engine.result import issue_table

    table = issue_table(mixed_result)
    assert table["is_overlapping_class"].tolist() == in_group(mixed_result).tolist()
    clean = issue_table(demo_result)  # no group: the column is there, every row False
    assert "is_overlapping_class" in clean and not clean["is_overlapping_class"].any()


def test_no_group_no_row(demo_result):
    from tui.view import AuditView

    view = AuditView.from_result(demo_result)
    assert "overlapping_class" not in view.issue_types and "overlapping_class" not in view.flags


async def test_the_reaudit_says_whether_the_relabelled_classes_are_told_apart_now(mixed_result, demo_csv, tmp_path):
    from test_tui_review_reaudit import finish

    journal = tmp_path / "j.jsonl"
    app = TextauditApp(mixed_result, journal_path=journal)
    names = list(mixed_result.dataset.class_names)
    wrong = [(row, names.index(label)) for row, label in enumerate(pd.read_csv(demo_csv)["label"])
             if names[mixed_result.dataset.labels[row]] != label]
    expected = in_group(mixed_result)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "overlapping_class")
        assert not app.book.record_group([("relabel", row, label) for row, label in wrong], "overlapping_class").error
        await pilot.press("R")
        await finish(pilot, app)
        status = " ".join(str(app.screen.query_one("#reaudit-status", Static).render()).split())
        assert f"Classes the model cannot tell apart: 3 classes, {int(expected.sum())} rows before, none after" in status
