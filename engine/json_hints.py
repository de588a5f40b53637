"""What to do about a JSON / JSON Lines file that does not parse, where json's own words do not say.

A JSON Lines file of pretty-printed records (``json.dump(record, f, indent=2)`` per record) failed
with "not valid JSON on line 1: Expecting property name enclosed in double quotes (column 2)" of a
line holding only ``{``; a comma after each line's object, or two objects on one line, with "Extra
data"; a .json of several values one after another (no array around them) with "Extra data
(column 1)" and no line. Each now adds what the file looks like and the fix.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.errors import DataError
from engine.paths import shell_word


#: Characters that end a line elsewhere (classic Mac OS, Python's str.splitlines) but not in JSON Lines.
_OTHER_BREAKS = {"\r": "a lone CR (classic Mac OS line breaks)", "\x0b": "a vertical tab", "\x0c": "a form feed",
                 "\x85": "NEL (U+0085)", "\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR"}


#: The end of the line for a JSON text that stops inside a value, as the CSV/TSV/Parquet readers say it.
CUT_OFF = ("; the file ends inside this value: the file looks cut off (an interrupted download or copy); "
           "get the whole file again")


def cut_off(exc: json.JSONDecodeError) -> bool:
    """True when ``exc`` is the parser running out of text (an open string, object or array at its end)."""
    if not exc.doc[:exc.pos].strip():  # nothing before: a file of blanks, not a cut
        return False
    return exc.msg.startswith("Unterminated string") or not exc.doc[exc.pos:].strip()


def decode_error(exc: json.JSONDecodeError, source: Path, where: str, ends_file: bool = False) -> DataError:
    """The one line for a JSON text that does not parse; ``where``: '' (a .json's whole text: the line is
    json's, said the same way, 'on line N', where it gave only the column) or ' on line N' (JSON Lines);
    ``ends_file``: the text runs to the file's end (a .json's whole text; a JSON Lines file's last line
    without a line break), so one it stops inside looks cut off (hostile40: 'Unterminated string', no more)."""
    lines, where = bool(where), where or f" on line {exc.lineno:,}"
    if exc.msg.startswith("Unexpected UTF-8 BOM"):  # json's hint, utf-8-sig, takes one at the file's start only
        first = where == " on line 1"  # else a file joined on after the first one, mark and all
        return DataError(f"{shell_word(str(source))}: not valid JSON{where}: a byte order mark (U+FEFF) before it, as joining files "
                         "leaves; delete it" + (" (a UTF-16/32 file read with --encoding utf-16-le/-be: pass "
                                                "utf-16 or utf-32, which read its mark)" if first else ""))
    if ends_file and cut_off(exc):
        return DataError(f"{shell_word(str(source))}: not valid JSON{where}: {exc.msg} (column {exc.colno:,}){CUT_OFF}")
    hint = json_hint(exc, lines=lines)
    return DataError(f"{shell_word(str(source))}: not valid JSON{where}: {exc.msg} (column {exc.colno:,}){hint}")


def json_hint(exc: json.JSONDecodeError, lines: bool) -> str:
    """A '; ...' tail for the error line of ``exc``; ``lines``: it was one line of a JSON Lines file."""
    rest = exc.doc[exc.pos:].lstrip()
    tail = exc.doc[exc.pos:].strip()
    if tail and not tail.strip("\x00\x1a"):  # what is left holds only these: a JSONL line, a .json's end
        return ("; what is left there is nothing but NUL bytes or DOS' end-of-file mark (\\x1a), as a file padded "
                "with NULs after a crash or ended as old DOS programs end one: delete it")
    if exc.msg == "Extra data":
        if rest.startswith(","):
            return ("; a comma after the object: JSON Lines puts one object on each line with nothing between "
                    "them; delete the commas" if lines else "; a comma after the value there")
        if lines:
            before, after = exc.doc[:exc.pos], exc.doc[exc.pos:]
            gap = before[len(before.rstrip()):] + after[:len(after) - len(rest)]  # the space between the two values
            if breaks := [name for char, name in _OTHER_BREAKS.items() if char in gap]:
                return (f"; the objects are split by {' and '.join(breaks)}, which JSON Lines does not take for a line "
                        "break (it splits at LF only): convert the line breaks to LF")
            return "; two JSON values on one line: put each object on a line of its own"
        return ("; another JSON value starts there: several values one after another are no JSON "
                "file; put the records in one array ([{...}, {...}]), or save one object per line as .jsonl")
    if lines and not rest and exc.doc.rstrip().endswith(("{", "[")):  # a record's opening line (indent=...),
        # not a line cut off mid-value (a write that did not finish: json's own words fit that)
        return ("; the object goes on past the end of the line: JSON Lines holds each object whole on one line "
                "(write each record with json.dumps(record), no indent), or save an array of them as .json")
    return ""
