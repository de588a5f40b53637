"""The confusion navigator's header line breaks between its parts, never inside one.

Seen in tmux on banking77 test at 60x24 (ui25): C drew 'Pairs given → suggested · v: next view ·
enter: the rows (then *' / 'and a)', and the matrix view '... · v: next view · the' / '6 classes
in the most label issues ...'. The header is a PartsLabel now, as the dialogs' titles are.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

PAIRS = ["Pairs given → suggested", "v: next view", "enter: the rows (then * and a)"]


def drawn(widget) -> list[str]:
    return [line for line in (widget.render_line(y).text.strip() for y in range(widget.size.height)) if line]


@pytest.mark.parametrize("size", [(60, 24), (100, 24)])
async def test_the_pairs_header_breaks_between_parts(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        lines = drawn(app.screen.query_one("#confusion-mode"))
        assert [part for line in lines for part in line.split(" · ")] == PAIRS, lines
        if size[0] >= 100:
            assert len(lines) == 1, lines
        for _ in range(3):  # by given, by suggested, the matrix: each line starts a part
            await pilot.press("v")
            await settle(pilot)
            lines = drawn(app.screen.query_one("#confusion-mode"))
            assert lines[0].split(" · ")[0] in ("By given class", "By suggested class",
                                                "Matrix: rows given, columns suggested"), lines
            assert all(not line.endswith(("·", "(then *", " the")) for line in lines), lines
