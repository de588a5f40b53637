"""Where the file a journal writer holds stands now (``JournalFile``'s half that looks at the path).

Still the file the path names; an identical copy renamed over it (an editor's or a sync tool's save: adopted);
moved, replaced or deleted (what the path now holds of it, ``AtPath``, for the exit line; a deleted file's bytes
saved beside the journal, ``rescue``). Split out of engine/journal_file.py, which writes.
"""

from __future__ import annotations

import functools
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.journal_rescue import read_at, save_rescue

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def one_at_a_time(method: Callable[..., Any]) -> Callable[..., Any]:
    """A ``JournalFile`` method that uses its descriptor, run under the file's ``_io`` lock: the app's journal poll
    (a worker thread: ``still_at_path``, ``rescue``) and its decisions and exit (the UI thread: ``append``, ``close``)
    never use it at once, nor a descriptor closed meanwhile, whose number another open may have reused."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._io:
            return method(self, *args, **kwargs)

    return run


class AtPathChecks:
    """``JournalFile``'s methods that compare the file it holds (``_fd``) with the one at ``path``."""

    path: Path
    _fd: int | None
    _io: threading.RLock
    first_write: int | None
    rescued: tuple[Path, int] | None
    rescue_error: str | None

    @one_at_a_time
    def still_at_path(self) -> bool:
        """False once the file this writer holds is no longer the one at ``path`` (True when it
        holds none: nothing can be lost)."""
        if self._fd is None:
            return True
        try:
            return self._still_at_path(os.fstat(self._fd))
        except OSError:
            return False

    def _adopt_copy(self, mine: os.stat_result) -> bool:
        """Append to the file now at the path from now on, where it is a byte-for-byte copy of the one held (an
        editor's or a sync tool's save, ``cp J J.tmp && mv J.tmp J``, renames a copy over the journal): the
        decisions replayed here are exactly its own, so nothing is lost or mixed. Not where it differs in any
        byte (another journal, an older or a longer copy: what is shown here is not what it holds), is a link or
        no regular file, or another writer locks it (a hard link of its journal). False: the append refuses."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | NOFOLLOW)
        except OSError:
            return False
        try:
            there = os.fstat(fd)
            adopt = (stat.S_ISREG(there.st_mode) and there.st_size == mine.st_size and lock_inode(fd)
                     and _common_prefix(self._fd, fd, mine.st_size) == mine.st_size
                     and os.fstat(self._fd).st_size == mine.st_size  # both sizes again, after the compare: a copy
                     and (now := os.fstat(fd)).st_size == mine.st_size  # written to meanwhile is not it (one stat
                     and self._still_at_path(now))  # of it tells its size and, at the path, that it is still there)
        except OSError:
            adopt = False
        if not adopt:
            os.close(fd)  # (its flock, if taken, goes with it)
            return False
        old, self._fd = self._fd, fd
        os.close(old)
        return True

    @one_at_a_time
    def at_path(self) -> AtPath:
        """What the file now at the path holds of the one this writer held (for the exit line, before ``close``)."""
        if self._fd is None:
            return AtPath("here", False)
        try:
            mine = os.fstat(self._fd)
            if self._still_at_path(mine):
                return AtPath("here", False)
            deleted = mine.st_nlink == 0
            try:
                fd = os.open(self.path, os.O_RDONLY | NOFOLLOW)
            except OSError:
                return AtPath("none", deleted)
            try:
                there = os.fstat(fd)
                if not stat.S_ISREG(there.st_mode):
                    return AtPath("none", deleted)
                same = _common_prefix(self._fd, fd, min(mine.st_size, there.st_size))
            finally:
                os.close(fd)
        except OSError:
            return AtPath("none", False)
        start = mine.st_size if self.first_write is None else self.first_write
        if same == mine.st_size:
            return AtPath("copy" if there.st_size == mine.st_size else "longer", deleted)
        return AtPath("part" if same > start else "none", deleted)

    @one_at_a_time
    def rescue(self) -> AtPath:
        """``at_path``, and where the file this writer held is deleted (no name holds it: nlink 0, so its bytes go
        with this descriptor) while the path lacks some of what this writer appended ('part': an older copy renamed
        over it; 'none': removed, or another file there), those bytes, read through the held descriptor, saved to a
        new file beside the journal (``<stem>.recovered-<UTC time>.jsonl``, created exclusively, fsynced): a journal
        of its own, whose replay is the state shown. Once; again (another new file) only if the held file changed
        size since. A moved file (a name still holds it) is not copied: the exit line says where it may be. A
        journal this writer never appended to is saved too where it held any byte (lead, s37): a sync tool's delete
        looks the same as the user's ``rm``, and this descriptor may hold the last copy."""
        at = self.at_path()
        if self._fd is None or not at.deleted or at.kind not in ("part", "none"):
            return at
        try:
            size = os.fstat(self._fd).st_size
            if not size:  # an empty file holds no decision
                return at
            if self.rescued is None or self.rescued[1] != size:
                self.rescued, self.rescue_error = (save_rescue(self._fd, self.path, size), size), None
        except OSError as exc:
            self.rescue_error = f"{exc.strerror or exc}"
            return replace(at, rescue_error=self.rescue_error)
        return replace(at, saved_in=self.rescued[0])

    def _still_at_path(self, mine: os.stat_result) -> bool:
        """The open file is still the one the path names (not deleted, moved or replaced)."""
        try:
            there = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        return mine.st_nlink > 0 and (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


@dataclass(frozen=True)
class AtPath:
    """What the file at a writer's path holds of the file it wrote (``JournalFile.at_path``): ``kind`` 'here'
    (it is that file), 'copy' (a byte-for-byte copy), 'longer' (a copy with more lines after), 'part' (it
    begins as that file but lacks part of what this writer wrote), 'none' (none of it, or no file there);
    ``deleted``: the file written is deleted (no name holds it once this writer closes it); ``saved_in``: the copy of
    it ``JournalFile.rescue`` saved, ``rescue_error`` why it could not."""

    kind: str
    deleted: bool
    saved_in: Path | None = None
    rescue_error: str | None = None


def _common_prefix(one: int, other: int, size: int, chunk: int = 1 << 20) -> int:
    """How many of the first ``size`` bytes the two open files have alike, read by position (``read_at``: their
    offsets kept)."""
    done = 0
    while done < size:
        a = read_at(one, done, min(chunk, size - done))
        b = read_at(other, done, len(a))
        if a != b:
            return done + next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        if not a:
            break
        done += len(a)
    return done


def lock_inode(fd: int) -> bool:
    """Lock the journal file itself (flock: per file, whatever name opened it), beside the
    ``.lock`` file, which is per name: two apps on two hard links of one journal both got their
    lock and appended to one file. False when another descriptor holds it; True where flock is
    missing or unsupported (the ``.lock`` file stands alone there)."""
    try:
        import fcntl
    except ImportError:  # Windows: the lock file only
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without flock
        return True
    return True
