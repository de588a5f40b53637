"""A share of a few rows in thousands is never written ``0.0%`` (nor a share short of all ``100.0%``).

Seen in tmux on banking77 test (3,080 rows) after one relabel: the summary said
``Journal: 1 relabelled · 0 excluded · 0 kept = 1 row (0.0%)``.
"""

from __future__ import annotations

from types import SimpleNamespace

from tui.screens.summary import journal_line


def test_share_of_one_row_in_thousands_is_not_zero():
    from engine.wording import share

    assert share(1, 3080) == "<0.1%"
    assert share(0, 3080) == "0.0%"
    assert share(3079, 3080) == ">99.9%"
    assert share(3080, 3080) == "100.0%"
    assert share(161, 3080) == "5.2%"
    assert share(0, 0) == "0.0%"


def test_the_summary_journal_line_says_one_relabel_in_3080_rows_is_above_zero():
    book = SimpleNamespace(counts=lambda: {"relabel": 1, "exclude": 0, "keep": 0},
                           saved_this_session=0, steps_this_session=0)
    line = journal_line(book, 3080)
    assert "= 1 row (<0.1%)" in line
    assert "(0.0%)" not in line
