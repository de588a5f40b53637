"""After a label threshold change the summary's 'Label issues: N rows flagged ...' line says N.

Seen in tmux on banking77 test: t, three rows more, enter, escape: the table and the health line
said 56, the sentence under them 'Label issues: 53 rows flagged by textaudit's label score ...;
Datalab's own flag: 66 rows, 49 of them in both' (the audit's own cut).
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import settle
from textual.widgets import Static
from tui_synthetic import fixed_app


async def test_the_label_source_line_follows_a_moved_threshold(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        before = int(view.flags["label"].sum())
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("right", "right", "right", "enter")
        await settle(pilot)
        count = int(view.flags["label"].sum())
        assert count > before
        await pilot.press("escape")
        await settle(pilot)
        said = str(app.screen.query_one("#label-source", Static).render())
        both = int(np.count_nonzero(view.flags["label"] & view.datalab_label_flags))
        assert f"Label issues: {count} rows flagged" in said
        assert f"{both} of them in both" in said
