"""A row with text lists no row with no text among its nearest neighbours, and says how many it left out.

7245a77 made a row with no text list no neighbours (its vector is the model's for '': its nearness means nothing);
the reverse remained (fix41c's 'noticed'): a row with text listed an empty row, '0.8xx  card_lost  ∅ (empty text)',
as one of its five nearest. The list now passes over such rows to the next with text, and a line under it says how
many it left out.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import open_issue
from tui_synthetic import fixed_app

LEFT_OUT = "  (1 row with no text left out: an empty text's nearness means nothing)"


def _empty(view, row: int) -> None:
    """Make ``row`` a row with no text (the view's own copies: the audit result is shared)."""
    view.texts = view.texts.copy()
    view.texts[row] = ""
    no_text = np.zeros(len(view), dtype=bool) if view.no_text is None else view.no_text.copy()
    no_text[row] = True
    view.no_text = no_text


def _listed(lines: list[str]) -> list[str]:
    at = next(i for i, line in enumerate(lines) if line.startswith("Nearest neighbours"))
    return [line for line in lines[at + 1:] if line.startswith("  0.") or line.startswith("  1.")]


async def test_a_row_with_text_passes_over_an_empty_neighbour(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "outlier")
        view = app.view
        row = int(screen.row_list.current_row)
        pane = screen.query_one("#detail")
        nearest = [int(other) for other in view.neighbour_indices[row]]
        distances = [float(d) for d in view.neighbour_distances[row]]
        before = _listed(pane.render_row(row).plain.splitlines())
        assert len(before) == min(5, len(nearest)) >= 2 and LEFT_OUT not in pane.render_row(row).plain.splitlines()
        _empty(view, nearest[0])
        lines = pane.render_row(row).plain.splitlines()
        listed = _listed(lines)
        assert not [line for line in listed if "∅ (empty text)" in line], listed
        assert [line.split()[0] for line in listed] == [f"{d:5.3f}".strip() for d in distances[1:6]], listed
        assert LEFT_OUT in lines, lines


async def test_the_multilabel_pane_passes_over_it_too(ml_app):
    from pilot_helpers import settle
    from test_multilabel_tui import open_labels

    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_labels(pilot, ml_app)
        view = ml_app.view
        [blank] = np.flatnonzero(view.no_text).tolist()
        row = next(r for r in range(len(view)) if not view.no_text[r])
        indices = view.neighbour_indices.copy()  # the blank row made this row's nearest (the result is shared)
        indices[row] = [blank, *[int(o) for o in indices[row] if int(o) != blank]][:indices.shape[1]]
        view.neighbour_indices = indices
        pane = ml_app.screen.query_one("#detail")
        lines = pane.render_row(row).plain.splitlines()
        listed = _listed(lines)
        assert len(listed) == 5 and not [line for line in listed if "∅ (empty text)" in line], listed
        assert LEFT_OUT in lines, lines
