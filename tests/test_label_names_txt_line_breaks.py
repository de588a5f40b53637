"""A --label-names .txt is split at line ends only (\\n, \\r\\n, \\r): str.splitlines also split a name holding
\\x0c, \\x1c-\\x1e, \\x85 or U+2028/9, and every later label silently took the name of the one before it
(review37: 'zero / Sci\\x1cTech / two' on labels 0-2 gave 1=Sci, 2=Tech)."""

from __future__ import annotations

from pathlib import Path

from engine.label_names import parse_label_names


def test_only_line_ends_split_the_names(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    odd = ["Sci\x1cTech", "a\x0cb", "c\x1dd", "e\x1ef", "g\x85h", "i\u2028j", "k\u2029l"]
    names.write_bytes(("zero\n" + "\n".join(odd) + "\r\nCRLF\r\nCR\rlast\n\n").encode())
    assert parse_label_names(str(names)) == dict(enumerate(["zero", *odd, "CRLF", "CR", "last"]))
