"""The Non-IID screen on label sets speaks of label sets: it counted changes of set and numbered the
sets, but said 'label changes' and 'classes numbered by first appearance' (multi-label banking77,
84 labels: the plot's axis went to 133, the distinct sets, under the word classes)."""

from __future__ import annotations

import dataclasses

import numpy as np
from pilot_helpers import settle
from textual.widgets import Static

from engine.label_order import label_order


def test_the_sentence_names_label_sets():
    order = dataclasses.replace(label_order(np.repeat(np.arange(4), 30)), sets=True)
    assert order.sentence() == ("The rows are grouped by label set: 3 label set changes between consecutive rows, "
                                "where a random order of these label sets gives about 90; each label set is one "
                                "unbroken block, in label set order (sorted by label set).")
    assert "label changes" in label_order(np.repeat(np.arange(4), 30)).sentence()  # single labels as before


async def test_the_screen_on_label_sets(ml_app):
    from tui.screens.non_iid import NonIidScreen

    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ml_app.push_screen(NonIidScreen(ml_app.view))
        await settle(pilot)
        why = str(ml_app.screen.query_one("#non-iid-why", Static).render())
        assert "label set changes between consecutive rows" in why
        plot = ml_app.screen.query_one("#label-plot")
        assert "Label sets by position, sets numbered" in str(plot.render())
