"""The label-set picker's boxes say chosen or not by a glyph, not by colour alone (NO_COLOR)."""

from __future__ import annotations

from pilot_helpers import open_issue, settle


async def test_chosen_labels_show_a_tick_and_the_others_a_blank_box(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_issue(pilot, "label")
        ml = ml_app.view.multilabel
        row = ml_app.screen.query_one("#rows").current_row
        await pilot.press("l")
        await settle(pilot)
        picker = ml_app.screen
        options = picker.query_one("#set-options")
        order = picker.order()

        def boxes() -> dict[int, str]:
            return {order[y]: options.render_line(y).text[2:5] for y in range(len(order))}  # after the ▶ gutter

        assert boxes() == {k: "▐✓▌" if k in ml.sets[row] else "▐ ▌" for k in order}
        await pilot.press("space")  # toggles the first label: its box changes, the others stay
        await settle(pilot)
        first = order[0]
        assert boxes()[first] == ("▐ ▌" if first in ml.sets[row] else "▐✓▌")
        assert all(boxes()[k] == ("▐✓▌" if k in ml.sets[row] else "▐ ▌") for k in order[1:])
