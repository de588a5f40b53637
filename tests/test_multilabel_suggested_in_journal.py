"""Multi-label data: 'x' and 'o' record the row's suggested *set* as the journal's suggested_label
(as 'a' and 'l' do), not the model's single top class: the journal of a set file said
'suggested_label': 'urgent' beside 'label_before': '["app"]'."""

from __future__ import annotations

import json

import pytest
from pilot_helpers import journal_lines, settle


@pytest.mark.parametrize("key,action", [("x", "exclude"), ("o", "keep")])
async def test_exclude_and_keep_record_the_suggested_set(ml_app, tmp_path, key, action):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        ml = ml_app.view.multilabel
        row = ml_app.screen.target()
        assert ml.has_suggestion(row)
        await pilot.press(key)
        await pilot.pause()
        (entry,) = journal_lines(tmp_path / "j.jsonl")
        assert (entry["row"], entry["action"]) == (row, action)
        assert json.loads(entry["suggested_label"]) == [ml.names[k] for k in ml.suggested(row)]
        assert ml_app.screen.target() != row  # the cursor moved on, as after any decision
