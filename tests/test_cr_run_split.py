"""A run of CRs with no LF after it (stray CRs in a damaged file) is split in one pass. 526ce66 made
``\\r+\\n`` one line break with the pattern ``\\r+\\n|\\n|\\r``, which the regex engine tried again from each
CR of such a run, to its end: quadratic (a CSV holding 100,000 stray CRs loaded in 11 s, 0.1 s before).
The run is now matched once and split; the lines are those of 526ce66's pattern (checked on every short
string), so nothing a user sees changes but the time."""

from __future__ import annotations

import itertools
import re

import pytest

from engine import csv_lines

#: 526ce66's record split, the reference for the lines
_REFERENCE = {"csv": re.compile(r'"(?<![^,\r\n]")[^"]*(?:""[^"]*)*"|\r+\n|\n|\r'), "tsv": re.compile(r"\r+\n|\n|\r")}


def _reference_lines(text: str, fmt: str) -> list[tuple[int, int, int, bool]]:
    start, spaces, lines = 0, " \t" if fmt == "csv" else " ", []
    for match in _REFERENCE[fmt].finditer(text):
        if text[match.start()] != '"':
            blank = match.start() == start or (text[start] in spaces and not text[start:match.start()].strip(spaces))
            lines.append((start, match.start(), match.end(), blank))
            start = match.end()
    if start < len(text):
        lines.append((start, len(text), len(text), not text[start:].strip(spaces)))
    return lines


@pytest.mark.parametrize(("fmt", "alphabet"), [("csv", 'a,"\r\n '), ("tsv", "a\t\r\n ")])
def test_the_lines_are_526ce66s(fmt: str, alphabet: str) -> None:
    for size in range(7):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            assert list(csv_lines.delimited_lines(text, fmt)) == _reference_lines(text, fmt), repr(text)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_run_of_crs_is_matched_once(fmt: str) -> None:
    """What keeps the split linear: the pattern takes a run of CRs in one match, not one CR at a time
    (each of which scanned the rest of the run for an LF)."""
    breaks = csv_lines._CSV_BREAKS if fmt == "csv" else csv_lines._TSV_BREAKS
    assert [m.group() for m in breaks.finditer("a\r\r\r\rb\r\r\nc")] == ["\r\r\r\r", "\r\r\n"]
    text = "text,label\n" + "\r" * 5000 + "x,y\n"
    assert sum(1 for _ in breaks.finditer(text)) == 3
    assert sum(blank for *_, blank in csv_lines.delimited_lines(text, fmt)) == 5000  # each CR ends an empty line
