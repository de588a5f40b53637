"""Standard streams the shell closed (``textaudit audit d.csv >&-``), and a stdout whose encoding
cannot hold the data's characters (``PYTHONIOENCODING=ascii``, a Latin-1 or cp1252 terminal)."""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import select
import sys
from typing import IO, Any

from engine.errors import DataError


def reopen_closed_std_fds() -> set[int]:
    """Point closed descriptors 0-2 at /dev/null and return them. Left closed, the next file
    opened takes the number: a cache or export file opened as 1 would be where stdout writes."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
    if closed:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in closed - {null}:
            os.dup2(null, fd)
        if null not in closed:
            os.close(null)
    return closed


def refuse_closed_stdout(closed: set[int], command: str | None, issues_out: str | None = None) -> None:
    """``audit`` prints its report on stdout: a closed one printed nothing anywhere, exit 0.
    With ``--issues-out`` the table is what the run is for: it is written, the report dropped."""
    if 1 in closed and command == "audit" and not issues_out:
        raise DataError("stdout is closed: nowhere to print the report (redirect it to a file or /dev/null)")


#: A stderr that cannot take more: a full disk or device under ``2>`` (``2>/dev/full``), a reader gone.
_STDERR_GONE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


class _DroppingStderr:
    """``sys.stderr`` whose writes are dropped while its device is full or its reader gone."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            if exc.errno not in _STDERR_GONE:
                raise
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if exc.errno not in _STDERR_GONE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def droppable_stderr() -> None:
    """Progress, notes and messages are dropped where stderr cannot be written: with ``2>/dev/full``
    (a full disk under the redirect) the first progress line raised ENOSPC, and ``audit`` printed no
    report, ``export`` wrote no file, exit 1, nothing said anywhere. The exit status still tells."""
    if sys.stderr is not None and not isinstance(sys.stderr, _DroppingStderr):
        sys.stderr = _DroppingStderr(sys.stderr)


#: The error handler of :func:`tolerant_stdout` and :func:`tolerant_stderr`.
_ESCAPE_ERRORS = "textaudit.escape"


def _escape_unencodable(error: UnicodeError) -> tuple[str | bytes, int]:
    """A file name's undecodable bytes (surrogate escapes, as the C locale decodes them) as those
    bytes; any other character the encoding lacks as a backslash escape (``\\xe9``), as on stderr."""
    try:
        return codecs.lookup_error("surrogateescape")(error)
    except UnicodeError:
        return codecs.lookup_error("backslashreplace")(error)


#: A file name's bytes that were not UTF-8, read from the command line as surrogate escapes (U+DC80-U+DCFF).
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
#: Those bytes once written ``\\xe9`` (a run of them is quoted once: ``$'\\xe9\\xe8'``).
_BYTE_RUN = re.compile(r"(?:\\x[89a-f][0-9a-f])+")


def undecodable_escaped(text: str, as_bytes: bool = False) -> str:
    """``text`` (a file name) with the bytes no UTF-8 reads written ``$'\\xe9'``, as bash quotes a byte: a Latin-1
    'caf\\xe9.csv' reaches Python as 'caf\\udce9.csv', and the byte a stream writes back for it is dropped by a
    UTF-8 terminal ('caf.csv', a name another file may have); written 'caf\\xe9.csv', it read as the UTF-8 name that
    holds a backslash, x, e, 9 (diff38); ``caf$'\\xe9'.csv`` is the name bash reads where it is pasted. Bytes that
    are UTF-8 (the C locale without UTF-8 mode decodes the 'é' of 'café' as two escapes) become their characters;
    ``as_bytes`` (the CLI's lines): they stay the escapes a stream writes back as those bytes, but for 0x80-0x9f
    (0x9b is CSI on an 8-bit terminal)."""
    if text.isascii():
        return text

    def run(escapes: re.Match[str]) -> str:
        shown = escapes.group().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        if as_bytes:
            shown = "".join(c if c.isascii() else "".join(f"\\x{b:02x}" if b < 0xA0 else chr(0xDC00 + b)
                                                         for b in c.encode()) for c in shown)
        return _BYTE_RUN.sub(lambda written: f"$'{written.group()}'", shown)  # every backslash here is an escape's

    return _ESCAPED_BYTES.sub(run, text)


def tolerant_stdout() -> None:
    """Write what stdout's encoding cannot hold as escapes instead of failing. A label like 'café'
    or '日本語' under ``PYTHONIOENCODING=ascii`` (or a JSON text's lone surrogate on UTF-8) ended
    ``audit`` in 'internal error: UnicodeEncodeError', exit 70, with no report, and ``export`` so
    after its file was written."""
    _tolerant(sys.stdout, ("strict", "surrogateescape"))


def tolerant_stderr() -> None:
    """Messages name a file as its bytes, as stdout does: under ``LC_ALL=C PYTHONUTF8=0`` Python's
    stderr (``backslashreplace``) wrote 'café.csv' given on the command line as 'caf\\udcc3\\udca9.csv'."""
    _tolerant(sys.stderr, ("backslashreplace",))


def _tolerant(stream: IO[str] | None, replaced: tuple[str, ...]) -> None:
    """``stream`` (a text stream whose error handler is one of ``replaced``) made to write file names'
    undecodable bytes as those bytes and other unencodable characters as escapes (:func:`_escape_unencodable`)."""
    if not isinstance(stream, io.TextIOWrapper) or stream.errors not in replaced:
        return
    try:
        codecs.lookup_error(_ESCAPE_ERRORS)
    except LookupError:
        codecs.register_error(_ESCAPE_ERRORS, _escape_unencodable)
    stream.reconfigure(errors=_ESCAPE_ERRORS)


def write_waiting(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd``, waiting while a non-blocking descriptor is full. The wait is
    retried every 0.1 s: a pty whose room comes back without a read on its other side (the kernel
    moving its buffered output on) does not wake a select() already waiting."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            select.select([], [fd], [], 0.1)


class _WaitingWriter(io.RawIOBase):
    """Writes to a non-blocking descriptor, waiting while it is full (never closes it)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data) -> int:  # type: ignore[override]
        write_waiting(self._fd, data)
        return len(data)


def waiting_stdout() -> None:
    """A stdout another process left non-blocking (O_NONBLOCK on a shared pipe or terminal: a Node.js
    parent, a crashed full-screen program) dropped what did not fit at once: 'audit' printed 4,096 of
    its 7,483 bytes through a full pipe, exit 0, nothing said (Python's exit flush ignores the
    BlockingIOError). Such a stdout gets a writer that waits; a blocking one is left as it is."""
    stream = sys.stdout
    if sys.platform == "win32":  # select() takes only sockets there: a waiting write would raise
        return
    try:
        fd = stream.fileno()
        if os.get_blocking(fd):
            return
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return
    stream.flush()
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_WaitingWriter(fd)), encoding=stream.encoding,
                                  errors=stream.errors, line_buffering=stream.line_buffering)
