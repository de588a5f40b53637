"""Opening the label screen from the summary lists what the summary counted, not a navigator's pair.

walk37 (ag_news test, tmux): ``C`` -> Business -> Sci/Tech, esc esc, then the summary's
'Label issues 161' + enter opened '44 of 161 flagged · filter: given:Busine…/Tech': the pair's filter
stayed on the installed screen. A filter the user typed on the screen itself stays, and says so.
"""

from __future__ import annotations

from pilot_helpers import filter_rows, notices, press_on, settle, wait_until
from tui_synthetic import fixed_app

from tui.screens.label_issues import LabelIssuesScreen


async def test_the_summary_opens_every_flagged_row_after_a_pair(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_on(pilot, "label", "c")
        await pilot.press("down", "enter")
        await settle(pilot)
        label = app.screen
        assert isinstance(label, LabelIssuesScreen) and label.filter_query.startswith("given:")
        paired = len(label.row_list.order)
        flagged = len(app.view.flagged("label"))
        assert paired < flagged
        await pilot.press("escape", "escape")  # the pairs, then the summary
        await pilot.pause()
        app.open_issue("label", flagged=True)  # the summary's enter on 'Label issues'
        await settle(pilot)
        assert app.screen is label
        await wait_until(pilot, lambda: len(label.row_list.order) == flagged, "every flagged row listed")
        assert label.filter_query == "" and label.spec.empty
        assert label.query_one("#filter").value == ""


async def test_a_filter_typed_on_the_screen_stays_and_is_said(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label", flagged=True)
        await settle(pilot)
        label = app.screen
        query = "given:" + app.view.shown_names[int(app.view.given[app.view.flagged("label")[0]])]
        await filter_rows(pilot, query)
        app.action_summary()  # back to the summary (escape would clear the typed filter first)
        await pilot.pause()
        seen = notices(app)
        app.open_issue("label", flagged=True)
        await settle(pilot)
        assert app.screen is label and label.filter_query == query
        assert any("still on" in text for text in seen), seen
