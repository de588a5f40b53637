"""A decision on a re-audit's "Newly flagged" list is recorded under the type its rows are flagged
for. It was recorded as 'similar' (the More-like-this screen the list reuses): the journal said
'Similar rows' of an outlier, and an undo from another screen found no screen of that type and
said the row was not listed. An undo on the list itself stays there."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
from pilot_helpers import notices, settle, wait_until
from tui_synthetic import fixed_app

from tui.screens.more_like_this import MoreLikeThisScreen


def newly_flagged(app, n: int) -> None:
    kept = np.arange(n)
    app.last_reaudit = SimpleNamespace(
        delta={"outlier": {"new_rows": [5, 9]}}, rows=kept,
        after=SimpleNamespace(output=SimpleNamespace(issues=pd.DataFrame({"outlier_score": np.linspace(0.9, 0.1, n)}))))


async def test_a_newly_flagged_decision_is_recorded_under_its_type(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    newly_flagged(app, len(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_newly_flagged("outlier")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoreLikeThisScreen)
        row = int(screen.row_list.current_row)
        await pilot.press("x")
        await wait_until(pilot, lambda: journal_path.exists() and journal_path.read_text().strip(), "the line")
        line = json.loads(journal_path.read_text().splitlines()[0])
        assert (line["row"], line["action"], line["issue_type"]) == (row, "exclude", "outlier")
        said = notices(app)
        await pilot.press("u")  # on the list itself: it stays there
        await wait_until(pilot, lambda: any("undone" in n for n in said), "the undo notice")
        assert app.screen is screen and "moved there" not in " ".join(said), said
        assert "(Outliers)" in said[-1], said  # the step names its type
