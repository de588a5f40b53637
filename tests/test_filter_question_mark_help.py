"""? typed into an empty filter lists the filter's syntax, as the filter's hint says.

Seen in tmux on banking77 test at 50 columns (ui25): the empty filter reads 'filter (? lists the
syntax)'; '/' then '?' typed a '?' into it and listed the 35 rows holding one, the syntax never
shown. Now ? in an empty filter opens help with the filter's syntax first; in a filter already
typed it is text ('why?'), and '"?"' searches for it.
"""

from __future__ import annotations

from pilot_helpers import open_filter, open_issue, settle
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.screens.help import HelpScreen


async def test_question_mark_in_an_empty_filter_opens_the_syntax(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(50, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        await open_filter(pilot)
        filter_bar = screen.query_one("#filter")
        assert "? lists the syntax" in filter_bar.placeholder
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        statics = [str(s.render()) for s in app.screen.query(Static)]
        assert statics[1].startswith("Filter line (/): "), statics[:3]  # first, after the title
        assert filter_bar.value == ""
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.focused is filter_bar  # back in the filter, still empty
        assert filter_bar.value == ""


async def test_question_mark_after_text_is_text(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(50, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        await open_filter(pilot)
        await pilot.press("w", "h", "y", "question_mark")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#filter").value == "why?"


async def test_the_syntax_is_listed_once(pinned_result, journal_path):
    """ui26 (tmux, the demo at 80x24): after ? in the filter the syntax came first and again at the
    end, five pages down; ? anywhere else lists it once, at the end."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        await open_filter(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert sum(t.startswith("Filter line (/): ") for t in texts) == 1, texts
        assert texts[1].startswith("Filter line (/): ")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        screen.query_one("#rows").focus()
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert sum(t.startswith("Filter line (/): ") for t in texts) == 1, texts
        assert texts[-1].startswith("Filter line (/): ")
