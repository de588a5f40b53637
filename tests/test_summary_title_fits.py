"""The summary's title line at 80 columns: 'textaudit · test.csv · 3,080 rows · 77 classes · journal
test.corrections.jsonl' (banking77's test split, 81 cells) was cut to 'journal test.corrections.jso…'.
Where the line would be cut, the program's name goes first; where it fits, it stays."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize(("width", "named"), [(80, False), (120, True)])
async def test_the_journal_name_is_drawn_whole(pinned_result, tmp_path, width, named):
    journal = tmp_path / "banking_test.corrections.jsonl"  # 'textaudit · ' no longer fits at 80
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#title-bar")
        drawn = bar.render_line(0).text.strip()
        assert drawn.endswith(f"journal {journal.name}"), drawn
        assert drawn.startswith("textaudit · ") is named, drawn
        if not named:
            await pilot.resize_terminal(120, 24)  # wider again: the name comes back
            await settle(pilot)
            assert bar.render_line(0).text.strip().startswith("textaudit · ")
