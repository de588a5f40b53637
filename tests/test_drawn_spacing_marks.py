"""Rows of Hindi, Bengali, Tamil and Thai text take on screen the cells Textual lays out for them.

A spacing combining mark (general category Mc: the vowel sign in 'का', 'কা', 'கா') is 0 cells to Rich (Textual's
measure) and 1 to glibc's wcwidth (tmux 3.3a), xterm and VTE: in tmux at 80x24 a Bengali row's Given column sat at
cell 56 instead of 39, its score past the edge, the label picker's right border was pushed off the text's line and
the near-duplicate diff's second column started 11 cells late. tui/mark_widths.count_spacing_marks (the app calls it)
makes Rich count each such mark as the terminal does; the texts, the filter and the export keep every character.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

import pytest
from glibc_cells import cells_of, glibc_width_fixture
from pilot_helpers import settle
from tui_synthetic import fixed_view

#: Sentences with spacing marks (Hindi, Bengali, Tamil), and Thai and ASCII ones with none.
INDIC = [
    "कल शाम को ठंडी हवा चली और आसमान में बादल छाए रहे और बारिश होती रही",
    "আমরা আগামী মাসে ট্রেনে করে দার্জিলিং বেড়াতে যাব আবার",
    "நாங்கள் அடுத்த மாதம் ரயிலில் மதுரைக்கு சுற்றுலா செல்வோம்",
    "เมื่อวานอากาศร้อนจัดและท้องฟ้าแจ่มใสทั้งวัน",
    "plain ascii text of the same length for the rows beside",
]


#: The cells glibc's wcwidth (what tmux 3.3a draws with) gives a character, in a UTF-8 locale.
glibc_width = glibc_width_fixture("\u093e", "this wcwidth gives spacing marks no cell")


def _indic_app(result, journal_path):
    """The fixed app with the label issues' texts and near-duplicate pairs in Indic scripts."""
    from tui.app import TextauditApp

    view = fixed_view(result.dataset)
    for n, row in enumerate(view.flags["label"].nonzero()[0]):
        view.texts[row] = INDIC[n % len(INDIC)]
    for n, first in enumerate((20, 60, 100, 140)):  # the near-duplicate pairs, differing in a word
        view.texts[first], view.texts[first + 1] = INDIC[n % 3], INDIC[n % 3] + " फिर से"
    return TextauditApp(result, journal_path=journal_path, view=view)


def _assert_drawn_as_laid_out(widget, width, least: int = 1) -> None:
    """Each line of ``widget`` takes on screen (glibc) the cells Textual lays out for it, within the widget."""
    cells = widget.scrollable_content_region.width
    strips = [widget.render_line(y) for y in range(widget.scrollable_content_region.height)]
    lines = [strip.text for strip in strips]
    off = [(y, strip.cell_length, cells_of(strip.text, width), strip.text) for y, strip in enumerate(strips)
           if not strip.cell_length == cells_of(strip.text, width) <= cells]
    assert not off, (cells, off[:3])
    assert sum(any(unicodedata.category(c) == "Mc" for c in line) for line in lines) >= least, lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_list_and_the_detail_pane_draw_as_laid_out(pinned_result, journal_path, glibc_width, size):
    from textual.widgets import Static

    from tui.widgets.row_list import RowList

    app = _indic_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        app.open_issue("label")
        await settle(pilot)
        screen = app.screen
        _assert_drawn_as_laid_out(screen.query_one("#rows", RowList), glibc_width, least=3)
        _assert_drawn_as_laid_out(screen.query_one("#detail").query_one("#detail-body", Static), glibc_width)


async def test_the_label_picker_draws_its_border_after_the_text(pinned_result, journal_path, glibc_width):
    app = _indic_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        _assert_drawn_as_laid_out(app.screen.query_one("#picker-text"), glibc_width)


async def test_the_near_duplicate_diff_draws_as_laid_out(pinned_result, journal_path, glibc_width):
    app = _indic_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        _assert_drawn_as_laid_out(app.screen.diff.query_one("#diff-body"), glibc_width)


def _lookup(widths, code: int) -> int:
    at = bisect_right(widths, (code, 0x110000, 9)) - 1
    return widths[at][2] if at >= 0 and widths[at][0] <= code <= widths[at][1] else 1


def test_each_spacing_mark_measures_as_glibc_draws_it_and_nothing_else_moves(glibc_width) -> None:
    """After count_spacing_marks, Rich's count of each code point (planes 0-2, past C1) is glibc's for every spacing
    mark (1; 2 for the wide U+302E/U+302F) and Rich's own table's for every other character."""
    import rich.cells as cells

    from tui.mark_widths import count_spacing_marks

    assert count_spacing_marks() and count_spacing_marks()  # twice: one wrapper
    own = cells.load_cell_table.unmarked("auto").widths  # Rich's table as it ships
    codes = [code for code in range(0xA0, 0x30000) if not 0xD800 <= code < 0xE000]  # C0, DEL, C1: 0 before it
    marks = {code for code in codes if unicodedata.category(chr(code)) == "Mc"}
    assert len(marks) > 400
    assert [code for code in marks if cells.get_character_cell_size(chr(code)) != glibc_width(chr(code))] == []
    moved = {code for code in codes if cells.get_character_cell_size(chr(code)) != _lookup(own, code)}
    assert moved == marks - {code for code in marks if _lookup(own, code) == glibc_width(chr(code))}
    assert cells.get_character_cell_size("\u094d") == 0 and cells.get_character_cell_size("\u0e33") == 1
