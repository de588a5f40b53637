"""A label set too long for its cell is cut between labels, with how many are left out.

Seen in tmux on real multi-label data (Debian debtags, labels like 'use::browsing' and
'works-with::text', 2 labels a row on average, up to 13): at 80 and at 120 columns the label
screen's Given cell read 'use::brow…th::text' and Suggested '-use::bro…ith::text' for a row of 8
labels: the middle cut meant for one class name went through the whole set, leaving no label whole
and no word of how many there were. Now 'use::browsing (+7)' and '-use::browsing (+7)'.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import settle
from rich.cells import cell_len

from tui.columns import DECISION, GIVEN
from tui.multilabel import MultiLabelView

NAMES = ["use::browsing", "use::filtering", "works-with::text", "works-with::software:source"]


def _view() -> MultiLabelView:
    sets = [(0, 1, 2), (3,), (0, 3)]
    return MultiLabelView(NAMES, sets, [[], [0], []], [[0, 1, 2], [3], [3]], np.zeros((3, 4), dtype=np.float32))


def test_a_long_set_keeps_whole_labels_and_counts_the_rest():
    ml = _view()
    given = ml.given_text(0)
    assert given == "use::browsing, use::filtering, works-with::text"
    assert ml.fit(given, 18) == "use::browsing (+2)"
    assert ml.fit(given, 34) == "use::browsing, use::filtering (+1)"
    assert ml.fit(given, len(given)) == given  # fits: as it is
    change = ml.suggestion_text(0)
    assert change == "-use::browsing -use::filtering -works-with::text"
    assert ml.fit(change, 19) == "-use::browsing (+2)"


def test_a_first_label_too_long_is_cut_beside_the_count():
    ml = _view()
    given = ml.given_text(2)  # 'use::browsing, works-with::software:source'
    cut = ml.fit(given, 12)
    assert cut.endswith(" (+1)") and cell_len(cut) == 12 and cut.startswith("use…")
    change = ml.suggestion_text(1)  # '+use::browsing -works-with::software:source'
    cut = ml.fit(change, 14)
    assert cut.startswith("+use…") and cut.endswith(" (+1)") and cell_len(cut) <= 14
    assert ml.fit(change, 19) == "+use::browsing (+1)"


def test_one_label_or_a_text_it_did_not_draw_is_cut_in_the_middle():
    ml = _view()
    one = ml.given_text(1)
    assert one == "works-with::software:source"
    assert "…" in ml.fit(one, 12) and cell_len(ml.fit(one, 12)) == 12
    assert ml.fit("some, other, text", 10).count("…") == 1
    assert cell_len(ml.fit(ml.given_text(0), 6)) <= 6  # too narrow for a label and a count


async def test_label_screen_cells_use_the_set_cut(ml_app, ml_result):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        screen = ml_app.screen
        ml = ml_app.view.multilabel
        row = next(r for r in ml_app.view.flagged("label").tolist() if len(ml.sets[r]) > 1)
        text = screen.cell(row, "given")
        columns = {column.key: column for column in screen.columns()}
        width = cell_len(text) - 1
        cut = columns[GIVEN].fit(text, width)
        head, _, more = cut.rpartition(" (+")
        shown = head.split(", ")
        assert cell_len(cut) <= width and more == f"{len(ml.sets[row]) - len(shown)})"
        assert shown == [ml.shown[k] for k in ml.sets[row]][:len(shown)]  # whole labels, in order
        assert columns[DECISION].fit("excluded", 20) == "excluded"
