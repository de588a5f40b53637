"""`?` opens the help on the keys of the screen it is pressed on.

Seen in tmux on the demo (80x24): `?` on the near-duplicate screen showed 'Everywhere' and
'Summary' first; what `k`, `A` and `←→` do there was the help's last section, five pages down.
A user asking "what did k just do?" had to scroll past every other screen's keys.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from tui_synthetic import fixed_app

from tui.screens.help import SECTIONS


def headings(app) -> list[str]:
    """The help's section headings, top to bottom as drawn."""
    shown = [w for w in app.screen.query(".help-heading") if w.region.height]
    return [str(w.render()) for w in sorted(shown, key=lambda w: w.region.y)]


async def help_on(pilot, issue: str | None) -> list[str]:
    if issue is not None:
        await open_issue(pilot, issue)
    await pilot.press("question_mark")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "HelpScreen"
    return headings(pilot.app)


async def test_near_duplicates_help_starts_with_the_set_keys(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        drawn = await help_on(pilot, "near_duplicate")
        assert drawn[0].startswith("Near-duplicates"), drawn
        assert drawn[1].startswith("Row screens"), drawn
        # still every section: the others follow
        assert len(drawn) == len(SECTIONS) + 1, drawn  # + the filter line's


async def test_a_row_screen_starts_with_the_row_keys(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        drawn = await help_on(pilot, "outlier")
        assert [h for h in drawn[:3]] == [h for h, _ in SECTIONS if h.startswith("Row screens")], drawn


async def test_the_summary_starts_with_its_own_keys(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        drawn = await help_on(pilot, None)
        assert drawn[0] == "Summary", drawn
