"""The label screen lists Datalab's own label flags on request (``datalab:yes`` / ``datalab:no``).

A notebook user reads ``lab.get_issues('label').query('is_label_issue')``; the app flags rows by
its own label score and said only how many Datalab flags (ag_news test in tmux: "Datalab's own
flag: 308 rows, 154 of them in both") with no way to list the 154 others.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import every_row, filter_rows, settle
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.widgets.filter_bar import FILTER_HELP, parse_filter


async def test_datalab_yes_lists_every_row_datalab_flags_and_no_the_rest(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    theirs = view.datalab_label_flags.copy()
    only_datalab = int(np.flatnonzero(~view.flags["label"])[3])
    theirs[only_datalab] = True  # one row Datalab flags and textaudit does not
    view.datalab_label_flags = theirs
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await every_row(pilot, "label")
        await filter_rows(pilot, "datalab:yes")
        assert sorted(rows.order.tolist()) == np.flatnonzero(theirs).tolist()
        assert only_datalab in rows.order.tolist()
        await filter_rows(pilot, "dl:no", keys=("ctrl+u", *"dl:no"))
        assert sorted(rows.order.tolist()) == np.flatnonzero(~theirs).tolist()
        await pilot.press("f")  # textaudit's flagged rows, of them the ones Datalab does not flag
        await settle(pilot)
        assert sorted(rows.order.tolist()) == np.flatnonzero(view.flags["label"] & ~theirs).tolist()


def test_the_help_names_the_datalab_filter():
    assert "datalab:yes/no" in FILTER_HELP


def test_a_datalab_value_other_than_yes_or_no_is_refused_in_words():
    assert parse_filter("datalab:maybe").error == "filter: datalab: takes yes or no, not 'maybe'"
    assert parse_filter("datalab:YES card").datalab is True
