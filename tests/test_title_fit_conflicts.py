"""At 60 columns the near-duplicate title keeps its conflict counts (ui29's walk left them as '…').

The demo after A on its one conflicting set, f (conflicting sets only), tmux 60x20 read
'Near-duplicates · 1 of 14 sets (! only) · decided 2/40 · …': '1 settled' gone. With an open and a
settled conflict (banking77 test, 58-cell bar) '1 conflict (!) · 1 settled' both gave way to one
'…'. tui/title_fit.py: f's sets as '1/14 sets (!)', the two counts as one 'settled 1/2 (!)', and
where parts still go, the fewest, in as few shorter words as that takes.
"""

from __future__ import annotations

from pilot_helpers import near_duplicate_pair, settle, title_bar, wait_until
from rich.cells import cell_len

from tui.app import TextauditApp
from tui.title_fit import fit_title


async def test_a_settled_conflict_keeps_its_count_at_60_columns_with_f(demo_result, tmp_path):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 20)) as pilot:
        screen, _, _ = await near_duplicate_pair(pilot)
        await pilot.press("A")  # unify the demo's one conflicting set
        await settle(pilot)
        await wait_until(pilot, lambda: "1 settled" in " · ".join(screen.title_parts()), "the set settled")
        await pilot.press("f")
        await settle(pilot)
        text, width = title_bar(app)
        assert text == "Near-duplicates · 1/14 sets (!) · decided 2/40 · 1 settled", text
        assert cell_len(text) <= width


def test_open_and_settled_conflicts_said_as_one_part_where_both_do_not_fit():
    parts = ["Near-duplicates", "38 of 38 sets", "decided 2/77 rows", "1 conflicting (!)", "1 settled"]
    assert fit_title(parts, 58) == "Near-duplicates · 38 sets · decided 2/77 · settled 1/2 (!)"
    assert fit_title(parts, 70) == "Near-duplicates · 38 sets · decided 2/77 · 1 conflict (!) · 1 settled"
    assert fit_title(parts, 90) == " · ".join(parts)  # room: the long words, two parts
    many = ["Near-duplicates", "3 of 161 sets", "decided 12/350 rows", "1,204 conflicting (!)", "3 settled",
            "sorting…"]
    assert fit_title(many, 66) == "Near-duplicates · 3 of 161 sets · decided 12/350 · … · sorting…"
    assert fit_title(many, 84) == ("Near-duplicates · 3 of 161 sets · decided 12/350 · settled 3/1,207 (!) · "
                                   "sorting…")


def test_a_shorter_word_that_does_not_save_a_part_is_not_taken():
    """f with no decision at 60: its '1 conflict (!)' goes either way; '(! only)' says more than '(!)'."""
    parts = ["Near-duplicates", "1 of 14 sets (conflicts only)", "decided 0/40 rows", "1 conflicting (!)"]
    assert fit_title(parts, 58) == "Near-duplicates · 1 of 14 sets (! only) · decided 0/40 · …"
