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
    assert view.label_source().endswith("; Datalab's own flag: 1 row, flagged by both.")


def test_the_health_line_names_the_estimate_once(pinned_result):
    """ui25 in tmux on the demo: 'Health: ... · 12 possible wrong labels (label errors estimated: 12)'
    said the count twice; a threshold that moved the flags off the estimate still names it."""
    view = one_label_issue(pinned_result.dataset)
    view.info["label"] = {"estimated_label_issues": 1}
    line = health_line(view)
    assert line.endswith("· 1 possible wrong label (as many as label errors estimated)") and ": 1)" not in line
    view.info["label"] = {"estimated_label_issues": 12}
    assert health_line(view).endswith("· 1 possible wrong label (label errors estimated: 12)")


def test_a_label_check_that_did_not_run_is_not_zero_wrong_labels(pinned_result):
    """The table reads 'not checked' (7de1664); the health line said '0 possible wrong labels'."""
    view = fixed_view(pinned_result.dataset)
    view.counts.pop("label", None)
    line = health_line(view)
    assert line.endswith("· labels not checked") and "possible wrong label" not in line


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



def test_class_imbalance_names_no_rarest_class_when_all_are_even(pinned_result):
    """banking77 test: 'Rarest class 'Refund_not_showing_up': 40 rows' where every class has 40."""
    from types import SimpleNamespace

    from tui.screens.flagged_rows import FlaggedRowsScreen

    view = fixed_view(pinned_result.dataset)
    k = view.n_classes
    uneven = FlaggedRowsScreen.verdict(SimpleNamespace(view=view, issue_type="class_imbalance"))
    assert uneven.startswith("Rarest class '")
    view.given = np.arange(36 * k, dtype=np.int32) % k  # 36 rows of each class
    even = FlaggedRowsScreen.verdict(SimpleNamespace(view=view, issue_type="class_imbalance"))
    assert even.startswith("Every class has 36 rows (") and "Rarest" not in even, even
