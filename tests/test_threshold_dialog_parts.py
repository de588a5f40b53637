"""The threshold dialog's title and key hint break between their parts, never inside one.

Seen in tmux on banking77 test at 50x24 and 60x24 (ui25): t on the label screen drew
'Flag threshold · Label issues · enter' / 'applies · esc cancels' and
'←→ one row · ↑↓ a tenth · 0 default · tab' / 'next check'. The other dialogs' titles already
break between parts (tui/widgets/parts_label.py, 7f94b2c); this one now does too, title and hint.
"""

from __future__ import annotations

import pytest
from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app

TITLE = ["Flag threshold", "Label issues", "enter applies", "esc cancels"]
HINT = ["←→ one row", "↑↓ a tenth", "0 default", "tab next check"]


def lines_of(widget) -> list[str]:
    """The lines as drawn at the widget's width (a wrapped line counts as two)."""
    drawn = [widget.render_line(y).text.strip() for y in range(widget.size.height)]
    return [line for line in drawn if line]


def whole_parts(lines: list[str], parts: list[str]) -> bool:
    """Each line is some of ``parts`` joined by ' · ', in order, all of them once."""
    return [part for line in lines for part in line.split(" · ")] == parts


@pytest.mark.parametrize("size", [(50, 24), (60, 24), (80, 24)])
async def test_title_and_hint_break_between_parts(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await press_on(pilot, "label", "t")
        await settle(pilot)
        dialog = app.screen
        title, hint = lines_of(dialog.query_one("#threshold-title")), lines_of(dialog.query_one("#threshold-hint"))
        assert whole_parts(title, TITLE), title
        assert whole_parts(hint, HINT), hint
        if size[0] >= 80:
            assert len(title) == 1 and len(hint) == 1, (title, hint)
        await pilot.press("tab")  # the next check: the title follows it, still packed
        await settle(pilot)
        title = lines_of(dialog.query_one("#threshold-title"))
        assert "Label issues" not in " ".join(title) and title[0].startswith("Flag threshold"), title
        assert any(line.endswith("esc cancels") for line in title), title
