"""The detail pane's 'Top 3:' line keeps each class beside its probability when it wraps.

Seen in tmux on the demo at 80x24, Outliers, row 50: 'Top 3:     exchange_rate 0.336  ·
transfer_money 0.193  ·  refund_request' and '0.180' alone on the next line, read as a
probability of nothing. The multi-label 'Labels:' line wrapped the same way ('payment' / '0.08').
The pane is drawn at terminal widths from 40 to 136 and its lines read as Textual wraps them.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.widgets import Static

from pilot_helpers import open_issue
from tui_synthetic import fixed_app

WIDTHS = range(40, 137, 4)


async def broken_lines(pilot, screen, header: str, probability: str) -> list[tuple[int, list[str]]]:
    """(terminal width, lines) wherever the ``header`` line of one of the first rows wraps with a
    probability starting a line (or a label set's note, 'missing?')."""
    pane = screen.query_one("#detail")
    body = pane.query_one("#detail-body", Static)
    bad = []
    for width in WIDTHS:
        await pilot.resize_terminal(width, 30)
        await pilot.pause()
        for row in screen.row_list.order[:6]:
            lines = [line.plain for line in Content.from_rich_text(pane.render_row(int(row))).wrap(body.size.width)]
            start = next(i for i, line in enumerate(lines) if line.startswith(header))
            end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[A-Z][a-z ]+:", lines[i])), len(lines))
            block = lines[start:end]  # up to the next 'Why:' or 'Nearest neighbours:'
            assert all(len(line) <= body.size.width for line in block)
            if any(re.match(rf"^\s*(?:{probability}|missing\?|wrong\?)", line) for line in block[1:]):
                bad.append((width, block))
    return bad


async def test_a_wrapped_top_classes_line_keeps_names_and_probabilities_together(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, name=lambda i: f"class_named_{'x' * (3 * i)}")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        bad = await broken_lines(pilot, screen, "Top ", r"\d\.\d{3}")
    assert not bad, "\n".join(repr(b) for b in bad[:3])


async def test_a_wrapped_label_set_line_keeps_labels_and_probabilities_together(ml_app):
    async with ml_app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        bad = await broken_lines(pilot, screen, "Labels:", r"\d\.\d{2}")
    assert not bad, "\n".join(repr(b) for b in bad[:3])
