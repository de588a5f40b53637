"""A stacked member's text keeps its indent on every line it wraps to (walk33, 50x16).

tmux on the demo at 50x16: the near-duplicate pane stacks the members, each text indented under its
header, but a text that wrapped drew its next line at the left edge ('   What is the balance of my
savings account' / ' right now?'), where it read as a line of its own.
"""

from __future__ import annotations

from pilot_helpers import DiffHost
from tui_synthetic import fixed_view

from tui.widgets.diff_view import DiffView

TEXTS = ["What is the balance of my savings account right now? I need to know it today please",
         "What is the balance of my savings account right now? I need to know it soon please"]


async def test_a_wrapped_member_text_keeps_its_indent_at_50_columns(pinned_result):
    view = fixed_view(pinned_result.dataset)
    for row, text in enumerate(TEXTS):
        view.texts[row] = text
    async with DiffHost(view).run_test(size=(50, 16)) as pilot:
        diff = pilot.app.query_one("#diff", DiffView)
        diff.show([0, 1])
        await pilot.pause()
        await pilot.pause()
        width = diff.scrollable_content_region.width
        lines = ["".join(s.text for s in line).rstrip()
                 for line in pilot.app.console.render_lines(diff.render_set(), pilot.app.console.options.update_width(width))]
        headers = [i for i, line in enumerate(lines) if "row 0 ·" in line or "row 1 ·" in line]
        assert len(headers) == 2, lines
        text_lines = lines[headers[0] + 1:headers[1]] + lines[headers[1] + 1:]
        text_lines = [line for line in text_lines if line.strip()]
        assert len(text_lines) >= 4, lines  # each text wraps at 50 columns
        assert all(line.startswith("  ") for line in text_lines), lines
        assert "today" in " ".join(lines) and "soon" in " ".join(lines)
