"""Identical members of a near-duplicate set are drawn alike, the first one too (walk31).

tmux 100x30, Debian packages on synopsis+description: a set of four '[Biology] Documentation for
BioJava' packages drew its first member 'BioJava  BioJava is ... Java framework  for' (each line break
of the description a space beside its leading space) and the identical second one 'BioJava BioJava
is ... Java framework for' (through the word diff, one space a gap): the same text looked different.
"""

from __future__ import annotations

import io

from rich.console import Console
from pilot_helpers import DiffHost
from tui_synthetic import fixed_view

from tui.terminal_text import terminal_safe
from tui.widgets.diff_view import DiffView

TEXT = "[Biology] Documentation for BioJava\n BioJava is an open-source project\n .\n for processing data."


async def test_identical_members_of_a_set_of_three_read_the_same(pinned_result):
    view = fixed_view(pinned_result.dataset)
    for row in (0, 1, 2):
        view.texts[row] = terminal_safe(TEXT)  # as the app holds it: line breaks as spaces
    async with DiffHost(view).run_test(size=(100, 30)) as pilot:
        diff = pilot.app.query_one("#diff", DiffView)
        diff.show([0, 1, 2])
        await pilot.pause()
        console = Console(width=3000, record=True, file=io.StringIO())  # wide: no member wraps
        console.print(diff.render_set())
        drawn = console.export_text()
        one = " ".join(TEXT.split())
        assert drawn.count(one) == 3, drawn  # each member as the others, one space a gap
        assert "BioJava  BioJava" not in drawn, drawn
