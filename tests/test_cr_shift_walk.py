"""The load's check for pandas' lone-CR misreading (csv_lines.cr_shift, 1b5bf0c) walks a file's lines only
where one of its line breaks is a lone CR. It ran on every file whose blank-line search found a candidate,
which banking77 is (a quoted text holding blank lines): a second pass over every line in Python, on
every load (speed21: +3 ms a warm reopen of banking77 test, ~0.1 s a load of 200k rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import csv_lines
from engine.errors import DataError
from engine.load import load_dataset


def counting_walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    walks: list[str] = []
    original = csv_lines.delimited_lines

    def walk(text: str, fmt: str):  # type: ignore[no-untyped-def]
        walks.append(fmt)
        return original(text, fmt)

    monkeypatch.setattr(csv_lines, "delimited_lines", walk)
    return walks


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_quoted_blank_line_without_a_lone_cr_is_walked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              newline: str) -> None:
    source = tmp_path / "in.csv"
    rows = ["text,label", '"first line\n\nafter a blank line",a', "bye now,b", "ok then,a"]
    source.write_bytes((newline.join(rows) + newline).encode())
    walks = counting_walks(monkeypatch)
    dataset = load_dataset(source)
    assert dataset.frame["text"].tolist() == ["first line\n\nafter a blank line", "bye now", "ok then"]
    assert walks == ["csv"]  # the blank-line count only


def test_a_lone_cr_blank_line_before_an_empty_cell_is_still_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"text,label,note\r\r,b,y\rhello,a,z\r")
    with pytest.raises(DataError, match="lone CR"):
        load_dataset(source)
