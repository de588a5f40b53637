"""k and A on a near-duplicate set say what they decided, and on which rows.

Seen in tmux on the demo (80x24): a vim user's `k` (for "up") on the near-duplicate screen kept
the chosen member and excluded the other one, and the cursor went DOWN to the next set. Nothing
said so: the only trace was '2/2' in the Done column and 'decided 2/38' in the title. On a set of
30 one key excludes 29 rows that the list does not show. `A` relabelled a conflicting member as
silently. Both now say it in a notice, with the rows and that `u` takes it back.
"""

from __future__ import annotations

from pilot_helpers import journal_lines, near_duplicate_pair, notices
from tui_synthetic import fixed_app


async def press_on_a_set(pinned_result, tmp_path, key: str):
    """Press ``key`` on the first near-duplicate set: its two members, the journal's lines and the
    notices shown since."""
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(80, 24)) as pilot:
        _, first, second = await near_duplicate_pair(pilot)
        said = notices(app)
        await pilot.press(key)
        await pilot.pause()
        return first, second, journal_lines(journal), [m for m in said if m.startswith("whole set:")]


async def test_keep_one_says_which_rows_it_kept_and_excluded(pinned_result, tmp_path):
    first, second, lines, whole = await press_on_a_set(pinned_result, tmp_path, "k")
    assert [(e["row"], e["action"]) for e in lines] == [(first, "keep"), (second, "exclude")]
    assert len(whole) == 1, whole
    assert "✓ kept" in whole[0] and "✗ excluded" in whole[0], whole
    assert f"{min(first, second):,}, {max(first, second):,}" in whole[0] and "u undoes" in whole[0], whole


async def test_unify_says_it_too(pinned_result, tmp_path):
    _, _, lines, whole = await press_on_a_set(pinned_result, tmp_path, "A")
    assert len(lines) == 2
    assert len(whole) == 1 and "2 rows" in whole[0], whole


async def test_a_single_member_decision_stays_quiet(pinned_result, tmp_path):
    """x on one member is shown by its mark beside the member; no notice for each key."""
    _, _, lines, whole = await press_on_a_set(pinned_result, tmp_path, "x")
    assert len(lines) == 1 and not whole, whole
