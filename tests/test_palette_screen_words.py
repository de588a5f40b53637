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
