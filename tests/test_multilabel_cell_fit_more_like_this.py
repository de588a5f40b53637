"""The 'more like this' list (m) cuts a label set between labels, as the other row screens do.

ui33, tmux 50x16 on a Debian debtags sample (--label-sep '|'): m on the label screen listed
'culture::…nverting' for a set of six labels (culture::TODO, ..., use::converting): the middle cut
meant for one class name went through the whole set (0d4d6ce fixed the outlier and other row
screens; this one kept names.fit). Now 'culture::TODO (+5)'.
"""

from __future__ import annotations

from pilot_helpers import settle
from rich.cells import cell_len

from tui.columns import GIVEN
from tui.screens.more_like_this import MoreLikeThisScreen


async def test_more_like_this_cuts_label_sets_between_labels(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = ml_app.screen
        assert isinstance(screen, MoreLikeThisScreen)
        ml = ml_app.view.multilabel
        row = next(r for r in range(len(ml.sets)) if len(ml.sets[r]) > 1)
        text = screen.cell(row, GIVEN)
        assert text == ml.given_text(row)
        column = next(c for c in screen.columns() if c.key == GIVEN)
        width = cell_len(text) - 1
        cut = column.fit(text, width)
        head, _, more = cut.rpartition(" (+")
        shown = head.split(", ")
        assert cell_len(cut) <= width and "…" not in head, cut
        assert more == f"{len(ml.sets[row]) - len(shown)})", cut
        assert shown == [ml.shown[k] for k in ml.sets[row]][:len(shown)]  # whole labels, in order
