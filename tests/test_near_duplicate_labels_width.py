"""The near-duplicate Labels column is two names wide only when a set has two labels (as wide as the
widest pair drawn: tests/test_near_duplicate_pair_width.py).

Seen in tmux at 80x24 on banking77 train (161 sets, none with two labels): Labels took 40 of 80
columns for one name ('card_not_working'), and the first member's text was cut at 29 cells.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.columns import LABELS, TEXT


def widths(screen) -> dict[str, int]:
    rows = screen.row_list
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return {column.key: cell for column, cell in zip(columns, cells)}


async def test_sets_that_agree_give_the_text_the_room_of_a_second_name(pinned_result, tmp_path):
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        assert not screen.conflict.any()
        drawn = widths(screen)
        longest = max(len(screen.cell(e, LABELS)) for e in range(len(screen.sets)))
        assert longest <= drawn[LABELS] <= screen.label_width(), drawn
        assert drawn[TEXT] >= 45, drawn  # 33 cells beside a 31-cell Labels column before


async def test_a_set_with_two_labels_keeps_room_for_both(demo_result, tmp_path):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        assert screen.conflict.any()
        assert widths(screen)[LABELS] >= screen.widest_pair() > screen.label_width()  # room for the widest pair


async def test_sets_regrouped_with_two_labels_widen_the_column(pinned_result, tmp_path):
    """A new threshold (view_changed) that brings a set with two labels brings back the room."""
    view = fixed_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        assert widths(screen)[LABELS] <= screen.label_width()
        first, second = (int(r) for r in screen.sets[0][:2])
        view.given[second] = (view.given[first] + 1) % len(view.class_names)
        screen.view_changed()
        await pilot.pause()
        assert screen.conflict.any()
        assert widths(screen)[LABELS] >= screen.widest_pair() > screen.label_width()  # room for the widest pair
