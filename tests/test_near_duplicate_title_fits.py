"""The near-duplicate screen's title at 60 columns shortens its words, never a word: on the demo it
was 'Near-duplicates · 14 of 14 sets · decided 0/40 rows · 1 c…' (71 cells in a 58-cell bar, the
bar's ellipsis inside '1 conflicting (!)'; ui28, tmux 60x20). tui/title_fit.py: shorter words
first ('14 sets', 'decided 0/40', '1 conflict (!)'), then the last parts give way whole, '…'."""

from __future__ import annotations

from pilot_helpers import settle, title_bar
from rich.cells import cell_len

from tui.app import TextauditApp
from tui.title_fit import fit_title


async def test_the_near_duplicate_title_fits_at_60_columns_in_whole_words(demo_result, tmp_path):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        text, width = title_bar(app)
        assert text == "Near-duplicates · 14 sets · decided 0/40 · 1 conflict (!)", text
        assert cell_len(text) <= width
        await pilot.press("f")  # the conflicting sets only
        await settle(pilot)
        text, width = title_bar(app)
        assert text == "Near-duplicates · 1 of 14 sets (! only) · decided 0/40 · …", text
        assert cell_len(text) <= width
        await pilot.resize_terminal(100, 20)  # room again: the long words
        await pilot.pause()
        assert title_bar(app)[0] == ("Near-duplicates · 1 of 14 sets (conflicts only) · decided 0/40 rows · "
                                 "1 conflicting (!)")


def test_the_last_parts_give_way_whole_never_the_name_the_filter_or_work_under_way():
    parts = ["Near-duplicates", "3 of 61 sets", "decided 0/130 rows", "5 conflicting (!)", "filter: given:card",
             "filtering…"]
    fitted = fit_title(parts, 58, ("given:card",))
    assert fitted == "Near-duplicates · 3 of 61 sets · … · filtered · filtering…", fitted
    assert fit_title(parts, 80, ("given:card",)) == ("Near-duplicates · 3 of 61 sets · decided 0/130 · … · "
                                                    "filtered · filtering…")
    assert fit_title(["READ-ONLY", "Near-duplicates", "14 of 14 sets"], 20, keep=2) == "READ-ONLY · Near-duplicates · …"
    assert fit_title(["Label issues", "12 of 12 flagged", "decided 0/12"], 40) == "Label issues · 12 flagged · decided 0/12"
    assert fit_title(["Near-duplicates", "2 conflicting (!)"], 20) == "Near-duplicates · …"
