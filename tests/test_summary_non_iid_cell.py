"""The summary's Non-IID row says what the check found, as the verdict line below it does.

probe27's file (banking77 test shuffled, its last 15% sorted by label): Datalab's p-value on the
texts' neighbours is 0.448, so its count was 0, and the table read 'Non-IID 0 - dataset-level'
above 'Non-IID: p = 0.448 on the texts, but the row order is NOT random: the labels run together in
rows 2,618-3,079'. The Flagged cell now gives the verdict in a word ('NOT random', 'likely', 'no')
and To review 'row order' (where 'dataset-level' stood: with it the table passed 60 columns).
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import settle
from textual.widgets import DataTable
from tui_synthetic import fixed_result, fixed_view

from engine.label_order import label_order
from tui.app import TextauditApp


def _non_iid_row(app) -> list[str]:
    table = app.screen.query_one("#issue-table", DataTable)
    return [str(cell) for cell in table.get_row("non_iid")]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_labels_in_runs_read_not_random_in_the_table(demo_csv, journal_path, size):
    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)  # the demo's rows are grouped by label
    view.p_value = 0.448  # Datalab's test on the texts finds nothing: its count 0
    view.counts["non_iid"] = 0
    view.flags["non_iid"] = np.zeros(len(view.given), dtype=bool)
    assert view.label_order.grouped
    app = TextauditApp(result, journal_path=journal_path, view=view)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#issue-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, size  # no sideways scroll
        assert _non_iid_row(app) == ["Non-IID", "NOT random", "-", "row order"]
        verdict = str(app.screen.query_one("#non-iid-verdict").render())
        assert "the row order is NOT random" in verdict, verdict


def test_the_cell_follows_the_verdict():
    from tui.screens.summary import non_iid_cell

    rng = np.random.default_rng(0)
    shuffled = rng.integers(0, 7, 3000)
    tail = shuffled.copy()
    tail[2550:] = np.sort(tail[2550:])  # the last 15% sorted
    random_order, runs = label_order(shuffled), label_order(tail)
    assert not random_order.beyond_chance and runs.partly_grouped
    assert non_iid_cell(0.45, runs) == "NOT random"  # the labels' evidence, whatever the p-value
    assert non_iid_cell(0.45, random_order) == "no"
    assert non_iid_cell(0.01, random_order) == "likely"  # Datalab flags it, the words 'likely not random'
    assert non_iid_cell(1e-6, random_order, z=50.0) == "NOT random"
    assert non_iid_cell(1e-6, random_order, z=3.0) == "likely"  # p short of its z: 'likely not random'
    assert non_iid_cell(None) == "not checked"
