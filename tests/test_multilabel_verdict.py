"""The multi-label detail pane says why a row is flagged or not, true to the engine's rule
(engine/multilabel_managers.py): a suggested change (a label crossing its cut against the given
set: p >= 0.5 adds one, a given one drops under its own cut) and Datalab's own flag, both; after a
threshold change, the score cut."""

from __future__ import annotations

import numpy as np
from pilot_helpers import settle
from textual.widgets import Static

from tui.widgets.detail_pane import DetailPane
from tui.widgets.multilabel_detail import CUT_RULE


def why(pane: DetailPane, row: int) -> str:
    pane.show(row)
    body = str(pane.query_one("#detail-body", Static).render())
    return " ".join(body.split("Why:", 1)[1].split("\n")[0:1]).strip()


async def test_why_says_the_rule_for_flagged_and_unflagged_rows(ml_app):
    async with ml_app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        view, ml = ml_app.view, ml_app.view.multilabel
        pane = ml_app.screen.query_one(DetailPane)
        flags, datalab = view.flags["label"], view.datalab_label_flags
        changed = np.array([ml.has_suggestion(r) for r in range(len(view))])
        blank = view.flags["null"]  # a row with no text is never a label issue (LABEL_VERSION 45)
        assert np.array_equal(flags, datalab & changed & ~blank)  # the engine's rule, on the demo
        if (datalab & changed & blank).any():
            row = int(np.flatnonzero(datalab & changed & blank)[0])
            assert why(pane, row).endswith("not flagged: the row has no text (a label cannot be judged without "
                                           "one; the null check flags it).")

        row = int(np.flatnonzero(flags)[0])
        assert why(pane, row).endswith(f"flagged: a label crosses its cut ({CUT_RULE}) "
                                       "and Datalab's own check flags it too.")
        row = int(np.flatnonzero(changed & ~datalab)[0])  # a suggestion Datalab does not back
        assert why(pane, row).endswith(f"not flagged: a label crosses its cut ({CUT_RULE}) "
                                       "but Datalab's own check does not flag it (it takes both).")
        row = int(np.flatnonzero(~changed)[0])
        assert why(pane, row).endswith("not flagged: no label crosses its cut against the given set "
                                       f"(nothing to suggest; {CUT_RULE}).")
        assert "half the label's mean p" in CUT_RULE  # the rule the engine uses, said

        await pilot.press("t", "right", "right", "enter")  # a score cut now: the reason says so
        await settle(pilot)
        cut = ml_app.thresholds.current["label"]
        row = int(np.flatnonzero(view.flags["label"] & ~flags)[0])
        assert why(pane, row).endswith(f"flagged: its score is at or under the threshold you set ({cut:.3f}).")
