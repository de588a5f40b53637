"""A drawn text takes as many cells in the terminal as Textual (Rich) counts for it.

Rich counts the character after a zero-width joiner as nothing, an emoji variation selector as
widening a narrow symbol and a skin-tone modifier as 0 cells; a terminal that draws character by
character (tmux 3.3, xterm, pyte: wcwidth per character) counts 'x\\u200dy' 2, '❤\\ufe0f' 1 and
'👍🏽' 4. In tmux a row list holding 'I ❤️ this' had its Given column 4 cells left of the other rows',
'👍🏽👍🏽👍🏽👍🏽' pushed the line 8 cells past the screen's edge, and the detail pane left a stale scroll
bar beside a neighbour's text (hostile41).
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from wcwidth import wcwidth

#: Texts whose width Rich and a terminal counted differently, beside ones they always agreed on.
TEXTS = [
    "I ❤\ufe0f ❤\ufe0f this card",
    "✔\ufe0f✔\ufe0f balance ok",
    "👍🏽👍🏽 refund done",
    "x\u200dy\u200dz card",
    "family 👨\u200d👩\u200d👧\u200d👦 and 🏳\ufe0f\u200d🌈",
    "keycap 1\ufe0f\u20e3 and text-style ☺\ufe0e",
    "क्\u200dष conjunct",
    "宽字符 café e\u0301 می\u200cخواهم",
]


def terminal_cells(drawn: str) -> int:
    """The cells a terminal that draws character by character gives ``drawn`` (wcwidth, as pyte); shared with
    test_drawn_name_cell_widths."""
    return sum(max(wcwidth(char), 0) for char in drawn)


@pytest.mark.parametrize("text", TEXTS)
def test_list_cell_measures_as_the_terminal_draws_it(text: str) -> None:
    from tui.terminal_text import list_cell

    drawn = list_cell(text)
    assert cell_len(drawn) == terminal_cells(drawn), ascii(drawn)
    assert len(drawn.split()) == len(text.split())  # every word drawn, only those characters left out


@pytest.mark.parametrize("text", TEXTS)
def test_pane_lines_measure_as_the_terminal_draws_them(text: str) -> None:
    from tui.terminal_text import pane_text

    for line in pane_text(f"{text}\nsecond {text}", 10_000).split("\n"):
        assert cell_len(line) == terminal_cells(line), ascii(line)


def test_terminal_safe_keeps_them_and_the_filter_finds_what_the_screen_shows() -> None:
    """The view keeps its texts as drawn (tui/terminal_text.data_safe) and the filter drops the same characters
    from the typed word: a text copied from the screen ('I ❤ ❤ this', no variation selector) finds its row, as does
    the word typed with them; terminal_safe (file names, notes) measures as the terminal draws it too."""
    import numpy as np

    from tui.terminal_text import data_safe, terminal_safe
    from tui.text_index import TextIndex

    for text in TEXTS:  # file names, notes, the report: drawn alike (a title naming '❤\ufe0f.csv')
        assert cell_len(terminal_safe(text)) == terminal_cells(terminal_safe(text)), ascii(text)
    texts = np.empty(len(TEXTS), dtype=object)
    texts[:] = [data_safe(text) for text in TEXTS]
    index, rows = TextIndex(texts), np.arange(len(TEXTS))
    for word, row in (("I ❤ ❤ this", 0), ("I ❤\ufe0f ❤\ufe0f this", 0), ("👍👍 refund", 2), ("👍🏽👍🏽", 2),
                      ("xyz card", 3), ("👨👩👧👦 and", 4), ("👨\u200d👩", 4), ("क्ष", 6)):
        assert np.flatnonzero(index.contains(rows, word)).tolist() == [row], word


#: JSON texts with lone surrogates ("\ud800" escapes): Rich counts each one cell; the app's stderr wrote
#: '\ud800' as six characters (the row's Given column 5 cells right, the label picker's right border pushed off
#: the screen) and U+DC80-DCFF as their bytes ('\udcc3\udca9' reached the terminal as one 'é').
SURROGATE_TEXTS = ["lone \ud800 surrogate", "pair \udcc3\udca9 bytes", "high \udbff low \udfff", "c1 \udc9b end"]


@pytest.mark.parametrize("text", SURROGATE_TEXTS)
def test_a_lone_surrogate_takes_the_cell_rich_gives_it(text: str) -> None:
    import codecs

    from tui.std_streams import _escape_unencodable
    from tui.terminal_text import list_cell, pane_text

    codecs.register_error("hostile41.stderr", _escape_unencodable)  # tui.std_streams.tolerant_stderr's handler
    for drawn in (list_cell(text), *pane_text(f"{text}\n{text}", 10_000).split("\n")):
        written = drawn.encode("utf-8", "hostile41.stderr").decode("utf-8", "replace")  # what the terminal gets
        assert terminal_cells(written) == cell_len(drawn), (ascii(drawn), ascii(written))


@pytest.mark.parametrize("text", TEXTS + SURROGATE_TEXTS)
def test_the_near_duplicate_diff_measures_as_the_terminal_draws_it(text: str) -> None:
    """The near-duplicate screen's side-by-side word diff draws shown_text: its second column stood off by the
    cells Rich and the terminal counted differently in the first ('I ❤️❤️ love 👍🏽 this', tmux 100x30)."""
    from tui.widgets.detail_pane import shown_text

    drawn = shown_text(text)
    assert cell_len(drawn) == terminal_cells(drawn), ascii(drawn)
