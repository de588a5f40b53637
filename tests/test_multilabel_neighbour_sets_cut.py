"""The multi-label detail pane's nearest neighbours: each neighbour's set cut between labels.

ui33, tmux 120x40 on a Debian debtags sample (--label-sep '|'): the neighbours of row 100 read
'culture::bulgarian, mad…' and 'culture::portuguese, ma…': the set cut at 24 cells through a
label, where the lists cut it between labels with how many are left out (MultiLabelView.fit,
'culture::bulgarian (+3)').
"""

from __future__ import annotations

from pilot_helpers import settle
from rich.cells import cell_len


async def test_a_neighbours_long_set_keeps_whole_labels(ml_app):
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ml_app.open_issue("label")
        await settle(pilot)
        screen = ml_app.screen
        view, ml = ml_app.view, ml_app.view.multilabel
        row = int(screen.row_list.current_row)
        other = int(view.neighbour_indices[row][0])
        by_length = sorted(range(len(ml.names)), key=lambda k: -cell_len(ml.shown[k]))
        ml.sets[other] = tuple(sorted(by_length[:6]))  # a set longer than the column's 24 cells
        whole = ml.given_text(other)
        assert cell_len(whole) > 24
        lines = screen.query_one("#detail").render_row(row).plain.splitlines()
        line = lines[lines.index("Nearest neighbours:") + 1]
        cell = line[9:9 + 24].rstrip()  # '  0.123  ' then the set's 24 cells
        head, _, more = cell.rpartition(" (+")
        shown = head.split(", ")
        assert head and "…" not in head, line
        assert shown == whole.split(", ")[:len(shown)] and more == f"{6 - len(shown)})", line
