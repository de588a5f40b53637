"""A near-duplicate set whose conflict the decisions settled no longer says CONFLICTING LABELS.

Seen in tmux on banking77 test: A (unify) on the set 'exchange_via_app ≠ fiat_currency_support'
gave both members fiat_currency_support, and the pane still shouted '⚠ CONFLICTING LABELS:
exchange_via_app / fiat_currency_support' above them; undo brings the warning back.
"""

from __future__ import annotations

import pytest
from pilot_helpers import near_duplicate_pair, settle, wait_until

from tui.app import TextauditApp


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "demo.corrections.jsonl")


def legend(screen) -> str:
    return str(screen.diff.render_set().renderables[0])


async def back_on(pilot, screen, members: list[int]) -> None:
    """A decision moves the cursor to the next set: go back up to ``members``' set."""
    await pilot.press("home")
    await settle(pilot)
    await wait_until(pilot, lambda: screen.diff.members == members, "the first set back in the pane")


async def test_unify_settles_the_conflict_and_undo_brings_it_back(app, demo_result):
    labels = demo_result.dataset.labels
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        assert labels[first] != labels[second]  # conflicting sets come first
        assert "CONFLICTING LABELS" in legend(screen)
        await pilot.press("A")
        await settle(pilot)
        await back_on(pilot, screen, [first, second])
        said = legend(screen)
        assert "CONFLICTING" not in said
        assert "settled by decisions: " + screen.view.shown_names[int(screen.view.given[first])] in said
        await pilot.press("u")
        await settle(pilot)
        await back_on(pilot, screen, [first, second])
        assert "CONFLICTING LABELS" in legend(screen)


async def test_excluding_one_member_of_a_pair_settles_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        await pilot.press("k")  # keep the chosen member, exclude the other
        await settle(pilot)
        await back_on(pilot, screen, [first, second])
        assert "settled by decisions: " + screen.view.shown_names[int(screen.view.given[first])] in legend(screen)


async def test_the_title_counts_a_settled_conflict_as_settled(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        conflicts = int(screen.conflict.sum())
        title = " · ".join(screen.title_parts())
        assert f"{conflicts} conflicting (!)" in title and "settled" not in title
        await pilot.press("A")
        await settle(pilot)
        title = " · ".join(screen.title_parts())
        assert "1 settled" in title
        assert (f"{conflicts - 1} conflicting (!)" in title) if conflicts > 1 else ("conflicting" not in title)
        await pilot.press("u")
        await settle(pilot)
        assert "settled" not in " · ".join(screen.title_parts())
