"""The detail pane's Why says the suggestion's rule, not the change again (it is on the Suggested
line above): on Debian debtags at 80x24 a 6-label change, repeated whole in the Why with the rule,
pushed the verdict's end below the 10-line pane."""

from __future__ import annotations

import numpy as np
from pilot_helpers import open_issue, settle

from tui.widgets.detail_pane import DetailPane
from tui.widgets.multilabel_detail import CUT_RULE


async def test_a_long_change_leaves_the_verdict_in_view(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_issue(pilot, "label")
        view, ml = ml_app.view, ml_app.view.multilabel
        pane = ml_app.screen.query_one(DetailPane)
        body = pane.query_one("#detail-body")
        row = int(np.flatnonzero(view.flags["label"])[0])
        ml.extra[row] = list(ml.sets[row])  # every given label dropped, every other one added
        ml.missing[row] = [k for k in range(len(ml.names)) if k not in ml.sets[row]]
        assert len(ml.suggestion_text(row)) > 40
        pane.show(row)
        await pilot.pause()
        lines = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Why:"))
        end = next(i for i in range(start, len(lines)) if lines[i].endswith("."))
        why = " ".join(line.strip() for line in lines[start:end + 1])
        assert why.endswith(f"flagged: a label crosses its cut ({CUT_RULE}) and Datalab's own check flags it too.")
        assert end < pane.size.height == 10, "\n".join(lines)
