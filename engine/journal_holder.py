"""Who holds a journal's lock, read from its lock file (``<journal>.lock``: the process number, then the data file)
without ever trying the lock: the read-only app's line and its takeover (tui/decisions_takeover.py) ask here.
Moved out of engine/journal_file.py (session 34), which keeps the lock itself; it re-exports these names."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from engine.journal_path import lock_path
from engine.paths import shell_word


def holder_now(journal: Path) -> tuple[int, bool] | None:
    """The process named in ``journal``'s lock file now and whether it still runs (None: no number).
    The lock itself is never tried: taking it, even for a moment, could turn a starting writer
    read-only. A holder that quit leaves its number behind (the lock file stays)."""
    text = _lock_lines(lock_path(journal))[0]  # the data file may follow
    if not text.isdigit():
        return None
    pid = int(text)
    if os.name != "posix":
        return pid, True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return pid, False
    except (PermissionError, OverflowError, OSError):
        return pid, True
    return pid, not _zombie(pid)


def _zombie(pid: int) -> bool:
    """``pid`` has exited but its parent has not reaped it yet (Linux): it holds no lock any more, yet ``kill``
    reaches it. A holder killed in a tmux window whose server reaps late read as running for as long (s31: > 15 s),
    so its journal was not taken over. False where /proc cannot tell."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, UnicodeDecodeError):
        return False
    return stat_line.rpartition(")")[2].split()[:1] == ["Z"]


def holder_quit(journal: Path, data: str | None) -> bool:
    """The writer named in ``journal``'s lock file has quit, and it decided on ``data``, this app's data file (or
    named none): a read-only app may try to become the writer. Reads the lock file, as ``holder_now``; the lock is
    taken by opening the journal to write, which a third app may win. A holder on another data file leaves this app
    read-only: writing here would put its decisions in that file's journal. So does a lock file that names no
    process: filelock 3.12-3.29 (pyproject allows them) empty it at every lost try, the holder's number and data
    file with it, so the holder's file cannot be told (and each try, touching the file, started another)."""
    holder = holder_now(journal)
    return holder is not None and not holder[1] and not other_data_words(holder_data(journal), data)


def lock_stamp(journal: Path) -> tuple[int, int, int] | None:
    """The lock file's (inode, size, mtime) now, None where there is none: a read-only app that failed to take the
    lock tries again only once another app has written the file since (and quit)."""
    try:
        info = os.stat(lock_path(journal))
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def data_path(source: Any) -> str | None:
    """The data a writer's lock file names: its file's whole path (relative 'test.csv' says nothing of its folder),
    ``hf:NAME`` as given, None for data from memory."""
    source = str(source)
    if not source or source.startswith("<"):
        return None
    if source.startswith("hf:"):
        return source
    try:
        return str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return source


def read_holder(lock_file: Path, data: str | None = None) -> str:
    """' (process N)' from the lock file, and where the holder decides on another data file than ``data``, which
    (the two share the journal: each needs its own)."""
    pid, held = _lock_lines(lock_file)
    if not pid.isdigit():
        return ""
    return f" (process {pid}){other_data_words(held, data)}"


def _lock_lines(lock_file: Path) -> tuple[str, str]:
    """A lock file's process number and the data file after it, as written ('' for each where unreadable)."""
    try:
        pid, _, held = lock_file.read_bytes().decode("utf-8", "surrogateescape").strip().partition("\n")  # as
        # journal_file._write_holder wrote it: a name that is not UTF-8 is read back as the same str
    except (OSError, UnicodeDecodeError):
        return "", ""
    return pid.strip(), held.strip()


def holder_data(journal: Path) -> str | None:
    """The data file the writer named in ``journal``'s lock file decides on (the line after its process number;
    None: none named, a lock file written before session 28, or none readable). Read, as ``holder_now``, without
    trying the lock: a read-only app's later line names it as the line at its open did (journal29)."""
    return _lock_lines(lock_path(journal))[1] or None


def other_data_words(held: str | None, data: str | None) -> str:
    """The lock message's clause where the holder decides on ``held``, another data file than ``data`` (this app's),
    else ''."""
    if not held or not data or held == data:
        return ""
    return (f" on another data file, {shell_word(str(held))} (this one: {shell_word(str(data))}): two data files share this journal; "
            "give this one its own with --journal PATH")
