"""On the label screen's list of every row (f), a accepts the model's top class where it is not the given label.

Seen in tmux on banking77 train (loop42): row 6,101, not flagged, given p=0.202 and transfer_timing p=0.669,
said 'nothing to accept' to a, so the relabel took l and the class typed. Now a relabels it to the top class
and the toast says so (no label issue backs it: the journal's suggested_label stays null). Where the top
class is the given label it still says 'nothing to accept'; the flagged list is unchanged.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import every_row, journal_lines, notices, settle
from tui_synthetic import fixed_app


def unflagged_row_with_another_top_class(app) -> tuple[int, int]:
    """An unflagged row made to have a top class other than its label (the synthetic view has none)."""
    view = app.view
    row = int(np.flatnonzero(~view.flags["label"])[3])
    top = (int(view.given[row]) + 1) % view.n_classes
    view.predicted[row] = top
    view.pred_probs[row] = 0.01
    view.pred_probs[row, top] = 0.6
    view.pred_probs[row, int(view.given[row])] = 0.2
    return row, top


async def test_a_on_every_row_accepts_the_top_class(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row, top = unflagged_row_with_another_top_class(app)
        rows = await every_row(pilot, "label")
        assert not app.view.backs_suggestion(row)
        assert rows.move_to_row(row)
        await pilot.pause()
        assert app.screen.check_action("accept", ()) is True  # offered, not dimmed
        seen = notices(app)
        await pilot.press("a")
        await pilot.pause()
        lines = journal_lines(journal_path)
        assert len(lines) == 1 and lines[0]["row"] == row and lines[0]["action"] == "relabel"
        assert lines[0]["label_after"] == app.view.class_names[top] and lines[0]["suggested_label"] is None
        name = app.view.shown_names[top]
        assert any(text.startswith(f"row {row:,}: relabelled to {name}, the model's top class (p=0.600")
                   and "no label issue flags the row" in text and text.endswith("u undoes it") for text in seen), seen


async def test_a_where_the_top_class_is_the_label_still_says_nothing_to_accept(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        unflagged_row_with_another_top_class(app)
        rows = await every_row(pilot, "label")
        view = app.view
        row = next(r for r in rows.order.tolist() if view.predicted[r] == view.given[r])
        assert rows.move_to_row(row)
        await pilot.pause()
        seen = notices(app)
        await pilot.press("a")
        await pilot.pause()
        assert any(text.startswith("nothing to accept: the model's top class is the given label") for text in seen)
        assert not journal_lines(journal_path)


async def test_marked_rows_take_it_too_and_the_dialog_says_so(pinned_result, journal_path):
    """a with marks on that list: the row takes its top class as a alone would (the dialog said it was left
    as it is, 'no label issue backing a suggestion'); a row whose top class is its label is still left."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row, top = unflagged_row_with_another_top_class(app)
        rows = await every_row(pilot, "label")
        view = app.view
        plain = next(r for r in rows.order.tolist() if view.predicted[r] == view.given[r])
        screen = app.screen
        screen.marks[[row, plain]] = True
        screen.marks_changed()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        notes = str(screen.app.screen.query_one("#bulk-notes").render())
        assert "1 row takes the model's top class, which no label issue backs" in notes, notes
        assert "1 marked row has no label issue backing a suggestion: left as they are" in notes, notes
        await pilot.press("enter")
        await settle(pilot)
        lines = journal_lines(journal_path)
        assert [(line["action"], line["row"], line["label_after"]) for line in lines] == [
            ("relabel", row, view.class_names[top])]
