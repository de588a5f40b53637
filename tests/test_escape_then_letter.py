"""Escape then a letter, read together, reach Textual as Alt+letter: tmux forwards escape followed
by a key within its escape-time (500 ms by default before tmux 3.5) as ESC+key, and so does one
SSH read holding both. In the label picker escape then x typed 'x' into the search (the picker
stayed open); with marks, escape then x left the marks and did nothing. The app binds no
Alt+letter: the key gate takes it as the escape and the letter the user pressed."""

from __future__ import annotations

import pytest
from pilot_helpers import journal_lines, list_ready, wait_until
from textual import events
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.key_gate import escape_then_letter
from tui.screens.label_picker import LabelPicker


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


def keys(event) -> list[tuple[str, str | None]]:
    return [(e.key, e.character) for e in escape_then_letter(event)]


def test_alt_letters_split_and_nothing_else():
    assert keys(events.Key("alt+x", "x")) == [("escape", "\x1b"), ("x", "x")]
    assert keys(events.Key("alt+shift+q", "Q")) == [("escape", "\x1b"), ("Q", "Q")]
    assert keys(events.Key("alt+é", "é")) == [("escape", "\x1b"), ("é", "é")]
    assert keys(events.Key("x", "x")) == [("x", "x")]
    assert keys(events.Key("alt+backspace", None)) == [("alt+backspace", None)]
    assert keys(events.Key("alt+up", None)) == [("alt+up", None)]


async def open_labels(pilot, app) -> None:
    app.open_issue("label")
    await wait_until(pilot, lambda: list_ready(app) and app.focused is app.screen.row_list, "the label list")


async def test_escape_then_x_in_the_picker_closes_it_and_excludes(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        row = screen.row_list.current_row
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker")
        app.post_message(events.Key("alt+x", "x"))  # what the terminal sent for escape, x
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude in the journal")
        assert app.screen is screen
        assert [(e["action"], e["row"]) for e in journal_lines(journal_path)] == [("exclude", row)]


async def test_escape_then_x_with_marks_clears_them_then_excludes_one_row(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        await pilot.press("space", "space")  # two rows marked
        await wait_until(pilot, lambda: screen.mark_count == 2, "two marks")
        row = screen.row_list.current_row
        app.post_message(events.Key("alt+x", "x"))
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude in the journal")
        assert screen.mark_count == 0 and app.screen is screen  # no bulk dialog: the marks were cleared
        assert [(e["action"], e["row"]) for e in journal_lines(journal_path)] == [("exclude", row)]
