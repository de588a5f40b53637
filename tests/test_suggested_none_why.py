"""The row pane says why the model's top class is no suggestion. ui38: the demo's 3 close_account rows (p=0.013, the
model preferring check_balance) read 'Suggested: none: no label issue here', which said not why: they score past
the label check's cut, in a class of 3 rows that the model barely saw out of fold."""

from __future__ import annotations

import numpy as np
from pilot_helpers import open_issue
from textual.widgets import Static
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.widgets.row_list import RowList

TINY = "its class has 3 rows, which the model barely saw out of fold"


def tiny_class_view(dataset):
    """The fixed view with the demo's close_account rows (3) predicted as another class and not flagged."""
    view = fixed_view(dataset)
    tiny = np.flatnonzero(view.given == np.argmin(np.bincount(view.given)))
    view.predicted[tiny] = (view.given[tiny] + 1) % len(view.class_names)
    return view, [int(row) for row in tiny]


async def test_a_tiny_class_row_says_why_it_has_no_suggestion(pinned_result, journal_path):
    view, tiny = tiny_class_view(pinned_result.dataset)
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "class_imbalance")
        rows = screen.query_one("#rows", RowList)
        rows.move_cursor([int(r) for r in rows.order].index(tiny[0]))
        await pilot.pause()
        pane = " ".join(str(screen.query_one("#detail-body", Static).render()).split())
        top = view.shown_names[int(view.predicted[tiny[0]])]
        assert (f"Suggested: none: the label check flags the {int(view.flags['label'].sum())} lowest label scores, not "
                f"this row's; {TINY} (the model's top class is {top})") in pane, pane


def test_the_words_for_a_row_passed_over_a_big_class_and_no_flags(pinned_result):
    from tui.widgets.detail_pane import unbacked_words

    view, tiny = tiny_class_view(pinned_result.dataset)
    flags, score = view.flags["label"], view.scores["label"]
    score[tiny[2]] = 0.0  # the lowest score, not flagged: the class's share of the flags passed it over
    assert unbacked_words(view, tiny[2]) == (f"none: not flagged, though among the {int(flags.sum())} lowest label "
                                             "scores: its class of 3 rows gets at most its share of the flags")
    big = int(np.argmax(np.where(flags, -1.0, score)))  # the top score: far from the cut
    assert np.count_nonzero(view.given == view.given[big]) >= 10
    assert unbacked_words(view, big) == f"none: the label check flags the {int(flags.sum())} lowest label scores, not this row's"
    view.flags["label"] = np.zeros_like(flags)
    assert unbacked_words(view, big) == "none: the label check flags no row"
