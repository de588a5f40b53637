"""A row screen's title at 60 columns says the filter whole ('filtered') instead of a cut query.

ui28, tmux 60x20 on the demo: '/given:transfer_money' on the label screen titled it '... · decided
0/12 · filter…', the bar's ellipsis leaving nothing of the query; a wider bar (72 columns) keeps
its start and end, and at 100 columns all of it (tui/title_fit.py).
"""

from __future__ import annotations

import pytest
from pilot_helpers import filter_rows, settle
from rich.cells import cell_len
from textual.widgets import Static

from tui.app import TextauditApp
from tui.title_fit import fit_title, middle_cut

QUERY = "given:transfer_money"


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")


def title(app: TextauditApp) -> str:
    return str(app.screen.query_one("#title-bar", Static).render())


async def test_the_filter_part_fits_the_title_bar_at_each_width(app):
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await filter_rows(pilot, QUERY)
        bar = app.screen.query_one("#title-bar", Static)
        narrow = title(app)
        assert narrow.endswith(" · filtered") and cell_len(narrow) <= bar.content_region.width, narrow
        assert narrow.startswith("Label issues · ") and "decided " in narrow
        await pilot.resize_terminal(72, 20)
        await pilot.pause()
        middle = title(app)
        assert "filter: given:" in middle and "…" in middle and middle.endswith("oney"), middle
        assert cell_len(middle) <= app.screen.query_one("#title-bar", Static).content_region.width
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert title(app).endswith(f"filter: {QUERY}")


def test_parts_after_the_filter_keep_their_place():
    parts = ["Label issues", "3 of 12 flagged", "decided 0/12", "filter: a rather long query text", "filtering…"]
    fitted = fit_title(parts, 70, ("a rather long query text",))
    assert fitted.endswith(" · filtering…") and cell_len(fitted) <= 70, fitted
    assert fit_title(["Label issues", "1 of 12 flagged", "decided 0/12", f"filter: {QUERY} but row 7"], 58,
                     (QUERY,)).endswith("filtered but row 7")
    assert fit_title(parts, 0, ("a rather long query text",)) == " · ".join(parts)  # not laid out yet
    # a filter's error is not the query: its start says what is wrong (test_tui_screens' 'bad regex')
    error = ["Label issues", "258 of 258 rows", "decided 0/12 flagged",
             "filter: bad regex: missing ), unterminated subpattern at position 1"]
    assert fit_title(error, 78, ("re:(",)) == " · ".join(error)
    assert middle_cut("abcdefghij", 7) == "abcd…ij" and middle_cut("short", 7) == "short"
