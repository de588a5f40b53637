"""A narrow column sorted by still shows the sort mark: its title yields, never the ▲ / ▼.

Seen in tmux on the demo at 100x30: s on the near-duplicate screen until the Done column (5
cells) was sorted: its title read 'Done…', the ' ▲' cut off, so nothing said which column or
which way the sets were sorted.
"""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


async def test_every_drawn_column_shows_its_mark_when_sorted(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        rows = app.screen.row_list
        shown = [key for key in rows.drawn_keys() if key != "set"]  # '!', one cell: keeps its title
        assert "decision" in shown  # the Done column, 5 cells wide
        seen = set()
        for _ in range(len(shown) + 1):
            await pilot.press("s")
            await settle(pilot)
            header = rows.render_line(0).text
            if app.screen.sort_key in shown:
                seen.add(app.screen.sort_key)
                assert "▲" in header, (app.screen.sort_key, header)
            await pilot.press("S")
            await settle(pilot)
            header = rows.render_line(0).text
            if app.screen.sort_key in shown:
                assert "▼" in header, (app.screen.sort_key, header)
            await pilot.press("S")
            await settle(pilot)
        assert "decision" in seen
