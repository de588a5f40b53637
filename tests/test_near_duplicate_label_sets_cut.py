"""The near-duplicate list's Labels cell on label sets is cut between labels, every member's set shown.

Seen in tmux on Debian debtags (--label-sep '|'): at 80x24 a conflicting set's cell read
'culture::brazilian, made-of::dictionar…' and 'devel::library, role::devel-lib ≠ role…': the
joined sets cut at the cell's end through a label, the other side of the '≠' off the cell, where
every other screen cuts a set between labels with how many are left out ('use::browsing (+7)',
MultiLabelView.fit). Now each member's set gets its share, cut by that helper.
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import open_issue
from rich.cells import cell_len

from tui.columns import LABELS
from tui.multilabel import MultiLabelView

APART = " ≠ "  # between the members' different sets in a Labels cell


def drawn_width(screen, key: str) -> int:
    rows = screen.row_list
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return dict(zip((column.key for column in columns), cells)).get(key, 0)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_conflicting_label_sets_are_cut_between_labels(ml_app, size):
    async with ml_app.run_test(size=size) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        ml = ml_app.view.multilabel
        members = [int(r) for r in screen.sets[0]][:2]
        by_length = sorted(range(len(ml.names)), key=lambda k: -cell_len(ml.shown[k]))
        ml.sets[members[0]] = tuple(sorted(by_length[0:4]))  # two sets of four long labels, none shared
        ml.sets[members[1]] = tuple(sorted(by_length[4:8]))
        screen.view_changed()
        await pilot.pause()
        text = screen.cell(0, LABELS)
        parts = text.split(APART)
        assert len(parts) == 2, text
        width = drawn_width(screen, LABELS)
        if size[0] >= 120 and width >= cell_len(text):  # a wide terminal grows the column to the sets
            assert text in screen.row_list.render_line(1).text  # (test_near_duplicate_label_sets_grow)
            return
        assert 0 < width < cell_len(text), (width, text)  # the case: the cell is cut
        column = next(c for c in screen.columns() if c.key == LABELS)
        assert column.fit is not None  # without one the list cuts the cell at its end, through a label
        cut = column.fit(text, width)
        assert cell_len(cut) <= width, cut
        sides = cut.split(APART)
        assert len(sides) == 2, cut  # both members' sets, not the first one cut at the cell's end
        for side, whole in zip(sides, parts):
            labels = whole.split(", ")
            head, _, more = side.rpartition(" (+")
            if not head:  # the set whole
                assert side == whole, (side, whole)
                continue
            shown = head.split(", ")
            assert more == f"{len(labels) - len(shown)})", side  # how many are left out
            if "…" not in head:  # whole labels from the set's start (a share too small cuts the first label)
                assert shown == labels[:len(shown)], (side, whole)
        line = screen.row_list.render_line(1).text
        assert cut in line, (cut, line)


def test_fit_apart_keeps_whole_labels_where_it_can():
    """The debtags cells in tmux at 120x40 (52 cells): three sets, every one as its first label and a count."""
    from tui.screens.near_duplicates import fit_apart

    names = ["devel::library", "role::devel-lib", "role::shared-lib", "uitoolkit::qt", "culture::brazilian"]
    ml = MultiLabelView(names, [(0, 1), (2,), (3,)], [[], [], []], [[], [], []], np.zeros((3, 5), dtype=np.float32))
    parts = tuple(ml.given_text(r) for r in range(3))
    assert parts == ("devel::library, role::devel-lib", "role::shared-lib", "uitoolkit::qt")

    def forms(text: str) -> list[int]:
        known = ml.parts.get(text)
        return [cell_len(text)] if known is None else [cell_len(f"{known[0][0]} (+{len(known[0]) - 1})"), cell_len(text)]

    joined = APART.join(parts)
    assert fit_apart(parts, cell_len(joined), ml.fit, forms) == joined
    assert fit_apart(parts, 55, ml.fit, forms) == "devel::library (+1) ≠ role::shared-lib ≠ uitoolkit::qt"
    assert fit_apart(parts, 52, ml.fit, forms) == "devel::library (+1) ≠ role::shared-lib ≠ …"
    narrow = fit_apart(parts, 40, ml.fit, forms)  # every side, each label cut in its middle
    assert cell_len(narrow) <= 40 and len(narrow.split(APART)) == 3, narrow
