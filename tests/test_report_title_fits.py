"""The report's title whole at 60 columns: 'Audit report · enter on a row number opens it ·
escape: back' was 60 cells in a 58-cell bar and ended 'escape: b…' (ui28, tmux 60x20, demo)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static

from tui.app import TextauditApp


async def test_the_report_title_fits_a_60_column_bar(demo_result, tmp_path):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        bar = app.screen.query_one("#title-bar", Static)
        title = str(bar.render())
        assert title.startswith("Audit report") and "esc" in title
        assert cell_len(title) <= bar.content_region.width, (title, bar.content_region.width)
