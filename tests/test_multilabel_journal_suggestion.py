"""On label sets the journal's suggested_label follows the README's rule: the suggested set where a
label issue backs the same one on every row of the key press, null elsewhere.

Seen in tmux on multi-label banking77: A on a near-duplicate pair (row 305, a label issue whose
suggestion is -request_refund; row 489, not flagged) wrote row 305's suggested set on row 489's
line too, and x / o on a row the label check did not flag recorded a suggestion nothing made.
"""

from __future__ import annotations

import json

import numpy as np
from pilot_helpers import journal_lines, settle

from tui.screens import set_decisions


def _rows(view):
    ml, flags = view.multilabel, view.flags["label"]
    n = len(ml.sets)
    flagged = next(r for r in range(n) if flags[r] and ml.has_suggestion(r))
    unflagged = next(r for r in range(n) if not flags[r] and ml.has_suggestion(r))
    plain = next(r for r in range(n) if not flags[r] and not ml.has_suggestion(r))
    return flagged, unflagged, plain


async def test_a_group_records_a_suggestion_only_where_a_label_issue_backs_it_on_every_row(ml_app, tmp_path):
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        screen, view = ml_app.screen, ml_app.view
        ml = view.multilabel
        flagged, unflagged, plain = _rows(view)
        set_decisions.decide_row(screen, "exclude", unflagged)  # a suggestion, but no label issue
        set_decisions.record_sets(screen, [flagged, plain], tuple(ml.sets[flagged]))  # a unified pair
        set_decisions.decide_row(screen, "exclude", flagged)  # kept by the pair: now excluded
        await pilot.pause()
    lines = journal_lines(tmp_path / "j.jsonl")
    assert [(e["row"], e["suggested_label"]) for e in lines[:3]] == [(unflagged, None), (flagged, None), (plain, None)]
    assert lines[3]["row"] == flagged
    assert json.loads(lines[3]["suggested_label"]) == [ml.names[k] for k in ml.suggested(flagged)]
    assert np.any(view.flags["label"])
