"""The re-audit's newly flagged rows (enter on a type after R) are listed worst first, by the
re-audit's score, as every issue list is: on banking77 test they came in row order, the New column
reading 0.107, 0.112, 0.107 with nothing marked as the sort."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.screens.more_like_this import MoreLikeThisScreen


async def test_newly_flagged_rows_come_worst_first(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    n = len(pinned_result.dataset)
    kept = np.delete(np.arange(n), [1, 2])  # two rows excluded: the re-audit's rows skip them
    after = np.linspace(0.9, 0.1, len(kept))
    score = {5: 0.30, 9: 0.12, 40: 0.12, 70: 0.25}
    for row, value in score.items():
        after[np.flatnonzero(kept == row)[0]] = value
    app.last_reaudit = SimpleNamespace(
        delta={"outlier": {"new_rows": [5, 9, 40, 70]}}, rows=kept,
        after=SimpleNamespace(output=SimpleNamespace(issues=pd.DataFrame({"outlier_score": after}))))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_newly_flagged("outlier")
        await settle(pilot)
        assert isinstance(app.screen, MoreLikeThisScreen)
        assert app.screen.row_list.order.tolist() == [9, 40, 70, 5]
        assert [app.screen.cell(r, "sim") for r in (9, 5)] == ["0.120", "0.300"]
