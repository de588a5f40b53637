"""With every row listed (f), the title's decided count says it is over the flagged rows.

ui26, tmux on the demo: 'Null / empty text · 258 of 258 all rows · decided 0/1': the count is over
the flagged rows only, so it read as none of the 258 decided and never moved when other rows were.
"""

from __future__ import annotations

from pilot_helpers import every_row, open_issue, settle
from tui_synthetic import fixed_app


def title(app) -> str:
    return str(app.screen.query_one("#title-bar").render())


async def test_the_decided_count_names_the_flagged_rows_when_every_row_is_listed(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await open_issue(pilot, "label")
        flagged = len(app.screen.view.flagged("label"))
        assert f"decided 0/{flagged}" in title(app) and f"decided 0/{flagged} flagged" not in title(app)
        await pilot.press("escape")
        await settle(pilot)
        await every_row(pilot, "label")
        rows = len(app.screen.view)
        assert f"{rows:,} of {rows:,} rows ·" in title(app) and f"decided 0/{flagged} flagged" in title(app), title(app)
