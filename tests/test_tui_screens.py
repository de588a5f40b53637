"""Pilot tests of every screen on the real demo audit (audited once per session)."""

from __future__ import annotations

import os

import numpy as np
import pytest
from pilot_helpers import filter_rows, settle
from textual.widgets import DataTable, Static

from engine.result import issue_counts
from tui.app import TextauditApp
from tui.view import ISSUE_TITLES
from tui.widgets.row_list import RowList


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")


def rows_of(app: TextauditApp) -> RowList:
    return app.screen.query_one("#rows", RowList)


def plain(renderable) -> str:
    """Text of any Rich renderable or string, as a terminal would show it."""
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None, file=open(os.devnull, "w"))
    console.print(renderable)
    return console.export_text()


def static_text(app: TextauditApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_type(pilot, app: TextauditApp, issue_type: str) -> None:
    app.open_issue(issue_type)
    await settle(pilot)


async def test_summary_lists_every_issue_type_with_counts(app, demo_result):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        counts = issue_counts(demo_result)
        assert table.row_count == len(counts) == 7
        for index, (name, count) in enumerate(counts.items()):
            cells = table.get_row_at(index)
            assert cells[0] == ISSUE_TITLES[name]
            # Non-IID: the verdict in a word, not Datalab's count (ui27b; the demo is grouped by label)
            assert cells[1] == ("NOT random" if name == "non_iid" else f"{count:,}")
        assert "258 rows" in static_text(app, "#title-bar")
        assert "Non-IID: p = " in static_text(app, "#non-iid-verdict")


async def test_enter_on_summary_opens_the_issue_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # second row: label issues
        await pilot.pause()
        assert type(app.screen).__name__ == "LabelIssuesScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_health_line_stays_on_screen_at_80x24(app):
    """Textual centres an auto-focused widget; the summary must not scroll its first line away."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(2):
            health = app.screen.query_one("#health")
            assert health.region.y >= 1 and "Health:" in static_text(app, "#health")
            assert app.screen.query_one("#summary").scroll_y == 0
            await pilot.press("down", "enter")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert app.focused is app.screen.query_one("#issue-table")


async def test_label_issues_worst_first_and_detail_follows_cursor(app, demo_result):
    issues = demo_result.output.issues
    flagged = np.flatnonzero(issues["is_label_issue"].to_numpy())
    expected = flagged[np.argsort(issues["label_score"].to_numpy()[flagged], kind="stable")]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "label")
        rows = rows_of(app)
        assert list(rows.order) == list(expected)
        detail = app.screen.query_one("#detail")
        assert detail.row == expected[0]
        await pilot.press("down", "down")
        await pilot.pause()
        assert rows.current_row == expected[2]
        assert detail.row == expected[2]
        body = str(detail.query_one("#detail-body", Static).render())
        assert demo_result.dataset.texts[expected[2]] in body
        assert "Why:" in body and "Nearest neighbours:" in body


async def test_filters_and_sort(app, demo_result):
    names = np.asarray(demo_result.dataset.class_names)
    given = names[demo_result.dataset.labels]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "label")
        rows = rows_of(app)
        flagged = set(rows.order.tolist())
        await pilot.press("f")  # every row, by score
        await settle(pilot)
        assert len(rows.order) == 258
        await filter_rows(pilot, "given:card_lost")
        assert len(rows.order) == int(np.sum(given == "card_lost")) > 0
        assert all(given[r] == "card_lost" for r in rows.order)
        app.screen.set_filter("re:^how\\b")
        await settle(pilot)
        texts = [demo_result.dataset.texts[r] for r in rows.order]
        assert texts and all(t.lower().startswith("how") for t in texts)
        app.screen.set_filter("re:(")  # a bad regex filters nothing and says why
        await settle(pilot)
        assert len(rows.order) == 258
        assert "bad regex" in static_text(app, "#title-bar")
        app.screen.set_filter("")
        await pilot.press("f")
        await settle(pilot)
        assert set(rows.order.tolist()) == flagged
        scores = demo_result.output.issues["label_score"].to_numpy()
        await pilot.press("S")  # reverse: best score first
        await settle(pilot)
        assert list(scores[rows.order]) == sorted(scores[rows.order], reverse=True)


async def test_outliers_sorted_by_score(app, demo_result):
    issues = demo_result.output.issues
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "outlier")
        order = rows_of(app).order
        assert set(order) == set(np.flatnonzero(issues["is_outlier_issue"].to_numpy()))
        scores = issues["outlier_score"].to_numpy()[order]
        assert list(scores) == sorted(scores)
        assert "Far from everything" in str(app.screen.query_one("#detail-body", Static).render())


async def test_near_duplicate_sets_conflicts_first(app, demo_result):
    view_labels = demo_result.dataset.labels
    async with app.run_test(size=(100, 30)) as pilot:
        await open_type(pilot, app, "near_duplicate")
        screen = app.screen
        sets = [screen.sets[e] for e in rows_of(app).order]
        conflict = [len(set(view_labels[m])) > 1 for m in sets]
        assert conflict == sorted(conflict, reverse=True)  # conflicting sets first
        assert conflict[0]
        assert screen.cell(int(rows_of(app).order[0]), "set") == "!"
        flagged = set(np.flatnonzero(demo_result.output.issues["is_near_duplicate_issue"].to_numpy()))
        assert flagged <= set(np.concatenate(sets).tolist())
        diff = screen.query_one("#detail")
        assert diff.members == list(sets[0])
        assert "CONFLICTING LABELS" in str(diff.render_set().renderables[0])


async def test_non_iid_and_flagged_rows_and_report(app, demo_result):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "non_iid")
        assert "NOT random" in static_text(app, "#non-iid-verdict")
        assert app.screen.query_one("#label-plot") is not None
        await open_type(pilot, app, "class_imbalance")
        assert "Rarest class" in static_text(app, "#verdict")
        expected = set(np.flatnonzero(demo_result.output.issues["is_class_imbalance_issue"].to_numpy()))
        assert set(rows_of(app).order) == expected
        await open_type(pilot, app, "null")
        assert len(rows_of(app).order) == 1
        assert static_text(app, "#verdict") == "1 row has empty or missing text."  # was '1 rows have'
        app.action_summary()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReportScreen"


async def test_help_lists_every_decision_key(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(plain(s.content) for s in app.screen.query(Static))
        for key in ("Accept", "Exclude", "Keep", "Undo", "Redo", "Export", "Filter", "Keep the selected member"):
            assert key in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_command_palette_lists_screens(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for name, title in ISSUE_TITLES.items():  # overlapping classes: only when a group exists (its own test)
            assert (f"Open: {title}" in titles) == (name != "overlapping_class")
        assert "Export corrected dataset" in titles


@pytest.mark.parametrize("issue_type", [None, *ISSUE_TITLES, "help", "report"])
async def test_every_screen_survives_resize(app, issue_type):
    async with app.run_test(size=(80, 24)) as pilot:
        if issue_type == "help":
            await pilot.press("question_mark")
        elif issue_type == "report":
            await pilot.press("r")
        elif issue_type is not None:
            await open_type(pilot, app, issue_type)
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("down")
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen


async def test_filter_text_and_rows_survive_leaving_and_reopening_a_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "label")
        await pilot.press("f")
        await filter_rows(pilot, "card")
        kept = rows_of(app).order.tolist()
        await pilot.press("q")  # q leaves with the filter kept (escape clears a typed filter first, ui27b)
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        screen = app.issue_screen("label")
        refilters: list[str] = []
        original = screen.set_filter
        screen.set_filter = lambda query, delay=0.0: (refilters.append(query), original(query, delay))
        await open_type(pilot, app, "label")
        assert app.screen is screen and refilters == []  # shown again, not filtered again
        assert app.screen.query_one("#filter").value == "card"
        assert rows_of(app).order.tolist() == kept
        assert "filter: card" in static_text(app, "#title-bar")


async def test_every_issue_screen_opened_twice_is_the_same_live_screen(app):
    """Going back must not remove a screen: Textual unmounts a popped screen that is not installed,
    and one pushed again after that re-composes its widgets and, in a real terminal, never repaints
    (its stopped update timer is resumed). The e2e tmux suite sees the painting; this sees the cause."""
    async with app.run_test(size=(80, 24)) as pilot:
        for issue_type in app.view.issue_types:
            await open_type(pilot, app, issue_type)
            screen = app.screen
            widgets = list(screen.children)  # (the footer re-composes its keys on its own)
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "SummaryScreen"
            await open_type(pilot, app, issue_type)
            assert app.screen is screen and list(screen.children) == widgets
            await pilot.press("escape")
            await settle(pilot)
        await open_type(pilot, app, "label")
        row = rows_of(app).current_row
        await pilot.press("x")
        await settle(pilot)
        assert app.book.describe(row, app.view.class_names) == "✗ excluded"
        assert "decided 1/" in static_text(app, "#title-bar")


async def test_report_has_no_python_advice_says_which_score_flags_labels_and_opens_rows(app, demo_result):
    from tui.widgets.wide_lines import WideLines

    issues = demo_result.output.issues
    ours = int(issues["is_label_issue"].sum())
    theirs = int(issues["datalab_is_label_issue"].sum())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        source = static_text(app, "#label-source")
        assert f"{ours:,} rows flagged by textaudit's label score" in source
        assert f"Datalab's own flag: {theirs:,} rows" in source
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        texts = [line.text for line in screen.lines]
        assert texts[0] == source
        assert not any("datalab.get_issues" in t or "`datalab" in t for t in texts)
        openable = [(i, line) for i, line in enumerate(screen.lines) if line.row is not None]
        label_index, label_line = next((i, line) for i, line in openable if line.issue_type == "label")
        report = screen.query_one("#report", WideLines)
        report.highlighted = label_index
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.issue_screen("label")
        assert rows_of(app).current_row == label_line.row


def test_the_help_screen_does_not_import_the_app():
    import subprocess
    import sys

    code = "import sys, tui.screens.help; sys.exit('tui.app' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("width", [80, 120])
async def test_filter_hint_fits_whole_and_help_headings_span_the_width(app, width):
    async with app.run_test(size=(width, 30)) as pilot:
        await open_type(pilot, app, "label")
        bar = app.screen.query_one("#filter")
        await pilot.pause()
        assert bar.placeholder.endswith(('"', ")", "LABEL")) and len(bar.placeholder) < bar.content_region.width
        await pilot.press("question_mark")
        await pilot.pause()
        headings = list(app.screen.query(".help-heading"))
        assert headings and all(h.region.height == 1 for h in headings[:-1])  # no heading wraps


async def test_palette_commands_come_from_the_screen_bindings(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_type(pilot, app, "label")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Accept the suggested label (where a label issue backs it)", "Choose a label (or type a new class)",
                      "Undo the latest decision (says which and where)", "Filter rows", "Sort by the next column"):
            assert title in commands
        row = rows_of(app).current_row
        app.call_later(commands["Exclude the row from the exported data"].callback)
        await settle(pilot)
        assert app.book.describe(row, app.view.class_names) == "✗ excluded"
        await open_type(pilot, app, "class_imbalance")
        await pilot.press("f")  # every row: some are not label issues
        await settle(pilot)
        listed = rows_of(app).order.tolist()
        rows_of(app).move_cursor(next(i for i, r in enumerate(listed) if not app.view.backs_suggestion(r)))
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Accept the suggested label (where a label issue backs it)" not in titles  # not offered here
        assert "Choose a label (or type a new class)" in titles
