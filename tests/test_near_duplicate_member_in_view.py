"""Choosing a member of a long near-duplicate set scrolls its header and text into view.

Seen in tmux on the demo at 80x24: in a set of five (drawn one under another), ``]`` four times
put the ▶ on ``row 199 · refund_request``, the pane's last line, with its text below the fold;
the pane never scrolled, so the member that ``k`` keeps or ``A`` copies could not be read.
"""

from __future__ import annotations

from pilot_helpers import near_duplicate_pair
from textual.widgets import Static
from tui_synthetic import fixed_view

from tui.app import TextauditApp

MEMBERS = [0, 1, 2, 3, 4, 5]


def _visible_lines(diff) -> list[str]:
    """The text lines of the pane that its window shows now."""
    body = diff.query_one("#diff-body", Static)
    console = diff.app.console
    lines = console.render_lines(body.content, console.options.update_width(diff.scrollable_content_region.width),
                                 pad=False)
    top, height = int(diff.scroll_y), diff.scrollable_content_region.height
    return ["".join(segment.text for segment in line) for line in lines[top:top + height]]


async def test_the_chosen_member_is_scrolled_into_view(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, _ = await near_duplicate_pair(pilot)
        diff = screen.diff
        diff.show(MEMBERS, 0)
        await pilot.pause()
        assert len(list(diff.query_one("#diff-body", Static).content.renderables)) == 1 + 2 * len(MEMBERS)  # stacked
        last = MEMBERS[-1]
        text = " ".join(str(view.texts[last]).split()[:3])
        assert not any(f"row {last} " in line for line in _visible_lines(diff))  # the pane is too short for six
        for _ in MEMBERS[1:]:
            diff.select(1)
            await pilot.pause()
        shown = _visible_lines(diff)
        assert any(f"▶ row {last} " in line for line in shown), shown
        assert any(text in line for line in shown), shown  # and its text, under its header
        diff.select(1)  # back to the first member: the top of the pane, with the legend
        await pilot.pause()
        shown = _visible_lines(diff)
        assert diff.scroll_y == 0 and shown[0].startswith(f"{len(MEMBERS)} members"), shown
