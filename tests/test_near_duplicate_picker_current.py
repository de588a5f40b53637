"""The near-duplicate set's label picker marks the class every member is relabelled to '(current)', as the row
screens' picker does (ui34 left it: the set picker passed no decision, so a set relabelled to X showed X unmarked)."""

from __future__ import annotations

import pytest
from pilot_helpers import near_duplicate_pair, settle
from textual.widgets import OptionList

from tui.app import TextauditApp


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "demo.corrections.jsonl")


def listed(screen) -> dict[str | None, str]:
    options = screen.query_one("#picker-options", OptionList)
    return {o.id: str(o.prompt) for o in (options.get_option_at_index(i) for i in range(options.option_count))}


async def test_a_set_relabelled_to_one_class_is_marked_current(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        names = screen.view.class_names
        given = {int(screen.view.given[first]), int(screen.view.given[second])}
        other = next(i for i in range(len(names)) if i not in given and i != int(screen.view.predicted[first]))
        screen.relabel_rows([first, second], other)
        await settle(pilot)
        screen.open_set_picker([first, second])
        await settle(pilot)
        marked = [prompt for prompt in listed(app.screen).values() if "(current" in prompt]
        assert marked == [listed(app.screen)[str(other)]] and names[other] in marked[0], listed(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        screen.relabel_rows([first], next(i for i in range(len(names)) if i not in given | {other}))
        await settle(pilot)
        screen.open_set_picker([first, second])  # the members' relabels differ: none is the set's current
        await settle(pilot)
        assert not any("(current" in prompt for prompt in listed(app.screen).values()), listed(app.screen)


async def test_a_set_whose_members_hold_one_class_after_a_relabel_is_marked_current(app):
    """walk34: one member relabelled to the other's given class: every member holds it now, unmarked before."""
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        target = int(screen.view.given[second])
        assert int(screen.view.given[first]) != target  # conflicting sets come first
        screen.relabel_rows([first], target)
        await settle(pilot)
        screen.open_set_picker([first, second])
        await settle(pilot)
        marked = [option_id for option_id, prompt in listed(app.screen).items() if "(current" in prompt]
        assert marked == [str(target)], listed(app.screen)
