"""``f`` on the near-duplicate screen (conflicting sets only) when no set conflicts says so.

Seen in tmux on banking77 train (161 sets, none with two labels): ``f`` gave the title
'0 of 161 sets (conflicts only)' over a list that said 'no near-duplicate sets'.
"""

from __future__ import annotations

from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_conflicts_only_with_none_says_the_sets_agree_and_how_back(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        assert len(screen.sets) and not screen.conflict.any()  # the fixed view's pairs share a label
        await pilot.press("f")
        await settle(pilot)
        assert len(screen.row_list.order) == 0
        said = screen.row_list.empty_text
        assert "no near-duplicate sets" not in said, said
        assert f"{len(screen.sets):,} sets agree" in said and "f lists every set" in said, said
        await pilot.press("f")
        await settle(pilot)
        assert len(screen.row_list.order) == len(screen.sets)
