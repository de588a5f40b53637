"""A conflicting near-duplicate set's legend keeps its key whole at 80 columns.

Seen in tmux on the demo at 80x24 (ui25): the detail pane's first line read
'2 members  ⚠ CONFLICTING LABELS: check_balance / close_account   underline:' and the next
'added vs first · strike: missing': the key to the diff's underline and strike was broken across
lines. Where it does not fit beside the count it now takes a line of its own.
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_result, fixed_view

from tui.duplicate_sets import near_duplicate_sets

KEY = "underline: added vs first · strike: missing"


def conflicting_app(demo_csv, journal_path):
    from tui.app import TextauditApp

    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    view.given[21] = (view.given[20] + 1) % len(view.class_names)  # the set (20, 21) conflicts
    near = view.flags["near_duplicate"]
    view.duplicate_sets = near_duplicate_sets(near, view.near_duplicate_members, view.given,
                                              view.scores["near_duplicate"])
    return TextauditApp(result, journal_path=journal_path, view=view)


def legend_lines(screen) -> list[str]:
    """The legend as drawn at the pane's width."""
    diff = screen.diff
    width = diff.scrollable_content_region.width
    console = screen.app.console
    legend = diff._legend()
    return ["".join(seg.text for seg in line).rstrip()
            for line in console.render_lines(legend, console.options.update_width(width), pad=False)]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_key_is_never_broken_across_lines(demo_csv, journal_path, size):
    app = conflicting_app(demo_csv, journal_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        members = [int(m) for m in screen.diff.members]
        assert 20 in members and 21 in members, members  # conflicting sets come first
        await settle(pilot)
        lines = legend_lines(screen)
        assert "CONFLICTING LABELS" in lines[0]
        assert any(KEY in line for line in lines), lines
        if size[0] >= 200:
            assert len(lines) == 1, lines  # room beside the count: one line, as before
