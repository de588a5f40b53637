"""A class name made of combining marks with no letter to sit on ('\\u0301\\u0302\\u0303', or one
starting with a mark) was drawn as it is: the marks landed on the column before it (the class
chart's bars moved a cell; banking77 slice in tmux, s17 hostile). Such marks are escaped in quotes,
as invisible characters are; marks on a letter stay as written."""

from __future__ import annotations

from engine.wording import shown_name


def test_marks_without_a_letter_are_escaped() -> None:
    assert shown_name("\u0301\u0302\u0303") == "'\\u0301\\u0302\\u0303'"
    assert shown_name("\u0301abc") == "'\\u0301abc'"
    assert shown_name("a \u0301b") == "'a \\u0301b'"


def test_marks_on_a_letter_stay() -> None:
    for name in ("\u1ebf", "\u0928\u092e\u0938\u094d\u0924\u0947", "caf\u00e9"):  # precomposed, Hindi virama
        assert shown_name(name) == name
    assert shown_name("e\u0302\u0301") == "'e\\u0302\\u0301'"  # not composed: as before
