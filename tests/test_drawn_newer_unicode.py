"""Characters newer than the terminal's Unicode tables are drawn as U+FFFD, which Rich and the terminal both count one
cell; the data keeps them.

tmux 3.3a on glibc 2.36 (Unicode 14.0 tables) drew the Unicode 15 emoji 🫨 (U+1FAE8) and 🩷 (U+1FA77) in 0 cells,
Rich (Textual's measure) in 2, so a row holding one had its columns moved left; an unassigned code point likewise
(Rich 1, tmux 0), and the trigrams ☰ (wide since Unicode 16: Rich 2, glibc 1) the other way (hostile41's 'left' 1).
tui/unicode_baseline.py lists them; tui/terminal_text.newer_held draws them as U+FFFD.
"""

from __future__ import annotations

import unicodedata

import pytest
from glibc_cells import cells_of, glibc_width_fixture
from rich.cells import cell_len

#: Texts with characters newer than Unicode 14.0 or counted differently since, beside ones every table agrees on.
TEXTS = [
    "so shaken \U0001fae8 by the fee",
    "pink \U0001fa77 heart and goose \U0001fabf push \U0001faf8",
    "melting \U0001fae0 (Unicode 14) and grin \U0001f600",
    "unassigned \u0378 and \U0001faff here",
    "trigram \u2630 hexagram \u4dc0 rods \U0001d360",
    "filler \u3164 and \uffa0 black \u3248",
    "kawi \U00011f04 letter",
    "宽字符 café e\u0301 क्\u200dष 👍🏽",
]


#: The cells glibc's wcwidth gives a character, in a UTF-8 locale; skipped without glibc.
glibc_width = glibc_width_fixture("\u00e9", "wcwidth does not read UTF-8 here")


@pytest.mark.parametrize("text", TEXTS)
def test_a_list_cell_and_pane_lines_measure_as_glibc_draws_them(text: str, glibc_width) -> None:
    from tui.terminal_text import list_cell, pane_text

    for drawn in (list_cell(text), *pane_text(f"{text}\nsecond {text}", 10_000).split("\n")):
        assert cell_len(drawn) == cells_of(drawn, glibc_width), ascii(drawn)
    assert len(list_cell(text).split()) == len(text.split())  # every word drawn


@pytest.mark.parametrize("text", TEXTS)
def test_names_and_file_names_measure_as_glibc_draws_them(text: str, glibc_width) -> None:
    from tui.names import drawn_name
    from tui.terminal_text import terminal_safe

    for drawn in (drawn_name(text), terminal_safe(text)):
        assert cell_len(drawn) == cells_of(drawn, glibc_width), ascii(drawn)


def test_they_are_drawn_as_a_placeholder_and_the_data_keeps_them() -> None:
    from tui.terminal_text import cell_plain, data_safe, newer_held

    assert cell_plain("so shaken \U0001fae8 by the fee") == "so shaken \ufffd by the fee"
    assert newer_held("trigram \u2630 \U0001f600 \U0001fae0") == "trigram \ufffd \U0001f600 \U0001fae0"
    assert data_safe("a \U0001fa77 b") == "a \ufffd b"  # what the view draws and filters
    assert newer_held("x\udc9by") == "x\udc9by"  # a file name's undecodable byte: terminal_safe's own business


def test_every_character_drawn_measures_as_glibc_draws_it(glibc_width) -> None:
    """Each code point of planes 0-3 and 14 as cell_plain draws it: Rich's count is glibc's, but for the spacing
    marks (Mc: Rich's tables 0, glibc 1: the app's measure gives them glibc's, tui/mark_widths.py,
    test_drawn_spacing_marks)."""
    from tui.terminal_text import cell_plain

    if glibc_width("\U0001fae0") != 2:
        pytest.skip("this glibc's tables predate Unicode 14.0")
    off = []
    for code in [*range(0x20, 0x40000), *range(0xE0000, 0xE1000)]:
        char = chr(code)
        if 0xD800 <= code < 0xE000 or unicodedata.category(char) in ("Cc", "Mc"):
            continue
        drawn = cell_plain(char)
        if cell_len(drawn) != cells_of(drawn, glibc_width):
            off.append(f"U+{code:04X}")
    assert not off, (len(off), off[:20])


def test_the_unassigned_table_is_unicode_14() -> None:
    """tui/unicode_baseline.UNASSIGNED is every code point of general category Cn in Unicode 14.0."""
    if unicodedata.unidata_version != "14.0.0":
        pytest.skip(f"this Python's unicodedata is {unicodedata.unidata_version}")
    from tui.unicode_baseline import UNASSIGNED

    listed = set()
    for word in UNASSIGNED.split():
        first, _, last = word.partition("-")
        listed.update(range(int(first, 16), int(last or first, 16) + 1))
    assert listed == {code for code in range(0x110000) if unicodedata.category(chr(code)) == "Cn"}
