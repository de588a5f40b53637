"""A path in an input line: shown with the bytes no UTF-8 reads spelled as bash quotes them, and read back.

A Latin-1 data file 'nof\\xe9.csv' reaches Python as 'nof\\udce9.csv'. The export dialog offered
'nof\\udce9.corrected.csv' in its input, which a UTF-8 terminal drew 'nof.corrected.csv' (the byte
dropped: another file's name, fix40c). :func:`path_shown` spells the byte ``$'\\xe9'`` (as the title,
the notes, the toasts and the exit line do) and :func:`path_typed` reads such a spelling back as the
byte, so enter writes the file named with it; a path typed with none is read as typed.
"""

from __future__ import annotations

import os
import re

#: A run of bytes no UTF-8 reads (surrogate escapes U+DC80-U+DCFF, as Python decodes a file name).
_BYTES = re.compile("[\udc80-\udcff]+")
#: Bytes spelled as bash's ANSI-C quoting spells them: ``$'\xe9'``, ``$'\xe9\xe8'``.
_SPELLED = re.compile(r"\$'((?:\\x[0-9a-fA-F]{2})+)'")


def path_shown(path: str) -> str:
    """``path`` with each run of undecodable bytes written ``$'\\xe9'``; :func:`path_typed` gives
    ``path`` back exactly. A name that holds such a spelling as letters has its ``$`` written
    ``$'\\x24'``, so it is read back as letters, not as a byte."""
    if path.isascii() and "$'" not in path:
        return path
    path = _SPELLED.sub(lambda letters: "$'\\x24'" + letters.group()[1:], path)
    return _BYTES.sub(lambda run: "$'" + "".join(f"\\x{ord(c) - 0xDC00:02x}" for c in run.group()) + "'", path)


def path_typed(value: str) -> str:
    """The path ``value`` names: each ``$'\\xNN...'`` read as those bytes (as bash reads it), a file
    name's bytes as Python reads them (``os.fsdecode``: a byte no UTF-8 reads is a surrogate escape)."""
    if "$'" not in value:
        return value
    return _SPELLED.sub(lambda spelled: os.fsdecode(bytes.fromhex(spelled.group(1).replace("\\x", ""))), value)
