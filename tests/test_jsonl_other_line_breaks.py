"""A JSON Lines file whose lines end in a lone CR (classic Mac OS) or are split by a vertical tab or
U+2028 was told 'two JSON values on one line: put each object on a line of its own', though each object
is on a line of its own as its writer saw it (hostile24). The line now names the break and the fix."""

from __future__ import annotations

import re

import pytest

from engine.errors import DataError
from engine.load import load_dataset

RECORDS = ['{"text": "card lost", "label": "a"}', '{"text": "pin blocked", "label": "b"}',
           '{"text": "refund late", "label": "a"}', '{"text": "top up failed", "label": "b"}']


@pytest.mark.parametrize("brk, named", [("\r", "a lone CR (classic Mac OS line breaks)"), ("\x0b", "a vertical tab"),
                                        ("\u2028", "U+2028 LINE SEPARATOR")])
def test_the_break_is_named(tmp_path, brk, named):
    path = tmp_path / "d.jsonl"
    path.write_text(brk.join(RECORDS) + brk, encoding="utf-8", newline="")
    with pytest.raises(DataError, match=f"the objects are split by {re.escape(named)}, which JSON Lines does not take for a "
                                        r"line break \(it splits at LF only\): convert the line breaks to LF"):
        load_dataset(path)


def test_two_objects_on_a_line_are_still_two_on_a_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(" ".join(RECORDS[:2]) + "\n" + "\n".join(RECORDS[2:]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="two JSON values on one line: put each object on a line of its own"):
        load_dataset(path)
