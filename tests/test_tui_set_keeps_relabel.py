"""Near-duplicate set keys respect a member's earlier relabel. The review loop relabels a row on
the label screen (accept), then meets it in a near-duplicate set: 'k' (keep this member, exclude
the rest) wrote 'keep' over the relabel, and 'A' (give the set this member's label) gave the
member's given label, so the accepted label went back to the wrong one without a word."""

from __future__ import annotations

from pilot_helpers import journal_lines, near_duplicate_pair
from tui_synthetic import fixed_app

from tui.decisions import RELABEL


async def back_to_the_set(pilot, screen, row: int) -> None:
    """The cursor on the set holding ``row`` (a decision moved it on)."""
    screen.row_list.move_cursor(list(screen.row_list.order).index(int(screen.set_of_row[row])))
    await pilot.pause()
    for _ in screen.diff.members:  # and the member: a single decision selected the next one
        if screen.target() == row:
            break
        await pilot.press("left")


async def test_keep_one_and_unify_use_the_relabel(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        view = app.view
        label = next(c for c in range(len(view.class_names)) if c not in (view.given[first], view.given[second]))
        screen.decide([("relabel", first, label)])  # as accepted on the label screen
        await back_to_the_set(pilot, screen, first)
        assert screen.target() == first

        await pilot.press("A")
        await pilot.pause()
        unify = [e for e in journal_lines(journal) if e["row"] == second]
        assert unify[-1]["action"] == "relabel" and unify[-1]["label_after"] == view.class_names[label]
        await pilot.press("u")
        await pilot.pause()
        await back_to_the_set(pilot, screen, first)

        await pilot.press("k")
        await pilot.pause()
        last = journal_lines(journal)[-1]
        group = [e for e in journal_lines(journal) if e["group"] == last["group"]]
        assert [(e["row"], e["action"]) for e in group] == [(second, "exclude")]
        assert screen.book.codes[first] == RELABEL and screen.book.labels[first] == label
