"""On the label screen, a row only Datalab's own label check flags has a suggestion, and ``a`` accepts it.

walk37 (ag_news, 300 rows): ``f`` + ``datalab:yes`` (the README's way to list ``get_issues('label')``),
row 82 (given Business p=0.091, the model's top class World) showed '-' under Suggested and ``a``
answered 'nothing to accept: no label issue backs a suggestion for this row'. Datalab's
``predicted_label`` is the same top class (the same pred_probs): the Suggested cell names it, the
pane says whose label issue it is, and ``a`` writes it with the journal's suggested_label.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import every_row, filter_rows, journal_lines, settle, wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp


def app_with_a_datalab_only_row(result, journal_path, datalab: bool = True):
    view = fixed_view(result.dataset)
    row = int(np.flatnonzero(view.datalab_label_flags)[0])  # the model's top class differs from the given one
    view.flags["label"][row] = False  # textaudit's check does not flag it
    view.counts["label"] -= 1
    view.datalab_label_flags[row] = datalab
    return TextauditApp(result, journal_path=journal_path, view=view), view, row


def cell_of(screen, row: int, key: str = "suggested") -> str:
    return screen.cell(row, key)


async def test_a_accepts_the_suggestion_on_a_row_only_datalab_flags(pinned_result, journal_path):
    app, view, row = app_with_a_datalab_only_row(pinned_result, journal_path)
    top = view.shown_names[int(view.predicted[row])]
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await every_row(pilot, "label")
        await filter_rows(pilot, "datalab:yes")
        screen = app.screen
        assert row in rows.order.tolist()
        assert cell_of(screen, row) == top  # was '-'
        rows.move_to_row(row)
        await wait_until(pilot, lambda: screen.query_one("#detail").row == row, "the row in the detail pane")
        pane = str(screen.query_one("#detail-body").render())
        assert "Datalab's label issue, not textaudit's: a accepts" in " ".join(pane.split()), pane
        await pilot.press("a")
        await settle(pilot)
    [line] = journal_lines(journal_path)
    top_value = view.class_names[int(view.predicted[row])]
    assert (line["action"], line["row"], line["label_after"]) == ("relabel", row, top_value)
    assert line["suggested_label"] == line["label_after"]


async def test_a_row_no_check_flags_still_has_none_and_a_takes_the_top_class(pinned_result, journal_path):
    """No label issue's suggestion ('(top class)' in brackets; it was '-'), but on this list of every row ``a`` relabels it to the model's top class, the
    toast saying no label issue backs it and the journal's suggested_label null (loop43b; it said 'nothing
    to accept: neither textaudit's label check nor Datalab's flags this row', tests/test_accept_top_class_every_row.py)."""
    app, view, row = app_with_a_datalab_only_row(pinned_result, journal_path, datalab=False)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await every_row(pilot, "label")
        screen = app.screen
        top = view.shown_names[int(view.predicted[row])]
        assert cell_of(screen, row) == f"({top})"  # the top class a takes, in brackets: no label issue's (loop43c)
        rows.move_to_row(row)
        await wait_until(pilot, lambda: screen.target() == row, "the cursor on the row")
        show = app.notify
        app.notify = lambda message, *a, **k: (seen.append(str(message)), show(message, *a, **k))[1]
        screen.action_accept()
        await pilot.pause()
    [line] = journal_lines(journal_path)
    assert (line["action"], line["row"], line["label_after"]) == ("relabel", row, view.class_names[int(view.predicted[row])])
    assert line["suggested_label"] is None
    assert any("the model's top class" in s and "no label issue flags the row" in s for s in seen), seen
