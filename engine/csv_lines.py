"""A CSV/TSV text's lines as pandas reads them and an export splits them: line breaks, blank lines,
and the one layout pandas misreads (a lone-CR blank line before a row that starts with an empty cell).

The load counts blank lines with :func:`blank_lines` (its note) and refuses what :func:`cr_shift`
finds; ``engine.verbatim`` splits a file into its records with :func:`delimited_lines` to keep them
byte for byte in an export. One splitter for both, so the note and the export agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Quoted runs and line breaks of a CSV text: a break outside quotes ends a record.
#: ``\r\r\n`` is one line break: a CSV written on Windows by Python's csv module without
#: ``newline=''`` ends every line so; pandas reads a blank line after each row, which an export left
#: out, so every row came back ending in a lone ``\r``. So is any run of CRs before an LF
#: (``\r\r\r\n``: such a file converted to CRLF once more), for the same reason.
#: A quote opens a quoted run only at a field's start, as pandas and the csv module read it: in
#: ``say 5" nails`` it is data (it opened a run to the next quote, lines later, and every row of the
#: export was rendered afresh).
#: A run of CRs is matched whole (``\r+\n?``) and split by :func:`delimited_lines`: ``\r+\n|\r`` was
#: tried again at each CR of a run with no LF after it (100,000 stray CRs: an 11 s load).
_CSV_BREAKS = re.compile(r'"(?<![^,\r\n]")[^"]*(?:""[^"]*)*"|\r+\n?|\n')
_TSV_BREAKS = re.compile(r"\r+\n?|\n")


def delimited_lines(text: str, fmt: str) -> Iterator[tuple[int, int, int, bool]]:
    """A CSV/TSV text's lines as (start, stop, end of its line break, blank): a line break inside
    quotes is data; a line of spaces (CSV: or tabs), or none, is blank to pandas, no row."""
    start, spaces = 0, " \t" if fmt == "csv" else " "
    for match in (_CSV_BREAKS if fmt == "csv" else _TSV_BREAKS).finditer(text):
        begin, end = match.span()
        if text[begin] == '"':  # a quoted run (TSV has no quoting: every line break ends a record)
            continue
        # CRs then an LF are one line break; CRs with no LF after them are one each
        for stop, stop_end in ((begin, end),) if text[end - 1] == "\n" else ((i, i + 1) for i in range(begin, end)):
            blank = stop == start or (text[start] in spaces and not text[start:stop].strip(spaces))
            yield start, stop, stop_end, blank
            start = stop_end
    if start < len(text):
        yield start, len(text), len(text), not text[start:].strip(spaces)


#: A quote at a field's start (the text's, or after a comma or a line break).
_FIELD_QUOTE = re.compile(r'(?<![^,\r\n])"')
#: ``_CSV_BREAKS`` whose quoted run closes only at a quote with no quote after it, as pandas reads ``""``
#: inside quotes: in ``"a""`` at the text's end the run never closes (``_CSV_BREAKS`` closes it at ``a"``,
#: the same split for every text pandas reads).
_CLOSING_BREAKS = re.compile(r'"(?<![^,\r\n]")[^"]*(?:""[^"]*)*"(?!")|\r+\n?|\n')


def unclosed_quote_line(text: str) -> int | None:
    """The line (from 1, as an editor counts them: every LF, and every CR not before an LF) of a CSV text
    where a quote opens a field that no quote closes, so the field runs to the text's end (pandas: 'EOF
    inside string starting at row 3'), or None. A field-start quote between two of ``_CLOSING_BREAKS``'
    matches is one its quoted-run pattern could not close. A UTF-8 BOM read as text (``--encoding utf-8``)
    is not a cell's first character: pandas skips it, so a quote after it opens the first field."""
    text = text.removeprefix("\ufeff")
    pos = 0
    for match in _CLOSING_BREAKS.finditer(text):
        if (quote := _FIELD_QUOTE.search(text, pos, match.start())) is not None:
            break
        pos = match.end()
    else:
        if (quote := _FIELD_QUOTE.search(text, pos)) is None:
            return None
    before = text[:quote.start()]
    return 1 + before.count("\n") + len(_LONE_CR.findall(before))


_LONE_CR = re.compile(r"\r(?!\n)")


def blank_lines(text: str, fmt: str, records: int) -> int | None:
    """How many blank lines a CSV/TSV text holds, split as an export splits it (CRs before an LF
    and the LF are one line break), or None when its ``records`` (header included) cannot be told apart so."""
    blank = found = 0
    for _, _, _, is_blank in delimited_lines(text, fmt):
        blank += is_blank
        found += not is_blank
    return blank if found == records else None


def cr_shift(text: str, fmt: str) -> str:
    """Why pandas misreads a row, or '': one starting with an empty cell right after a blank line
    ended by a lone CR loses that cell (pandas' reader moves the row's cells left)."""
    if not re.search(r"\r(?!\n)", text):  # no lone CR (the common file): no walk over its lines (speed21)
        return ""
    sep, row, after_cr_blank = "," if fmt == "csv" else "\t", -1, False
    for start, stop, end_stop, blank in delimited_lines(text, fmt):
        if blank:
            after_cr_blank = text[stop:end_stop] == "\r"
            continue
        if after_cr_blank and text.startswith(sep, start) and row >= 0:
            return (f"row {row:,} (counted from 0) starts with an empty cell after a blank line ended by a lone "
                    "CR (\\r), which pandas misreads: it drops that cell and moves the row's cells left; delete "
                    "the blank line or save the file with LF or CRLF line endings")
        row, after_cr_blank = row + 1, False
    return ""


def lone_cr_lines(text: str, fmt: str) -> list[int]:
    """The lines (counted from 1, as an editor counts LF-ended lines) of a text whose line breaks are LF or
    CRLF that hold a lone CR outside quotes, which pandas and every CSV reader take as a line break: pandas'
    ``to_csv`` writes a text's CR unquoted (its line terminator is LF), so that row reads as two. [] for a
    text with no LF (a CR-only file: its lone CRs are its line breaks)."""
    if "\n" not in text or not re.search(r"\r(?!\r*\n)", text):
        return []
    return [text.count("\n", 0, stop) + 1 for _, stop, stop_end, _ in delimited_lines(text, fmt)
            if text[stop:stop_end] == "\r"]


def lone_cr_hint(path: object, fmt: str | None, encoding: str) -> str:
    """What the empty-label error adds for a CSV/TSV file at ``path`` whose rows a lone CR split in two
    (the first part lacks the label, the second its first cells), '' otherwise or when it cannot be read."""
    from pathlib import Path

    if fmt not in ("csv", "tsv") or not isinstance(path, (str, Path)):
        return ""
    try:
        text = Path(path).read_bytes().decode(encoding, errors="replace")
    except (OSError, LookupError):
        return ""
    lines = lone_cr_lines(text, fmt)
    if not lines:
        return ""
    shown = ", ".join(f"{line:,}" for line in lines[:5]) + (" ..." if len(lines) > 5 else "")
    one = len(lines) == 1
    return (f"; line{'' if one else 's'} {shown} of the file hold{'s' if one else ''} a lone CR (\\r) outside quotes, "
            "which CSV readers (pandas too) take as a line break, splitting that row in two (pandas' to_csv writes "
            "a text's CR so): quote those fields or replace the CRs")


def short_rows_hint(path: object, fmt: str | None, encoding: str, label_at: int) -> str:
    """What the empty-label error adds for a CSV/TSV file at ``path`` whose rows end before the label's field (the
    ``label_at``-th, from 0; pandas fills the missing ones with nothing): the first such line, '' otherwise. A
    row that lacked its label field read only as '1 row has an empty label (row 5, counted from 0)' (review35);
    a row with too many fields is named by line already."""
    import csv
    from pathlib import Path

    if fmt not in ("csv", "tsv") or not isinstance(path, (str, Path)):
        return ""
    try:
        text = Path(path).read_bytes().decode(encoding, errors="replace").lstrip("\ufeff")
    except (OSError, LookupError):
        return ""
    delimiter, width, short = "," if fmt == "csv" else "\t", None, []
    for start, stop, _, blank in delimited_lines(text, fmt):
        if blank:
            continue
        record = text[start:stop]
        fields = record.count(delimiter) + 1  # at most: parsed only where quotes may hold a separator
        if fmt == "csv" and '"' in record and (width is None or fields > label_at):
            if len(record) >= csv.field_size_limit():  # its default (128 KiB): a longer quoted text was exit 70
                csv.field_size_limit(len(record) + 1)
            fields = len(next(csv.reader([record], delimiter=delimiter)))
        if width is None:
            width = fields
        elif fields <= label_at < width:
            short.append((text.count("\n", 0, start) + 1, fields))
    if not short:
        return ""
    (line, fields), more = short[0], len(short) - 1
    also = f" (and {more:,} more line{'s' if more > 1 else ''})" if more else ""
    return (f"; line {line:,} of the file has {fields} field{'s' if fields > 1 else ''} where the header has "
            f"{width}{also}: a field is missing there, not empty")


#: A quote after a backslash with more of a field after it: ``\"hi`` (a quote escaped as C and MySQL write it)
_BACKSLASH_QUOTE = re.compile(r'\\"[^,\r\n"]')


def backslash_quote_lines(text: str, most: int = 6) -> list[int]:
    """The first ``most`` lines (from 1, as an editor counts LF-ended lines) of a CSV text where a quoted field
    closes at a quote escaped with a backslash and text follows it: ``"He said \\"hi\\" to me"`` (C, MySQL and
    some exporters escape so; CSV doubles a quote inside quotes, ``""``). pandas, as the csv module, ends the
    quoted run there and reads the rest of the field on as written, so the text was ``He said \\hi\\" to me"``
    with no word, and a comma after the escaped quote split the row ('a comma inside a text must be quoted',
    though it was). [] where no backslash stands before a quote with text after it (one search)."""
    text = text.removeprefix("\ufeff")
    if not _BACKSLASH_QUOTE.search(text):
        return []
    lines, counted, line = [], 0, 1
    for match in _CLOSING_BREAKS.finditer(text):
        begin, end = match.span()
        if text[begin] != '"' or text[end - 2] != "\\" or end == len(text) or text[end] in ",\r\n":
            continue
        line += text.count("\n", counted, begin)
        counted = begin
        if not lines or lines[-1] != line:
            lines.append(line)
        if len(lines) == most:
            break
    return lines


def backslash_quote_note(path: object, encoding: str, decoded: bool) -> tuple[str, ...]:
    """The load's note on a CSV file at ``path`` with :func:`backslash_quote_lines`, () without. ``decoded``: its
    line breaks are not ASCII bytes (UTF-16/32, EBCDIC), so the search runs on its text, not its bytes."""
    import mmap
    from pathlib import Path

    from engine.paths import shell_word

    path = Path(str(path))
    if not decoded:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if not re.search(rb'\\"[^,\r\n"]', data):  # the common file: one search of its bytes, no decoding
                return ()
    lines = backslash_quote_lines(path.read_bytes().decode(encoding, errors="replace"))
    if not lines:
        return ()
    shown = ", ".join(f"{line:,}" for line in lines[:5]) + (", ..." if len(lines) > 5 else "")
    return (f"{shell_word(path.name)}: line{'s' if len(lines) > 1 else ''} {shown} escape{'' if len(lines) > 1 else 's'} a "
            "quote inside quotes with a backslash (\\\"), which CSV does not (it doubles the quote: \"\"): the quoted "
            "text ends at that quote and the rest of the field is read as written, backslashes and quotes kept "
            "(a CSV export writes those lines back as they are)",)


def backslash_comma_hint(path: object, encoding: str, line: int) -> str:
    """What the 'line N has 3 fields where the header has 2' error says instead of 'a comma inside a text must be
    quoted' where line ``line`` (from 1) of the CSV file at ``path`` escapes a quote with a backslash: the text was
    quoted, and the comma after the escaped quote split it. '' where it does not (or cannot be read)."""
    from pathlib import Path

    try:
        text = Path(str(path)).read_bytes().decode(encoding, errors="replace")
    except (OSError, LookupError):
        return ""
    if line not in backslash_quote_lines(text, most=1_000_000):
        return ""
    return ("a quote inside the quoted text is escaped with a backslash (\\\"), which CSV does not do (it doubles "
            "the quote: \"\"), so the quoted text ends at that quote and a comma after it splits the field; save "
            "the file with doubled quotes (pandas: read_csv(path, escapechar='\\\\').to_csv(new_path, index=False))")
