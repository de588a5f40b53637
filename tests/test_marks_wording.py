"""One mark is one row in every message about marks: the app said 'cleared 1 marks', 'Exclude:
1 marked rows', 'saved 1 decisions as one step' and '* marked 1 rows' (seen in tmux)."""

from __future__ import annotations

from pilot_helpers import open_filter, settle
from tui_synthetic import fixed_app



def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_one_mark_is_counted_as_one(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_issue("label")
        await settle(pilot)
        screen = app.screen
        await pilot.press("space", "escape")
        await pilot.pause()
        assert "cleared 1 mark" in toasts(app), toasts(app)
        await pilot.press("space", "x")
        await pilot.pause()
        await pilot.pause()
        assert str(app.screen.query_one("#bulk-title").render()).startswith("Exclude: 1 marked row ·")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert "saved 1 decision as one step (u undoes them all)" in toasts(app), toasts(app)
        text = str(app.view.texts[screen.target()])
        await open_filter(pilot)
        app.focused.value = f'"{text}"'  # that row alone
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.row_list.order) == 1
        await pilot.press("asterisk")
        await pilot.pause()
        assert any(t.startswith("marked 1 row (") for t in toasts(app)), toasts(app)


async def test_the_bulk_preview_notes_count_one_as_one(pinned_result, journal_path):
    """'1 of them already have a decision' (tmux, near-duplicates: two sets marked, one member
    decided before) reads '1 of them already has a decision: it is replaced'."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("o", "up", "space", "space", "x")  # keep a row, then mark it and the next
        await pilot.pause()
        await pilot.pause()
        notes = str(app.screen.query_one("#bulk-notes").render())
        assert notes == "1 of them already has a decision: it is replaced", notes
