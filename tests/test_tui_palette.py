"""The command palette's page keys: ctrl+p, m, down, pagedown typed at once in tmux ended the app
with a traceback (KeyError in Textual's option list: the refilled list was not laid out yet)."""

from __future__ import annotations

from textual.command import CommandList
from textual.widgets.option_list import Option
from tui_synthetic import fixed_app



async def test_a_page_key_before_the_palette_list_is_laid_out_does_not_crash(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        listing = palette.query_one(CommandList)
        listing.remove_class("--visible")  # what the palette does while a search runs
        await pilot.pause()
        listing.clear_options()
        listing.add_class("--visible")  # ... and when its results arrive, before the next layout
        listing.add_options([Option("first"), Option("second")])
        listing.highlighted = 1
        palette._action_command_list("page_down")  # the key, as the palette passes it on
        palette._action_command_list("page_up")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_results_of_a_search_that_ends_after_the_palette_closed_are_dropped(pinned_result, tmp_path):
    """ctrl+p, a letter and escape at once: the search worker then showed its results on the
    closed palette (NoMatches: CommandList) and the app ended with a traceback."""
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", "m")
        await pilot.pause()
        palette = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not palette
        palette._list_visible = not palette._list_visible  # what the late search does
        await pilot.pause()
        assert app.is_running and app.return_code is None
