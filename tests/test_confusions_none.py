"""The confusion navigator with no label issues says so, and its footer offers no '⏎ Open'.

Seen in tmux on a banking77 slice whose labels flag no label issue: C showed an empty table under
its header, the line 'Pairs given → suggested · v: next view · enter: the rows (then * and a)',
and '⏎ Open' in the footer; enter did nothing.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import settle
from test_confusion_matrix_footer import footer_actions
from textual.widgets import Static
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_no_label_issues_no_open_and_a_word(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    view.flags = {**view.flags, "label": np.zeros(len(view), dtype=bool)}
    view.counts = {**view.counts, "label": 0}
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert screen.groups == []
        assert "open" not in footer_actions(app) and "cycle" in footer_actions(app)
        said = str(screen.query_one("#confusion-mode", Static).render())
        assert "no label issues to group" in said and "enter: the rows" not in said
