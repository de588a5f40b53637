"""Label sets are cut between labels on every row screen, not only the label screen.

2936153 made the multi-label label screen cut a long label set between labels with a count
('use::browsing (+7)'), but the outlier screen and the other row screens (RowScreen's Given column:
empty texts, ...) still cut the whole set in its middle as one class name: in tmux on Debian debtags at 80x24 the Outliers
screen read 'use::conver…h::archive' for 'use::converting, works-with::archive' (review32).
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from rich.cells import cell_len

from tui.columns import DECISION, GIVEN


@pytest.mark.parametrize("issue_type", ["outlier", "null"])
async def test_other_row_screens_cut_label_sets_between_labels(ml_app, issue_type):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml_app.open_issue(issue_type)
        await settle(pilot)
        screen = ml_app.screen
        ml = ml_app.view.multilabel
        row = next(r for r in range(len(ml.sets)) if len(ml.sets[r]) > 1)
        text = screen.cell(row, GIVEN)
        assert text == ml.given_text(row)
        columns = {column.key: column for column in screen.columns()}
        width = cell_len(text) - 1
        cut = columns[GIVEN].fit(text, width)
        head, _, more = cut.rpartition(" (+")
        shown = head.split(", ")
        assert cell_len(cut) <= width and "…" not in head
        assert more == f"{len(ml.sets[row]) - len(shown)})"
        assert shown == [ml.shown[k] for k in ml.sets[row]][:len(shown)]  # whole labels, in order


async def test_a_set_decision_on_the_outlier_screen_is_cut_between_labels(ml_app):
    """The Decision column of a set edited there ('l' works on every row screen): its change cut between labels,
    as on the label screen, not in the middle of the whole change."""
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml_app.open_issue("outlier")
        await settle(pilot)
        screen = ml_app.screen
        ml = ml_app.view.multilabel
        row = next(r for r in range(len(ml.sets)) if len(ml.sets[r]) > 1)
        others = tuple(k for k in range(len(ml.names)) if k not in ml.sets[row])[:2]
        text = "→ " + ml.describe_after(row, ml.display(others))  # every label removed, two added
        change = text[2:].split(" ")
        assert len(change) == len(ml.sets[row]) + 2
        columns = {column.key: column for column in screen.columns()}
        width = cell_len(text) - 1
        cut = columns[DECISION].fit(text, width)
        head, _, more = cut.rpartition(" (+")
        assert cut.startswith("→ ") and cell_len(cut) <= width and "…" not in head
        shown = head[2:].split(" ")
        assert shown == change[:len(shown)] and more == f"{len(change) - len(shown)})"
