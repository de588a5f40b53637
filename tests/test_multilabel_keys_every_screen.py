"""Multi-label data: 'a' and 'l' decide label sets on every row screen, not only the label screen,
and the near-duplicate screen's 'l' and 'A' give whole sets. Before, the outlier and near-duplicate
screens opened the single-label picker, whose one class the journal refused ('decision NOT saved:
... is not a label set'), and 'a' there said no label issue backs a suggestion on a row the pane
called flagged ('a accepts · l edits the set')."""

from __future__ import annotations

import json

from pilot_helpers import journal_lines, open_issue, settle

from tui.screens.label_set_picker import LabelSetPicker


async def tick(pilot, label: int) -> None:
    """Toggle ``label`` in the open label-set picker as the reviewer does: cursor to it, space."""
    picker = pilot.app.screen
    picker.query_one("#set-options").highlighted = picker.order().index(label)
    await pilot.pause()
    await pilot.press("space")
    await pilot.pause()


async def to_second_member(pilot, screen, members: list[int]) -> None:
    """The cursor on the set of ``members`` (a decision moved it on), then on its second member."""
    screen.row_list.move_to_row(screen.set_of_row[members[0]])
    await pilot.pause()
    await pilot.press("right")
    await pilot.pause()
    assert screen.target() == members[1]


async def test_outlier_screen_accepts_and_edits_sets(ml_app, tmp_path):
    journal = tmp_path / "j.jsonl"
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml = ml_app.view.multilabel
        screen = await open_issue(pilot, "outlier")
        row = next(int(r) for r in screen.row_list.order if ml.has_suggestion(int(r)))
        screen.row_list.move_to_row(row)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        last = journal_lines(journal)[-1]
        assert (last["row"], last["action"]) == (row, "relabel")
        assert json.loads(last["label_after"]) == [ml.names[k] for k in ml.suggested(row)]

        screen.row_list.move_to_row(row)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(ml_app.screen, LabelSetPicker)
        assert ml_app.screen.chosen == set(ml.suggested(row))  # starts from the set as decided
        await pilot.press("escape")


async def test_near_duplicate_set_keys_give_sets(ml_app, tmp_path):
    journal = tmp_path / "j.jsonl"
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml = ml_app.view.multilabel
        screen = await open_issue(pilot, "near_duplicate")
        members = [int(m) for m in screen.diff.members]
        await pilot.press("l")
        await pilot.pause()
        picker = ml_app.screen
        assert isinstance(picker, LabelSetPicker)
        given = set(ml.sets[members[0]])
        extra = next(k for k in range(len(ml.names)) if k not in given)
        await tick(pilot, extra)  # one more label, then save
        await pilot.press("enter")
        await pilot.pause()
        wanted = [ml.names[k] for k in sorted(given | {extra})]
        group = journal_lines(journal)
        assert sorted(e["row"] for e in group) == sorted(members) and len({e["group"] for e in group}) == 1
        assert all(e["action"] == "relabel" and json.loads(e["label_after"]) == wanted for e in group)

        await pilot.press("u")  # back to no decision; relabel the second member alone, then A on it
        await pilot.pause()
        await to_second_member(pilot, screen, members)
        await pilot.press("l")
        await pilot.pause()
        await tick(pilot, extra)
        await pilot.press("enter")
        await pilot.pause()
        await to_second_member(pilot, screen, members)
        await pilot.press("A")
        await pilot.pause()
        after = {e["row"]: e for e in journal_lines(journal)[-len(members):]}
        wanted_second = [ml.names[k] for k in sorted(set(ml.sets[members[1]]) | {extra})]
        assert set(after) == set(members)
        for member, entry in after.items():
            expected = "keep" if sorted(ml.sets[member]) == sorted(ml.names.index(n) for n in wanted_second) else "relabel"
            assert entry["action"] == expected
            if expected == "relabel":
                assert json.loads(entry["label_after"]) == wanted_second
