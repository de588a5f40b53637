"""The re-audit says which decided rows the new audit still flags (walk41, tmux, demo: the conflicting
near-duplicate pair given one label with A, 2 rows decided, then R: Near-duplicates 'Resolved 0, Remaining 40'
under 'Resolved: rows you decided + rows no longer flagged without a decision', which read as if the decisions had
been lost). Resolved counts rows no longer flagged; a decided row still flagged is Remaining, and now said so."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pilot_helpers import near_duplicate_pair, reaudit_ended, wait_until

from engine.review import audit_delta
from tui.app import TextauditApp


def test_the_delta_counts_the_decided_rows_still_flagged():
    from tui.screens.reaudit import still_flagged_line

    before = pd.DataFrame({"is_label_issue": [True, True, True, False],
                           "is_near_duplicate_issue": [True, True, False, False]})
    after = pd.DataFrame({"is_label_issue": [True, False, True, False],
                          "is_near_duplicate_issue": [True, True, False, False]})
    # decided: rows 0 (kept, still a label issue and a near-duplicate) and 1 (relabelled: no longer a label issue)
    delta = audit_delta(before, after, np.arange(4), decided=np.array([0, 1]))
    assert (delta["label"]["resolved_decided"], delta["label"]["remaining_decided"]) == (1, 1)
    assert (delta["near_duplicate"]["resolved_decided"], delta["near_duplicate"]["remaining_decided"]) == (0, 2)
    assert still_flagged_line(delta) == ("Still flagged after your decision (counted in Remaining): "
                                         "Label issues 1, Near-duplicates 2")


def test_no_line_where_every_decided_row_is_resolved():
    from tui.screens.reaudit import still_flagged_line

    before = pd.DataFrame({"is_label_issue": [True, True]})
    after = pd.DataFrame({"is_label_issue": [False, True]})
    assert still_flagged_line(audit_delta(before, after, np.arange(2), decided=np.array([0]))) == ""


async def test_a_near_duplicate_pair_given_one_label_is_said_still_flagged(demo_result, journal_path):
    app = TextauditApp(demo_result, journal_path=journal_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        await pilot.press("A")  # both members get the selected one's label: still the same words
        await wait_until(pilot, lambda: journal_path.exists() and len(journal_path.read_text().splitlines()) == 2,
                         "the set's two lines in the journal")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("R")
        assert await reaudit_ended(pilot)
        status = " ".join(str(app.screen.query_one("#reaudit-status").render()).split())
        near = app.screen.reaudit.delta["near_duplicate"]
        assert near["resolved"] == 0 and near["remaining_decided"] == 2, near
        assert "Resolved: rows no longer flagged, those you decided + those without a decision" in status, status
        assert "Still flagged after your decision (counted in Remaining): Near-duplicates 2" in status, status


def test_the_cli_delta_says_it_too():
    """``audit --apply-journal``'s text delta, as the screen (its 'decided' column counts resolved rows only)."""
    from types import SimpleNamespace

    from engine.reaudit import Reaudit, delta_text

    before = pd.DataFrame({"is_near_duplicate_issue": [True, True, False]})
    delta = audit_delta(before, before.copy(), np.arange(3), decided=np.array([0, 1]))
    audit = SimpleNamespace(dataset=SimpleNamespace(is_multilabel=True), output=SimpleNamespace(issues=before))
    text = delta_text(Reaudit(before=audit, after=audit, rows=np.arange(3), delta=delta, decided=np.array([0, 1])))
    assert "still flagged though decided (counted in remaining): near_duplicate 2" in text, text
