"""``l`` with marked rows offers the suggestion most of them share, and says for how many.

Seen in tmux on a banking77 slice: ``*`` on the 7 label issues, then ``l``: the picker's first
line read ``▶ card_arrival  (suggested)``, the first marked row's suggestion alone; the other
six rows suggested card_delivery_estimate, exchange_via_app and pending_cash_withdrawal.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from pilot_helpers import open_issue
from textual.widgets import OptionList
from tui_synthetic import fixed_app

from tui.screens.label_picker import LabelPicker


async def _first_option(pilot, app, keys: tuple[str, ...]) -> str:
    await open_issue(pilot, "label")
    await pilot.press(*keys, "l")
    await pilot.pause()
    assert isinstance(app.screen, LabelPicker)
    return str(app.screen.query_one("#picker-options", OptionList).get_option_at_index(0).prompt)


async def test_the_picker_names_the_shared_suggestion_and_its_share(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await _first_option(pilot, app, ("asterisk",))
    view = app.view
    rows = np.flatnonzero(view.flags["label"])
    counts = Counter(int(view.predicted[r]) for r in rows)
    share = max(counts.values())
    assert 1 < share < len(rows)  # the fixed view's label rows suggest several classes
    assert first.split()[0] in {view.shown_names[c] for c, n in counts.items() if n == share}, first
    assert f"(suggested for {share} of {len(rows)})" in first, first


async def test_one_marked_row_is_plainly_suggested(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await _first_option(pilot, app, ("space",))
    assert first.endswith("(suggested)"), first
