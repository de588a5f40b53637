"""A data path that names a process's standard input or an open descriptor (``/dev/stdin``, ``/dev/fd/N``,
``/proc/self/fd/N``, bash's ``<(...)``) rather than a file: textaudit reads named files (the format from the
extension, the cache and the journal by the file's name), so it says so in one line, as for ``-``.

review35: ``textaudit audit /dev/stdin < d.csv`` was told "unknown file type '(none)' ... rename it to .csv", which
no one can do to /dev/stdin; behind a pipe it said only 'not a regular file (a named pipe, device or socket)'.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from engine.paths import shell_word

#: /dev/stdin, /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N (and /proc/thread-self/fd/N), as typed (not resolved)
_STREAM = re.compile(r"^/(?:dev/(?:stdin|fd/\d+)|proc/(?:self|thread-self|\d+)/fd/\d+)$")


#: the same, and stdout / stderr, for an output (--output, --issues-out)
_OUT_STREAM = re.compile(r"^/(?:dev/(?:stdout|stderr|fd/\d+)|proc/(?:self|thread-self|\d+)/fd/\d+)$")


def output_stream(value: str) -> bool:
    """``value`` names a process's stdout, stderr or a descriptor: '-o /dev/stdout > x.csv' was refused as 'a
    symbolic link; ... (give the real path)', '--issues-out /dev/stdout' as 'unknown extension' (review35)."""
    return bool(_OUT_STREAM.match(os.path.normpath(os.path.abspath(os.path.expanduser(value)))))


def stream_problem(source: str, path: Path) -> str | None:
    """The line for ``source`` (``path`` its expanded path) when it names stdin or a descriptor, else None. Where
    the descriptor is a named file (``< d.csv``), that file's path is given to use instead."""
    if not _STREAM.match(os.path.normpath(os.path.abspath(path))):
        return None
    try:
        real = Path(os.path.realpath(path))
        named = real.is_file() and not _STREAM.match(str(real)) and not str(real).startswith(("/dev/", "/proc/"))
    except OSError:
        named = False
    if named:
        return (f"{shell_word(source)}: is standard input or an open descriptor, here the file {shell_word(str(real))}; textaudit reads named "
                "files (the format from the extension, the journal beside the data): give that path instead")
    return (f"{shell_word(source)}: textaudit does not read data from stdin, a pipe or <(...); save it to a file and give its "
            "path (the extension tells the format: .csv, .tsv, .jsonl, .json, .parquet)")
