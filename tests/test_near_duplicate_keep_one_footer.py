"""The near-duplicate footer names its k key by what it keeps: 'k Keep ▶' (the chosen member),
not 'k Keep 1'.

Seen in tmux on the demo at 80x24: '... A Unify k Keep 1 ? Help'. '1' read as a count or a row
number beside the footer's keys; k keeps the chosen (▶) member and excludes the rest. A longer
name ('Keep only ▶') pushed '? Help' off the 80-column footer, and 'Keep one' put it under the
'^p palette' hint (tests/test_tui_layout.py), so the name has the 6 cells 'Keep 1' had.
"""

from __future__ import annotations

from pilot_helpers import near_duplicate_pair
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_the_keep_one_key_is_named_in_words_and_help_still_fits(pinned_result, tmp_path):
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, _ = await near_duplicate_pair(pilot)
        await pilot.pause()
        keys = {key.action: key for key in screen.query("FooterKey")}
        assert keys["keep_one"].description == "Keep ▶", keys["keep_one"].description
        helps = [key for action, key in keys.items() if action.endswith("help")]
        assert helps and all(key.region.right <= 80 - 13 and key.region.width > 0 for key in helps), \
            [(key.action, key.region) for key in helps]
