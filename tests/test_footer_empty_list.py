"""A row screen with nothing listed (the demo's underperforming group: 0 flagged) leaves the
decision keys out of its footer: 'a l x o' were offered there and did nothing at all. Once 'f'
lists every row they come back."""

from __future__ import annotations

from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_app


def footer_keys(app) -> set[str]:
    return {key.action for key in app.screen.query("FooterKey")}


async def test_decision_keys_leave_the_footer_of_an_empty_list(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "underperforming_group")
        assert len(screen.row_list.order) == 0 and screen.target() is None
        await pilot.pause()
        shown = footer_keys(app)
        assert not shown & {"accept", "pick_label", "exclude", "keep"}, shown
        assert {"undo", "filter"} <= shown
        await pilot.press("f")
        await settle(pilot)
        await pilot.pause()
        assert screen.target() is not None
        assert {"pick_label", "exclude", "keep"} <= footer_keys(app)
