"""The Non-IID screen's legend ('On the plot: 1 = card_lost · 2 = change_pin · ...') breaks between its
entries, never inside one: on the demo at 80x24 (tmux, walk39) a wrap by words left '4 =' at the end of a
line and its class, close_account, at the start of the next."""

from __future__ import annotations

import re

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.screens.non_iid import NonIidScreen


async def test_the_legend_breaks_between_entries_at_80_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(NonIidScreen(app.view))
        await settle(pilot)
        legend = app.screen.query_one("#label-plot-legend")
        lines = [legend.render_line(y).text.strip() for y in range(legend.size.height)]
    lines = [line for line in lines if line]
    assert len(lines) >= 2, lines  # the demo's seven classes do not fit one line of 80
    for line in lines:
        assert not line.endswith("="), lines
        assert not re.match(r"^[a-z_]+ ·", line), lines  # a line starting with a class cut from its number
    entries = " · ".join(lines).removeprefix("On the plot: ").split(" · ")  # each line break was a " · "
    assert all(re.fullmatch(r"\d+ = \S+", entry) for entry in entries), entries
    assert len(entries) == app.view.label_order.n_classes
