"""Pilot tests of the multi-label screens on the bundled multi-label demo (audited once per session)."""

from __future__ import annotations

import numpy as np
from pilot_helpers import journal_lines, settle
from textual.widgets import Static

from tui.app import TextauditApp
from tui.widgets.row_list import RowList


async def open_labels(pilot, ml_app: TextauditApp):
    ml_app.open_issue("label")
    await settle(pilot)
    return ml_app.screen.query_one("#rows", RowList)


async def test_summary_shows_label_frequencies_and_pairs(ml_app, ml_result):
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        title = str(ml_app.screen.query_one("#chart-title", Static).render())
        assert "Label frequencies (6 labels" in title and "4 rows with no label" in title
        assert "272 rows · 6 labels · journal" in ml_app.screen.title_text()
        pairs = str(ml_app.screen.query_one("#cooccurrence", Static).render())
        assert "Labels seen together" in pairs and " + " in pairs


async def test_label_screen_shows_sets_and_set_suggestions(ml_app, ml_result):
    ml = ml_app.view.multilabel if ml_app.view else None
    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        rows = await open_labels(pilot, ml_app)
        ml = ml_app.view.multilabel
        assert type(ml_app.screen).__name__ == "MultiLabelIssuesScreen"
        first = rows.current_row
        assert ml_app.screen.cell(first, "given") == ml.given_text(first)
        suggestion = ml_app.screen.cell(first, "suggested")
        assert suggestion != "=" and all(part[0] in "+-" for part in suggestion.split())
        body = str(ml_app.screen.query_one("#detail-body", Static).render())
        assert "Suggested: " + suggestion in body and "Labels:" in body


async def test_accept_records_the_suggested_set_and_undo_takes_it_back(ml_app, ml_result):
    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        rows = await open_labels(pilot, ml_app)
        ml = ml_app.view.multilabel
        row = rows.current_row
        expected = [ml.names[i] for i in ml.suggested(row)]
        await pilot.press("a")
        await settle(pilot)
        line = journal_lines(ml_app.journal_path)[-1]
        assert line["action"] == "relabel" and line["row"] == row
        assert line["labels_after"] == expected
        assert line["labels_before"] == [ml.names[i] for i in ml.sets[row]]
        assert ml_app.book.describe(row, ml_app.view.class_names) == "→ " + ml.suggestion_text(row)
        assert rows.current_row != row  # the cursor moved on
        await pilot.press("u")
        await settle(pilot)
        assert journal_lines(ml_app.journal_path)[-1]["action"] == "undo" and ml_app.book.describe(row, ml_app.view.class_names) == ""


async def test_set_picker_toggles_labels(ml_app, ml_result):
    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        rows = await open_labels(pilot, ml_app)
        ml = ml_app.view.multilabel
        row = rows.current_row
        await pilot.press("l")
        await pilot.pause()
        assert type(ml_app.screen).__name__ == "LabelSetPicker"
        picker = ml_app.screen
        first = picker.order()[0]  # the list starts on a given or suggested label: space toggles it
        chosen = lambda: str(picker.query_one("#set-chosen").render())  # noqa: E731
        assert "(unchanged)" in chosen()
        await pilot.press("space")
        await pilot.pause()
        sign = "-" if first in ml.sets[row] else "+"
        assert f"({sign}{ml.names[first]})" in chosen()  # the state in words, not only the box's colour
        await pilot.press("enter")
        await settle(pilot)
        expected = set(ml.sets[row]) ^ {first}
        line = journal_lines(ml_app.journal_path)[-1]
        assert line["row"] == row
        if expected == set(ml.sets[row]):
            assert line["action"] == "keep"
        else:
            assert line["action"] == "relabel" and set(line["labels_after"]) == {ml.names[i] for i in expected}


async def test_single_label_keys_elsewhere_fail_in_one_line_not_a_crash(ml_app, ml_result):
    from tui.decisions import DecisionBook

    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        book: DecisionBook = ml_app.book
        outcome = book.record("relabel", 0, 1, "outlier", None)  # one class for a row of sets
        assert outcome.error and "NOT saved" in outcome.error and not outcome.rows
        assert not ml_app.view.backs_suggestion(int(np.flatnonzero(ml_app.view.flags["label"])[0]))


async def test_near_duplicate_and_outlier_screens_show_sets(ml_app, ml_result):
    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        ml_app.open_issue("near_duplicate")
        await settle(pilot)
        screen = ml_app.screen
        ml = ml_app.view.multilabel
        entry = int(screen.query_one("#rows", RowList).order[0])
        members = screen.sets[entry]
        texts = {ml.given_text(int(r)) for r in members}
        assert screen.cell(entry, "labels") == (" ≠ ".join(sorted(texts)) if len(texts) > 1 else texts.pop())
        assert screen.conflict[entry] == (len({ml.sets[int(r)] for r in members}) > 1)
        ml_app.open_issue("outlier")
        await settle(pilot)
        row = ml_app.screen.query_one("#rows", RowList).current_row
        assert ml_app.screen.cell(row, "given") == ml.given_text(row)


async def test_C_opens_the_label_change_navigator_on_label_sets(ml_app, ml_result):
    """The confusion navigator's pairs are single classes (with sets it showed 'app -> app'); on
    label sets C lists label changes (+X likely missing, -X likely wrong) and enter lists their rows."""
    from tui.screens.label_changes import LabelChangeScreen

    async with ml_app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        screen = ml_app.screen
        assert isinstance(screen, LabelChangeScreen)
        ml, flags = ml_app.view.multilabel, ml_app.view.flags["label"]
        expected: dict[tuple[str, int], list[int]] = {}
        for row in np.flatnonzero(flags).tolist():
            for label in ml.missing[row]:
                expected.setdefault(("+", label), []).append(row)
            for label in ml.extra[row]:
                expected.setdefault(("-", label), []).append(row)
        assert {(c.sign, c.label): c.rows.tolist() for c in screen.changes} == expected
        counts = [len(c.rows) for c in screen.changes]
        assert counts == sorted(counts, reverse=True) and sum(counts) >= int(flags.sum())
        first = screen.changes[0]
        await pilot.press("enter")
        await settle(pilot)
        assert type(ml_app.screen).__name__ == "MultiLabelIssuesScreen"
        assert sorted(ml_app.screen.row_list.order.tolist()) == first.rows.tolist()


async def test_a_row_with_no_text_has_no_set_change(ml_app, ml_result):
    """walk38: the demo's blank row offered '-card' and a accepted it; its Suggested cell is '-' (no label issue backs a
    change), not '=' (the model agrees)."""
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_labels(pilot, ml_app)
        [blank] = np.flatnonzero(ml_app.view.no_text).tolist()
        assert not ml_app.view.multilabel.has_suggestion(blank)
        assert ml_app.screen.cell(blank, "suggested") == "-"


async def test_an_accepted_set_change_reads_accepted(ml_app, ml_result):
    """walk39: after a, the pane of the accepted row still said '(a accepts · l edits the set)', and a there
    answered 'row 160 is already → +refund: nothing written'."""
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = await open_labels(pilot, ml_app)
        row = rows.current_row
        body = lambda: str(ml_app.screen.query_one("#detail-body", Static).render())  # noqa: E731
        assert "(a accepts · l edits the set)" in body()
        await pilot.press("a")
        await settle(pilot)
        rows.move_cursor(rows.order.tolist().index(row))
        await settle(pilot)
        assert rows.current_row == row and "(accepted · l edits the set)" in body(), body()
