"""A filter title cut to fit keeps its words apart: 'given:X suggested:Y' is said with the filter's
short keys, each value cut in its middle as the tables cut a name ('g:cont…king s:visa_…card'), not cut
once across both
('given:contactles…tercard', ui38: the Confusions pair's rows at 80x24 on banking77 read as one name)."""

from __future__ import annotations

from pilot_helpers import press_on, settle
from rich.cells import cell_len
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.title_fit import fit_title, query_cut

PAIR = "given:contactless_not_working suggested:visa_or_mastercard"


def test_each_word_is_cut_apart():
    assert query_cut(PAIR, 24) == "g:cont…king s:visa_…card"
    assert query_cut(PAIR, 40) == "g:contactl…_working s:visa_or_mastercard"  # the short one whole
    assert query_cut(PAIR, 80) == PAIR
    parts = ["Label issues", "1 of 3 flagged", "decided 0/3", f"filter: {PAIR}"]
    fitted = fit_title(parts, 78, (PAIR,))  # 'decided 0/3' gives way to the names (open43, walk43's g:d…r s:f…r)
    assert fitted.endswith("filter: g:contact…orking s:visa_or…tercard") and cell_len(fitted) <= 78, fitted
    # one word, or words too many for the room, are cut as before
    assert query_cut("transfer_money", 10) == "transf…ney"
    assert query_cut("re:foo.*bar lost card yesterday", 12) == "re:foo.*…day"


async def test_a_confusion_pair_title_names_both_classes(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_on(pilot, "label", "c")
        await pilot.press("enter")
        await settle(pilot)
        query = app.screen.filter_query
        assert query.startswith("given:") and " suggested:" in query
        bar = app.screen.query_one("#title-bar", Static)
        title = str(bar.render())
        assert cell_len(title) <= bar.content_region.width, title
        said = title.split("filter: ", 1)[1]
        assert said.startswith("g:") and " s:" in said, title
