"""The journal's ``suggested_label`` is a label issue's suggestion, not the model's top class.

Left at the session-18 stop (loop18): every decision wrote the model's top class of its first
row as ``suggested_label``, also where no label issue backs it (an outlier kept, a row of the
Overlapping classes list, which the picker calls '(top class)'), and a bulk relabel wrote its own
target there. A reader of the journal took those for suggestions the audit had made. Now it is
null unless a label issue backs one class on every row of the decision; old journals replay as
before (the field is optional and only read back).
"""

from __future__ import annotations

from pilot_helpers import journal_lines, open_issue, wait_until

from tui.app import TextauditApp
from tui.widgets.row_list import RowList


async def overlap_rows_unbacked(pilot, app: TextauditApp, count: int):
    """The Overlapping classes screen, its list, the list's order, and its first ``count`` rows
    that no label issue backs."""
    screen = await open_issue(pilot, "overlapping_class")
    rows = screen.query_one("#rows", RowList)
    order = [int(r) for r in rows.order]
    return screen, rows, order, [r for r in order if not app.view.backs_suggestion(r)][:count]


async def test_a_decision_no_label_issue_backs_has_no_suggestion(mixed_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(mixed_result, journal_path=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        _, rows, order, (row,) = await overlap_rows_unbacked(pilot, app, 1)
        rows.move_cursor(order.index(row))
        await pilot.pause()
        await pilot.press("o")  # keep
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the keep line")
        line = journal_lines(journal)[0]
        assert (line["row"], line["action"]) == (row, "keep")
        assert line["suggested_label"] is None, line  # was the model's top class


async def test_a_label_issue_keeps_its_suggestion(mixed_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(mixed_result, journal_path=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "label")
        view = app.view
        row = int(screen.query_one("#rows", RowList).current_row)
        assert view.backs_suggestion(row)
        await pilot.press("x")  # excluded, though a suggestion was made: the line still names it
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the exclude line")
        line = journal_lines(journal)[0]
        assert line["suggested_label"] == view.shown_names[int(view.predicted[row])], line


async def test_a_bulk_relabel_writes_no_target_as_its_suggestion(mixed_result, tmp_path):
    """Two marked rows of Overlapping classes relabelled to a class the model does not suggest."""
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(mixed_result, journal_path=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, rows, order, picked = await overlap_rows_unbacked(pilot, app, 2)
        view = app.view
        target = next(c for c in range(len(view.class_names)) if all(int(view.given[r]) != c for r in picked))
        for row in picked:
            rows.move_cursor(order.index(row))
            await pilot.pause()
            await pilot.press("space")
        screen.bulk("relabel", target)  # as the picker does with marks
        await wait_until(pilot, lambda: type(app.screen).__name__ == "BulkDialog", "the bulk dialog")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 2, "the group")
        assert [line["suggested_label"] for line in journal_lines(journal)] == [None, None]
