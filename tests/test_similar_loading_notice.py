"""'loading the audit's vectors…' goes once the list it waited for is shown: it stayed up over the
list for its 3 s (ui18, AG News). Checked as the list appears, not by time."""

from __future__ import annotations

from pilot_helpers import notices
from test_tui_review_similar import app, wait_for  # noqa: F401 - the module fixture

from tui.screens.more_like_this import MoreLikeThisScreen

LOADING, EMBEDDING = "loading the audit's vectors…", "embedding the query…"


def shown(app) -> list[str]:  # noqa: F811
    return [n.message for n in app._notifications]


async def test_the_loading_notice_goes_when_the_list_shows(app):  # noqa: F811
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await wait_for(pilot, app, type(app.screen))
        said = notices(app)
        await pilot.press("m")
        await wait_for(pilot, app, MoreLikeThisScreen)
        assert LOADING in said  # it was said while the vectors loaded
        assert LOADING not in shown(app) and EMBEDDING not in shown(app), shown(app)
