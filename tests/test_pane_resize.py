"""A terminal resized mid-work lays the detail pane and the near-duplicate pane out again.

Seen in tmux on a banking77 slice: at 120 columns, then resized to 200, the detail pane's
neighbour lines stayed cut for 120 (``... the wrong exchange rate is on my statem…`` with 100
columns free); resized to 80, each neighbour line wrapped in two. Both panes were drawn once per
cursor move, for the width of that moment.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import label_detail, near_duplicate_pair
from rich.console import Group
from rich.table import Table
from textual.widgets import Static
from tui_synthetic import fixed_view

from tui.app import TextauditApp

LONG = " ".join(f"word{i}" for i in range(24))  # 167 characters: cut at 80 columns, whole at 200


def _body(pane) -> str:
    return str(pane.query_one("#detail-body", Static).render())


async def test_detail_pane_follows_the_terminal_width(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    row = int(np.flatnonzero(view.flags["label"])[0])
    view.texts = view.texts.copy()
    view.texts[int(view.neighbour_indices[row][0])] = LONG
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 30)) as pilot:
        screen, _ = await label_detail(pilot, row)
        pane = screen.query_one("#detail")
        assert LONG not in _body(pane)  # cut to fit 80 columns
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert pane.row == row
        assert LONG in _body(pane)  # the whole text: 200 columns hold it
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        lines = [line for line in _body(pane).splitlines() if "word0 " in line]
        assert len(lines) == 1 and len(lines[0]) <= pane.size.width  # one line again, not two


async def test_near_duplicate_pane_follows_the_terminal_width(pinned_result, tmp_path):
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _, _ = await near_duplicate_pair(pilot)
        body = screen.diff.query_one("#diff-body", Static)

        def side_by_side() -> bool:
            content = body.content
            return isinstance(content, Group) and any(isinstance(part, Table) for part in content.renderables)

        assert side_by_side()  # two members side by side at 100 columns
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        assert not side_by_side()  # one under the other: two columns of 25 do not fit
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert side_by_side()
