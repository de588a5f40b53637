"""The quick blank-line search of every CSV/TSV load (engine/blank_search.py) finds exactly what fa60f22's
one regex found, which cost ten times as much on a large file (speed21): the same answer on every string
of up to 7 characters of letters, spaces, tabs, CRs and LFs, as text and as bytes, and on long tails."""

from __future__ import annotations

import itertools
import mmap
import re
from pathlib import Path

import pytest

from engine.blank_search import has_blank_line
from engine.load import load_dataset

# fa60f22's search, with any run of CRs before an LF one line break (\r\r\r\n as \r\r\n): a line break as
# engine.verbatim splits them, then the start of another line
REFERENCE = r"(?:\r+\n|\n|\r(?!\r*\n))(?:[ \t]*[\r\n]|[ \t]+\Z)"


def reference(data: str | bytes) -> bool:
    return bool(re.search(REFERENCE if isinstance(data, str) else REFERENCE.encode(), data))


def test_every_short_string_gets_the_reference_answer() -> None:
    differ = []
    for size in range(8):
        for chars in itertools.product("a \t\r\n", repeat=size):
            text = "".join(chars)
            for data in (text, text.encode()):
                if has_blank_line(data) != reference(data):
                    differ.append(data)
    assert differ == []


@pytest.mark.parametrize("data", [
    "a\n" + " " * 70_000, "a\r" + "\t " * 40_000, " " * 70_000, "a" + " " * 70_000, "a\n" + " " * 70_000 + "\n",
    "a\r\r\n" * 5 + "b", "a\r\r\nb\r\r\r\nc", "a\r\n\tb\r\n", "a\r \r\nb"])
def test_long_and_mixed_lines_get_the_reference_answer(data: str) -> None:
    assert has_blank_line(data) == reference(data)
    assert has_blank_line(data.encode()) == reference(data.encode())


def test_a_memory_map_is_searched_as_bytes(tmp_path: Path) -> None:
    for index, data in enumerate([b"text,label\nhi,a\n   ", b"text,label\r\nhi,a\r\n", b"x\ry\r\rz"]):
        path = tmp_path / f"{index}.csv"
        path.write_bytes(data)
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            assert has_blank_line(mapped) == reference(data)


@pytest.mark.parametrize(("body", "count"), [("\r\r", 1), ("\r \r", 1), ("\r\r\n", 0), ("\r\r\r\n", 0),
                                             ("\r\r\r", 1)])
def test_a_lone_cr_blank_line_is_still_counted_by_the_load(tmp_path: Path, body: str, count: int) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(f"text,label{body}hello there,a\rbye now,b\r".encode())
    notes = load_dataset(source).style.notes
    assert any("blank line" in note for note in notes) == bool(count)
