"""The help's title breaks between its parts: at 60 columns it drew 'textaudit keys · this
screen's first · esc' / 'closes' (ui25, tmux, banking77 test at 60x24, ? on the summary and on the
label screen), as the dialogs' titles did before tui/widgets/parts_label.py."""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue, settle
from textual.widgets import Static
from tui_synthetic import fixed_app

PARTS = ["textaudit keys", "this screen's first", "esc closes"]


@pytest.mark.parametrize("size", [(60, 24), (100, 30)])
async def test_the_help_title_breaks_between_parts(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("question_mark")
        await settle(pilot)
        title = app.screen.query(Static).first()  # the title (an id only since the fix)
        lines = [line for line in (title.render_line(y).text.strip() for y in range(title.size.height)) if line]
        assert [part for line in lines for part in line.split(" · ")] == PARTS, lines
        assert title.render_line(0).text.strip().startswith("textaudit keys")
        if size[0] >= 100:
            assert len(lines) == 1, lines
