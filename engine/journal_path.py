"""Which files may serve as a corrections journal: checked before one byte is read or written.

A journal is opened for appending and a torn last line is cut off, so a wrong path would damage
whatever file it names. Refused, each with one line: a symbolic link (the journal, or its lock
file), something that is not a regular file, the data file itself, and a file whose first lines
are not journal lines (a dataset, a README, ...). A missing file is fine: it will be created.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from engine.errors import EXIT_USAGE
from engine.journal_format import JournalError, parse_line
from engine.paths import shell_word

#: How much of an existing file is read to find its first line (journal lines are short).
FIRST_LINE_LIMIT = 1 << 20
#: A journal whose first line was broken by a hand edit is known by one of its next lines: only
#: textaudit writes journal entries, and a damaged line is skipped on replay, as anywhere else.
_LINES_LOOKED_AT = 8
#: Every line textaudit writes starts with this (``"v"`` is the first key of an entry).
LINE_HEAD = b'{"v":'
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class JournalPathError(JournalError):
    """The journal path names something that must not be used as a journal."""


class JournalFolderMissing(JournalPathError):
    """A --journal to write lies in a folder that does not exist: the command line's fault (exit 2), as an
    ``export -o``, ``--issues-out`` or ``--cache-dir`` there is."""

    exit_code = EXIT_USAGE


def lock_path(path: Path) -> Path:
    """The lock file beside a journal."""
    return path.with_name(path.name + ".lock")


def check_journal_path(path: Path | str, data_source: str | Path | None = None, *, read_only: bool = False) -> None:
    """Raise ``JournalPathError`` unless ``path`` is a journal (or a new file) textaudit may use.

    ``data_source`` is the dataset's path (or ``hf:...``/``<DataFrame>``, ignored): a journal
    that is the data file is refused even if it is empty. ``read_only``: the journal is only read
    (export, ``audit --apply-journal``), so the message says nothing of overwriting it and names
    no option (export's is ``--journal``, audit's ``--apply-journal``).
    """
    path = Path(path).expanduser()
    choose = ("give the corrections journal the app wrote (<data stem>.corrections.jsonl by default)" if read_only
              else "choose another --journal")
    info = _lstat(path)
    if info is None and not path.parent.is_dir():  # the lock library would create the whole tree of a typo
        from engine.paths import missing_folder

        raise JournalFolderMissing(f"journal {shell_word(str(path))}: {missing_folder(path.parent, 'choose another --journal')}")
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise JournalPathError(
                f"journal {shell_word(str(path))} is a symbolic link; textaudit never writes through a link "
                "(pass the file it points to with --journal)" if not read_only else
                f"journal {shell_word(str(path))} is a symbolic link; textaudit does not follow one (give the file it points to)"
            )
        if stat.S_ISDIR(info.st_mode):
            raise JournalPathError(f"journal {shell_word(str(path))} is a directory; choose a file with --journal")
        if not stat.S_ISREG(info.st_mode):
            raise JournalPathError(f"journal {shell_word(str(path))} is not a regular file (a device, FIFO or socket)")
        if _same_file(info, data_source):
            raise JournalPathError(
                f"journal {shell_word(str(path))} is the data file itself; choose another --journal "
                "(the default is <data stem>.corrections.jsonl in the current folder)" if not read_only else
                f"journal {shell_word(str(path))} is the data file itself; {choose}"
            )
        if not _looks_like_journal(path):
            so = "" if read_only else " so it is not overwritten"
            raise JournalPathError(
                f"{shell_word(str(path))} is not a textaudit journal (none of its first lines is a journal entry); {choose}{so}"
            )
    lock = lock_path(path)
    lock_info = _lstat(lock)
    if lock_info is not None and not stat.S_ISREG(lock_info.st_mode):
        raise JournalPathError(f"journal lock {lock} is not a regular file (a link?); remove it first")


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # a file on the way is said by the caller
        return None
    except OSError as exc:
        raise JournalPathError(f"cannot use journal {shell_word(str(path))}: {exc.strerror or exc}") from None


def _same_file(info: os.stat_result, data_source: str | Path | None) -> bool:
    if data_source is None or str(data_source).startswith("hf:") or str(data_source) == "<DataFrame>":
        return False
    try:
        data = os.stat(Path(data_source).expanduser())
    except (OSError, ValueError):
        return False
    return (data.st_dev, data.st_ino) == (info.st_dev, info.st_ino)


def _looks_like_journal(path: Path) -> bool:
    """True when the first non-blank line (or one of the next few) parses as a journal entry, or
    the file holds only a torn start of one (a crash during the very first write), or nothing."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise JournalPathError(f"cannot read journal {shell_word(str(path))}: {exc.strerror or exc}") from None
    try:
        head = os.read(fd, FIRST_LINE_LIMIT)
    except OSError as exc:
        raise JournalPathError(f"cannot read journal {shell_word(str(path))}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return is_journal_head(head, truncated=len(head) == FIRST_LINE_LIMIT)


def is_journal_head(head: bytes, *, truncated: bool = False) -> bool:
    """Whether ``head`` (the start of a file) begins like a journal; see :func:`_looks_like_journal`."""
    stripped = head.lstrip(b" \t\r\n")
    if not stripped:
        return True
    end = stripped.find(b"\n")
    if end >= 0:  # the first line, or (one edited by hand and broken) one of the next few whole lines
        # the text after the last newline too: a whole entry there is a line (an editor's save without
        # a final newline); a torn one never parses
        lines = [line for line in stripped.split(b"\n") if line.strip()]
        return any(parse_line(line) is not None for line in lines[:_LINES_LOOKED_AT])
    if truncated:
        return False  # a first line longer than any journal line
    # no newline yet: only a torn first entry, never a complete other JSON document
    if not (stripped.startswith(LINE_HEAD) or LINE_HEAD.startswith(stripped)):
        return False
    try:
        json.loads(stripped)
    except RecursionError:  # nested past the stack: no entry is, so not a journal (left untouched)
        return False
    except ValueError:
        return True  # cut off mid-entry
    return parse_line(stripped) is not None
