"""The app says a drift in the texts' length where Datalab's test reads the order as random.

probe28 (dfc2520, 12f7de5): AG News test ordered by length (rank correlation 0.26 between row and
length) got Datalab's p = 0.10 and a note 'row order: the texts get longer down the file ...'; the
reports point to the note, but the summary read 'Non-IID: p = 0.0995 → consistent with rows in random
order.' and 'Non-IID no' in its table above that note, and the Non-IID screen said 'consistent with a
random order' without the note.
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import settle
from textual.widgets import DataTable, Static
from tui_synthetic import fixed_result, fixed_view

from engine.label_order import label_order
from tui.app import TextauditApp

NOTE = ("row order: the texts get longer down the file (rank correlation +0.26 between row and length; median "
        "207 characters in the first tenth of rows, 254 in the last): a split by position would differ in "
        "length; shuffle before splitting")


def _app(demo_csv, journal_path, notes: list[str]) -> TextauditApp:
    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    view.p_value = 0.0995  # Datalab finds nothing on the texts' neighbours
    view.info.setdefault("non_iid", {}).pop("z", None)
    view.counts["non_iid"] = 0
    view.flags["non_iid"] = np.zeros(len(view.given), dtype=bool)
    view.__dict__["label_order"] = label_order(np.random.default_rng(0).permutation(view.given))  # labels random
    view.notes = notes
    return TextauditApp(result, journal_path=journal_path, view=view)


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_the_summary_and_the_non_iid_screen_say_the_length_drift(demo_csv, journal_path, size):
    app = _app(demo_csv, journal_path, [NOTE])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#issue-table", DataTable)
        assert [str(cell) for cell in table.get_row("non_iid")] == ["Non-IID", "drifts", "-", "row order"]
        assert table.virtual_size.width <= table.scrollable_content_region.width, size  # no sideways scroll
        verdict = str(app.screen.query_one("#non-iid-verdict", Static).render())
        assert "length drifts with the row order" in verdict and "random order" not in verdict, verdict
        app.screen.query_one("#issue-table", DataTable).move_cursor(row=table.get_row_index("non_iid"))
        await pilot.press("enter")
        await settle(pilot)
        screen = str(app.screen.query_one("#non-iid-verdict", Static).render())
        assert "but not the texts' length (below)" in screen, screen
        assert str(app.screen.query_one("#non-iid-length", Static).render()).startswith("Row order: the texts get")


async def test_without_the_note_the_words_are_as_before(demo_csv, journal_path):
    app = _app(demo_csv, journal_path, [])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#issue-table", DataTable)
        assert [str(cell) for cell in table.get_row("non_iid")] == ["Non-IID", "no", "-", "-"]
        verdict = str(app.screen.query_one("#non-iid-verdict", Static).render())
        assert verdict.endswith("consistent with rows in random order."), verdict
        assert not app.screen.query("#non-iid-length")
