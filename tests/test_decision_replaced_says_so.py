"""A decision key on a decided row says what it replaced, and that u undoes it; one key, no dialog.

Seen in tmux on banking77 train (loop42): o on a row relabelled earlier made it 'kept' and the cursor moved
on, with no word of the relabel it replaced. The toast now reads 'row 5: was relabelled to X, now kept;
u undoes it'; each decision is one journal line on disk when the key returns, and u takes the last back.
"""

from __future__ import annotations

from pilot_helpers import journal_lines, notices, settle
from tui_synthetic import fixed_app


async def decided_then(pilot, app, first: str, then: str) -> tuple[int, list[str]]:
    """``first`` on the label screen's first row, back up to it, then ``then``: the row and the notices."""
    app.open_issue("label")
    await settle(pilot)
    rows = app.screen.row_list
    row = rows.current_row
    await pilot.press(first)
    await settle(pilot)
    seen = notices(app)
    rows.move_to_row(row)
    await pilot.pause()
    await pilot.press(then)
    await pilot.pause()
    return row, seen


async def test_keep_on_an_accepted_row_says_what_it_replaced(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row, seen = await decided_then(pilot, app, "a", "o")
        lines = journal_lines(journal_path)  # on disk as the key returned
        assert [(line["action"], line["row"]) for line in lines] == [("relabel", row), ("keep", row)]
        suggested = app.view.shown_names[int(app.view.predicted[row])]
        said = f"row {row:,}: was relabelled to {suggested}, now kept; u undoes it"
        assert said in seen, seen
        await pilot.press("u")
        await pilot.pause()
        assert journal_lines(journal_path)[-1]["action"] == "undo"
        assert app.book.describe(row, app.view.shown_names) == f"→ {suggested}"  # the relabel holds again


async def test_a_first_decision_and_a_repeat_say_nothing_new(pinned_result, journal_path):
    """No toast on a row without a decision (the pane and the column show it); the same decision again
    still says 'nothing written' and writes nothing."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row, seen = await decided_then(pilot, app, "x", "x")
        assert len(journal_lines(journal_path)) == 1
        assert not any("u undoes it" in text for text in seen), seen
        assert any("already ✗ excluded: nothing written" in text for text in seen), seen
        rows = app.screen.row_list
        rows.move_to_row(row)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert f"row {row:,}: was excluded, now kept; u undoes it" in seen, seen
        assert [line["action"] for line in journal_lines(journal_path)] == ["exclude", "keep"]


async def test_label_sets_say_it_too(ml_app, ml_result):
    """Multi-label rows decide through tui/screens/set_decisions.write: x on an accepted set says so too."""
    app = ml_app
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row, seen = await decided_then(pilot, app, "a", "x")
        assert [line["action"] for line in journal_lines(app.journal_path)][-2:] == ["relabel", "exclude"]
        said = [text for text in seen if text.startswith(f"row {row:,}: was relabelled to ")]
        assert said and said[0].endswith(", now excluded; u undoes it"), seen
