"""Each key typed into the filter is handled once.

FilterBar's key handler (? in an empty filter opens the syntax) called its parent's handler
itself, and Textual then ran the parent's handler again on its way up the classes (review26):
harmless while the parent only inserts joiners, but every key went through it twice. The
filter must still take plain letters, a zero-width joiner (WordInput), and '?' after text.
"""

from __future__ import annotations

from pilot_helpers import open_filter, open_issue, settle
from textual import events
from tui_synthetic import fixed_app

from tui.widgets.filter_bar import WordInput


async def test_letters_a_joiner_and_a_question_mark_each_go_in_once(pinned_result, journal_path, monkeypatch):
    seen: list[str] = []
    original = WordInput._on_key

    async def counting(self, event) -> None:
        seen.append(event.character)
        await original(self, event)

    monkeypatch.setattr(WordInput, "_on_key", counting)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        await open_filter(pilot)
        filter_bar = screen.query_one("#filter")
        await pilot.press("m", "i")
        filter_bar.post_message(events.Key("\u200c", "\u200c"))
        await settle(pilot)
        await pilot.press("x", "question_mark")
        await settle(pilot)
        assert filter_bar.value == "mi\u200cx?"
        assert seen == ["m", "i", "\u200c", "x", "?"], seen
