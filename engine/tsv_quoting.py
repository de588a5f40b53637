"""A ``.tsv`` written with CSV quoting (pandas' ``to_csv(sep='\\t')``, Excel's "Text (Tab delimited)").

textaudit reads TSV without quoting (a leading ``"`` is data), so such a file's quotes are part of
its texts. Said instead of done silently: fields quoted only around doubled quotes (``"He said
""hi"" to me"``) are read as written with a note; a quoted field holding a tab or a line break, which a
TSV without quoting splits into wrong rows and columns, stops the load with the fix.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from engine.errors import DataError
from engine.paths import shell_word
from engine.wording import counted_verb

_HEAD_CHARS = 1 << 20
#: A field exactly as CSV quoting writes one holding a quote: in quotes, every inner quote doubled.
_ESCAPED = re.compile(r'"(?:[^"]|"")*""(?:[^"]|"")*"')
_LINES = re.compile(r"\r\n|\r|\n")
_CONVERT = "save it as .csv (pandas: pd.read_csv(PATH, sep='\\t', keep_default_na=False).to_csv('data.csv', index=False))"


def check_tsv_quoting(path: Path, encoding: str) -> tuple[str, ...]:
    """Notes for a TSV whose fields look CSV-quoted; DataError when reading it unquoted splits rows."""
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        head = handle.read(_HEAD_CHARS)
        whole = len(head) < _HEAD_CHARS or not handle.read(1)
    if '"' not in head:
        return ()
    if not whole:  # the last line may be cut: leave it out
        head = head[:max(head.rfind("\n"), head.rfind("\r")) + 1]
    lines = [line for line in _LINES.split(head) if line.strip(" ")]  # a line of spaces is blank to pandas too
    if not lines:
        return ()
    raw = [line.split("\t") for line in lines]
    width = len(raw[0])
    if any(len(fields) != width for fields in raw):
        _refuse_if_quoted_breaks(path, head, width)
    escaped = [(number, field) for number, fields in enumerate(raw[1:], start=2) for field in fields
               if _ESCAPED.fullmatch(field)]
    if not escaped:
        return ()
    number, field = escaped[0]
    count = counted_verb(len(escaped), "field", "look")
    more = "" if whole else " in the first MB"
    return (f"{shell_word(path.name)}: {count} CSV-quoted{more} (line {number}: {field[:40]!r}); a .tsv is read without "
            "quoting, so those quotes are part of the texts (audited so, exported as they are); if the file "
            f"was written with quoting, {_CONVERT.replace('PATH', repr(path.name))}",)


def _refuse_if_quoted_breaks(path: Path, head: str, width: int) -> None:
    """Rows of unequal width that CSV quoting reads as equal rows, with a quoted tab or line break."""
    if len(head) >= csv.field_size_limit():  # its default (128 KiB): a longer quoted text skipped the check
        csv.field_size_limit(len(head) + 1)
    try:
        records = [record for record in csv.reader(io.StringIO(head, newline=""), delimiter="\t", strict=True)
                   if record]
    except csv.Error:
        return
    if not records or any(len(record) != width for record in records):
        return
    for number, record in enumerate(records[1:], start=1):
        broken = next((field for field in record if any(c in field for c in "\t\r\n")), None)
        if broken is not None:
            raise DataError(
                f"{shell_word(str(path))}: a quoted field holds a tab or line break (row {number - 1}, counted from 0: "
                f"{broken[:40]!r}), as CSV quoting writes it; a .tsv is read without quoting, which would split "
                f"it into other rows and columns: {_CONVERT.replace('PATH', repr(path.name))}")
