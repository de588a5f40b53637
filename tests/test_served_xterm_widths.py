"""Served (textual-serve: xterm.js 5 with its Unicode 11 addon), a character the page and Rich count differently is
drawn as U+FFFD, as newer characters are in a terminal (tui/unicode_baseline.SERVED_CHANGED); in a terminal (tmux,
glibc 2.36: 🥲 2 cells as Rich) it stays as it is. The page's widths were read from its cursor in headless
Chromium (serve43): 🥲 🤌 🥷 1 cell there, Rich 2, so a row holding one ran its columns one cell left."""

from __future__ import annotations

import pytest

from tui import terminal_text

#: (text, its width on the served page: xterm.js's cursor after it, measured in Chromium)
PAGE_WIDTHS = [("🥲", 1), ("🤌", 1), ("🥷", 1), ("🪴", 1), ("ㆻ", 1), ("\u0898", 1), ("\ud7b0", 1), ("\u0600", 0),
               ("🤻", 2), ("👍", 2), ("का", 2), ("漢", 2), ("😀", 2), ("a", 1)]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "tui.served_driver:ServedDriver")
    terminal_text._newer.cache_clear()
    yield
    monkeypatch.delenv("TEXTUAL_DRIVER")
    terminal_text._newer.cache_clear()


@pytest.mark.parametrize(("text", "page_width"), PAGE_WIDTHS)
def test_served_text_measures_as_the_page_draws_it(served, text: str, page_width: int) -> None:
    from rich.cells import cell_len

    from tui.mark_widths import count_spacing_marks

    count_spacing_marks()
    drawn = terminal_text.cell_plain(text)
    assert drawn == text or drawn == "\ufffd" * len(text)
    # what Rich lays out is what the page draws (U+FFFD: one cell to both)
    assert cell_len(drawn) == (1 if drawn != text else page_width)


def test_in_a_terminal_newer_emoji_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    terminal_text._newer.cache_clear()
    assert terminal_text.cell_plain("ok 🥲 🤌 ㆻ") == "ok 🥲 🤌 ㆻ"
    assert terminal_text.cell_plain("🫨") == "\ufffd"  # Unicode 15: held in both
    terminal_text._newer.cache_clear()
