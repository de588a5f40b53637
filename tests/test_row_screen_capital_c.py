"""C opens the confusion navigator on a row screen too, as on the summary.

Seen in tmux on banking77 test: the summary says 'R re-audits, C confusions', but on the label
screen C did nothing (c opens the navigator there; on the summary c is the class chart).
"""

from __future__ import annotations

from pilot_helpers import open_issue, wait_until
from tui_synthetic import fixed_app

from tui.screens.confusions import ConfusionScreen


async def test_capital_c_opens_the_navigator(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "outlier")
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfusionScreen), "the confusion navigator")
