"""'? Help' stays in the footer down to 40 columns (the smallest size the README names): at 40x12 the
summary's footer ended 'c Class chart  r Report  e Export  q Qu' and the label screen's '... o Keep u
Undo', while the filter line's hint says '? lists the syntax'. Narrower than the palette key needs,
the help key takes its place at the right end: the keys left of it are cut first."""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue
from test_footer_narrow_help import help_key_whole
from textual.widgets import Footer
from tui_synthetic import fixed_app


@pytest.mark.parametrize("screen", ["summary", "label", "near_duplicate"])
@pytest.mark.parametrize("size", [(40, 12), (50, 15)])
async def test_help_is_drawn_whole_at_the_right_end(pinned_result, journal_path, screen, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        if screen != "summary":
            await open_issue(pilot, screen)
        await pilot.pause()
        assert help_key_whole(app)
        footer = app.screen.query_one(Footer)
        help_key = next(k for k in footer.query("FooterKey") if k.key == "question_mark")
        assert help_key.region.right == footer.region.right, (help_key.region, footer.region)
        assert help_key.region.right <= size[0]


async def test_from_80_columns_help_sits_among_the_keys(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = [k for k in footer.query("FooterKey") if k.display and not k.has_class("-command-palette")]
        assert keys[-1].key == "question_mark" and keys[-1].region.right < footer.region.right - 10
