"""Counts read as English at one: the summary said '1 possible wrong labels' and 'Label issues: 1
rows flagged ...; Datalab's own flag: 1 rows' (a 252-row file with one label issue, seen in tmux)."""

from __future__ import annotations

import numpy as np
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.screens.summary import health_line, journal_line


def one_label_issue(dataset):
    view = fixed_view(dataset)
    one = np.zeros(len(view), dtype=bool)
    one[5] = True
    view.flags["label"] = one
    view.datalab_label_flags = one.copy()
    view.counts["label"] = 1
    view.info["label"] = {"estimated_label_issues": 1}
    return view


def test_one_of_each_is_singular(pinned_result):
    view = one_label_issue(pinned_result.dataset)
    assert "· 1 possible wrong label (" in health_line(view)
    assert view.label_source().startswith("Label issues: 1 row flagged by")
    assert "Datalab's own flag: 1 row, 1 of them in both" in view.label_source()


async def test_summary_and_notices_at_one(pinned_result, tmp_path):
    view = one_label_issue(pinned_result.dataset)
    view.flags["underperforming_group"] = view.flags["label"].copy()
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_issue("label")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("a")
        await pilot.pause()
        assert journal_line(app.book, len(view)).split(" · R re-audits")[0].endswith("= 1 row (0.4%) · this session 1 saved")
        app.open_issue("underperforming_group")
        await pilot.pause()
        assert "1 row sits in a cluster" in app.screen.verdict()
