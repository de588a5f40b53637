"""The palette named screens by their class: 'u · on SummaryScreen', 'tab · on ReauditScreen'
(seen in tmux, ctrl+p on the summary and during a re-audit)."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


async def test_the_summarys_keys_say_on_the_summary(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        helps = [str(command.help) for command in app.get_system_commands(app.screen)]
        keyed = [text for text in helps if " · on " in text]
        assert keyed, helps
        assert all("Screen" not in text for text in helps), keyed
        assert any(text.endswith(" · on the summary") for text in keyed), keyed
        from tui.palette import screen_words

        app.open_issue("label", flagged=True)
        await settle(pilot)
        assert screen_words(app.screen) == "Label issues"  # a titled screen keeps its title


def test_an_untitled_screen_without_words_reads_as_words() -> None:
    from textual.screen import Screen

    from tui.palette import screen_words

    class MoreLikeThatScreen(Screen):
        pass

    assert screen_words(MoreLikeThatScreen()) == "more like that"


async def test_textuals_own_keys_are_not_the_apps_commands(pinned_result, journal_path):
    """hostile22b: the palette listed Textual's 'Focus Next · tab', 'Focus Previous · shift+tab' and
    'Copy selected text · super+c' beside the app's commands; a screen's own tab key stays."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        helps = {str(command.title): str(command.help) for command in app.get_system_commands(app.screen)}
        assert any(text.endswith(" · on the summary") for text in helps.values()), helps  # the summary's keys
        assert not {"Focus Next", "Focus Previous", "Copy selected text"} & set(helps), helps
        app.open_issue("label", flagged=True)
        await settle(pilot)
        helps = {str(command.title): str(command.help) for command in app.get_system_commands(app.screen)}
        assert helps.get("Move between the list and the detail pane", "").startswith("tab · on "), helps
        assert not {"Focus Next", "Focus Previous", "Copy selected text"} & set(helps), helps


async def test_textuals_key_panel_and_maximize_are_not_offered(pinned_result, journal_path):
    """ui23: the palette offered Textual's 'Keys' (a side panel that cut the summary's table and did not
    close on escape) and 'Maximize'; the app's 'Help: keys' is its key list. Theme, Quit, Screenshot stay."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for opened in (None, "label"):
            if opened:
                app.open_issue(opened, flagged=True)
                await settle(pilot)
            assert app.screen.focused is not None and app.screen.focused.allow_maximize  # Textual would offer it
            titles = {str(command.title) for command in app.get_system_commands(app.screen)}
            assert not {"Keys", "Maximize", "Minimize"} & titles, titles
            assert {"Theme", "Quit", "Screenshot", "Help: keys"} <= titles, titles
