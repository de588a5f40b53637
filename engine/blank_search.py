"""Does a CSV/TSV file hold a blank line? The quick search every load runs before counting them.

A blank line is a line break as ``engine.csv_lines`` splits them (CRs before an LF and the LF are one:
``\\r\\r\\n``, ``\\r\\r\\r\\n``; a lone ``\\r`` too),
then spaces or tabs and the start of another line, or the file's end. fa60f22 searched for it with one
regex, ``(?:\\r\\r\\n|\\r\\n|\\n|\\r(?!\\r?\\n))(?:[ \\t]*[\\r\\n]|[ \\t]+\\Z)``, whose alternatives the regex engine
tries at every line break: 0.10 CPU s on a 17 MB CSV of 200k rows, 10x the search before it, on every
load. The same lines are found by two patterns, each led by one fixed character (the second searched only
where the data holds a CR), and a look at the end: 0.02-0.03 s (the equivalence is checked on every string of
up to 7 characters in tests/test_blank_search.py).
"""

from __future__ import annotations

import re
from typing import Any

# a blank line after a break ending in \n (\r+\n and \n do), and after a lone \r: spaces first (so
# not \r\n), or CRs that do not run on into an LF (so not \r\r\n, \r\r\r\n). The CR pattern starts only
# at a run's first CR (started at every CR it scanned the rest of the run each time: 100,000 CRs before an
# LF, minutes), so each run is scanned a bounded number of times; a match inside a run is one from its start.
# No possessive \r++: Python 3.10 (requires-python) has none, and re.compile failed on import there.
_PATTERNS = (r"\n[ \t]*[\r\n]", r"(?<!\r)\r(?:[ \t]+[\r\n]|\r+(?![\r\n]))")
_TEXT = tuple(re.compile(pattern) for pattern in _PATTERNS)
_BYTES = tuple(re.compile(pattern.encode()) for pattern in _PATTERNS)
_CHUNK = 65536


def has_blank_line(data: Any) -> bool:
    """True when ``data`` (str, bytes or an mmap of bytes) holds a blank line after a line break."""
    text = isinstance(data, str)
    after_lf, after_cr = _TEXT if text else _BYTES
    return bool(after_lf.search(data) or (data.find("\r" if text else b"\r") >= 0 and after_cr.search(data))
                or _ends_in_spaces_line(data, text))


def _ends_in_spaces_line(data: Any, text: bool) -> bool:
    """A last line of spaces or tabs (one at least) after a line break, with no line break of its own."""
    spaces, breaks = (" \t", ("\r", "\n")) if text else (b" \t", (b"\r", b"\n"))
    end = len(data)
    while end:  # read back from the end a chunk at a time: the spaces may be long
        chunk = data[max(0, end - _CHUNK):end]
        kept = chunk.rstrip(spaces)
        if kept:
            return end - len(chunk) + len(kept) < len(data) and kept[-1:] in breaks
        end -= len(chunk)
    return False
