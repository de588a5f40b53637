"""A click on a near-duplicate member's header chooses that member, as ← → do.

Seen in Chromium (textaudit serve, the demo): clicking 'row 125 · close_account' beside the chosen
'▶ row 88 · check_balance' did nothing; only the keys chose a member."""

from __future__ import annotations

from pilot_helpers import near_duplicate_pair
from tui_synthetic import fixed_app


async def test_clicking_the_second_members_header_chooses_it(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        assert screen.target() == first
        body = screen.diff.query_one("#diff-body")
        lines = [strip.text for strip in body.render_lines(body.region.reset_offset)]
        y = next(i for i, line in enumerate(lines) if f"row {second:,} ·" in line)
        x = lines[y].index(f"row {second:,} ·") + 2
        await pilot.click(body, offset=(x, y))
        await pilot.pause()
        assert screen.target() == second
        assert f"▶ row {second:,}" in "".join(s.text for s in body.render_lines(body.region.reset_offset))
        x = lines[y].index(f"row {first:,} ·") + 2
        await pilot.click(body, offset=(x, y))
        await pilot.pause()
        assert screen.target() == first
