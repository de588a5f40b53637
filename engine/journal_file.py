"""The journal on disk: one writer's lock, an append-only descriptor, durable appends.

``engine.corrections.Journal`` decides what to write and what the lines mean; this class only
makes writing safe. A ``filelock`` lock file ``<journal>.lock`` (``flock``, released by the
kernel if the process dies) admits one writer; readers need none. Each append is one ``write``
plus ``fsync`` and is rolled back with ``ftruncate`` if it fails; if even that fails, the next
append starts with a newline so a torn line never swallows a good one. It returns only where the
file written is, once written, still the journal at the path (``append``).
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Any

from engine.atomic import fsync_dir
from engine.journal_at_path import NOFOLLOW, AtPath, AtPathChecks, lock_inode, one_at_a_time
from engine.journal_format import JournalError, parse_line
from engine.journal_holder import data_path, holder_now, holder_quit, lock_stamp, read_holder
from engine.journal_path import lock_path
from engine.journal_rescue import TailCut, read_at, save_cut
from engine.paths import shell_word

__all__ = ["AtPath", "JournalFile", "JournalLocked", "JournalReadOnly", "JournalWriteError",
           "data_path", "holder_now", "holder_quit", "lock_stamp"]  # the last four: engine/journal_holder.py's

#: An append whose journal was renamed away between the check before its write and the write is taken back and
#: tried again (``JournalFile.append``) this many times in all: the next try sees the rename and refuses.
APPEND_TRIES = 3


class JournalLocked(JournalError):
    """Another process holds the journal's lock."""


class JournalWriteError(JournalError):
    """A decision was NOT saved (disk full, read-only directory, ...); nothing changed."""


class JournalReadOnly(JournalWriteError):
    """The journal was opened read-only and refuses to record."""


class JournalFile(AtPathChecks):
    """The journal file at ``path``: ``lock`` it to write, ``read`` it, ``append`` durably."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._lock: Any = None
        self._needs_newline = False
        self.first_write: int | None = None  # where this writer's first append began (farewell: at_path)
        self.rescued: tuple[Path, int] | None = None  # rescue(): where the held file's bytes were saved, and how many
        self.rescue_error: str | None = None  # rescue(): why they could not be
        self._io = threading.RLock()  # the descriptor's users, one at a time (``one_at_a_time``)

    @property
    def is_open(self) -> bool:
        """True once locked and opened for appending, until closed."""
        return self._fd is not None

    def lock(self, data: str | None = None) -> None:
        """Take the writer's lock and open the file for appending (created if missing). ``data``: the data file
        the writer decides on, written in the lock file after its process number, so that a second app on
        another data file sharing this journal (two ``test.csv`` in two folders, each opened from one folder:
        the default journal is ``test.corrections.jsonl`` in the current folder) is told that it is another file,
        where 'already open in another textaudit' read as the same data open twice."""
        from filelock import FileLock, Timeout

        lock_file = lock_path(self.path)
        self._lock = FileLock(str(lock_file), timeout=0, thread_local=False)
        try:
            self._lock.acquire()
        except Timeout:
            if not os.path.lexists(lock_file):  # no lock file, so no holder: filelock takes a file it could
                # not create (ENOENT, as in /proc) for a race with a deleter; 'already open' named a phantom
                raise JournalWriteError(f"cannot lock journal {shell_word(str(self.path))}: its lock file {lock_file.name} cannot "
                                        "be created there; choose a writable place with --journal") from None
            raise JournalLocked(
                f"journal {shell_word(str(self.path))} is already open in another textaudit{read_holder(lock_file, data)}"
            ) from None
        except OSError as exc:
            raise JournalWriteError(
                f"cannot lock journal {shell_word(str(self.path))}: {exc.strerror or exc}; "
                "choose a writable place with --journal"
            ) from None
        try:
            _write_holder(lock_file, data)
            self._fd = self._open_at_path()
        except BaseException:  # the lock is never kept without the file open (the caller's close may not run)
            self.close()
            raise

    @one_at_a_time
    def reopen(self) -> None:
        """Hold the file the path names now instead of the one held, the lock kept (``<journal>.lock`` is the path's,
        whatever file it names): a takeover's lock whose journal was renamed over after it was taken
        (``Journal.open(held=)``), which would otherwise hold the file moved away, whose appends refuse, until a
        restart. Raises as ``lock`` does (the file held before is kept then); nothing was written to either."""
        assert self._fd is not None
        fd = self._open_at_path()
        old, self._fd = self._fd, fd
        os.close(old)
        self._needs_newline, self.first_write, self.rescued, self.rescue_error = False, None, None, None

    def _open_at_path(self) -> int:
        """The file at the path opened to append (created if missing; read too: append looks at the last byte), a
        regular file, its own lock (flock) taken; raises JournalWriteError, or JournalLocked where another writer
        holds that file under another name (a hard link to the same file: its own .lock)."""
        created = not self.path.exists()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | NOFOLLOW, 0o644)
        except OSError as exc:
            raise JournalWriteError(f"cannot write journal {shell_word(str(self.path))}: {exc.strerror or exc}; "
                                    "choose a writable place with --journal") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(0, "not a regular file")
            if created:
                fsync_dir(self.path.parent)
            if lock_inode(fd):
                return fd
        except OSError as exc:
            os.close(fd)
            raise JournalWriteError(f"cannot write journal {shell_word(str(self.path))}: {exc.strerror or exc}; "
                                    "choose a writable place with --journal") from None
        os.close(fd)
        raise JournalLocked(f"journal {shell_word(str(self.path))} is already open in another textaudit, under another "
                            "name (a hard link to the same file)")

    def read(self) -> bytes:
        """The journal's bytes (b"" when it does not exist), never through a symbolic link."""
        return self.read_identified()[0]

    def read_identified(self) -> tuple[bytes, tuple[int, int] | None]:
        """``read``, and the (device, inode) of the file read (None when there is none): a read-only
        journal replays only what was appended to the same file (engine/journal_tail.py)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | NOFOLLOW)
        except FileNotFoundError:
            return b"", None
        except OSError as exc:
            raise JournalError(f"cannot read journal {shell_word(str(self.path))}: {exc.strerror or exc}") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise JournalError(f"cannot read journal {shell_word(str(self.path))}: not a regular file")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read(), (info.st_dev, info.st_ino)
        except OSError as exc:
            raise JournalError(f"cannot read journal {shell_word(str(self.path))}: {exc.strerror or exc}") from None
        finally:
            os.close(fd)

    @one_at_a_time
    def read_held(self) -> tuple[bytes, tuple[int, int]]:
        """The bytes of the file this writer holds, read through its own descriptor (the file it appends to,
        whatever the path names now), and its (device, inode)."""
        assert self._fd is not None
        try:
            info = os.fstat(self._fd)
            return read_at(self._fd, 0), (info.st_dev, info.st_ino)
        except OSError as exc:
            raise JournalError(f"cannot read journal {shell_word(str(self.path))}: {exc.strerror or exc}") from None

    @one_at_a_time
    def truncate_to(self, size: int) -> None:
        """Cut the file back to ``size`` bytes (a torn tail); if that fails, the next append
        starts on a fresh line instead."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, size)
        except OSError:
            self._needs_newline = True  # the torn bytes stay: start the next line afresh
            return
        try:
            os.fsync(self._fd)
        except OSError:
            pass  # the file is already cut back; the next append's fsync persists it

    @one_at_a_time
    def cut_tail(self, size: int) -> TailCut:
        """A torn tail (from ``size`` to the end) cut off as ``truncate_to`` cuts it, its whole lines (a hand-edited
        group that lost a line: user data) saved first to a new file (``save_cut``); where they cannot be, the tail
        is kept and the next append starts on a fresh line after it. A tail without a whole line (a write cut short,
        never acknowledged) is cut without a copy."""
        assert self._fd is not None
        try:
            end = os.fstat(self._fd).st_size
            lines = _whole_lines(read_at(self._fd, size, max(0, end - size)))
        except OSError as exc:  # unread: nothing is cut, and the next append starts on a fresh line after it
            self._needs_newline = True  # (it glued the next decision to the torn bytes: lost on the next open)
            return TailCut(error=f"{exc.strerror or exc}")
        if not lines:
            self.truncate_to(size)
            return TailCut()
        try:
            saved = save_cut(self._fd, self.path, size, end)
        except OSError as exc:
            self._needs_newline = not _ends_a_line(self._fd, end)
            return TailCut(lines, error=f"{exc.strerror or exc}")
        self.truncate_to(size)
        return TailCut(lines, saved)

    @one_at_a_time
    def append(self, payload: bytes) -> None:
        """Write ``payload`` with one write and one fsync, or roll back and raise JournalWriteError. It returns (the
        decision acknowledged) only where, after the fsync, the file written is still the one at the path, or a
        byte-for-byte copy of it stands there now (adopted): a journal renamed away or replaced between the check
        before the write and the write put the decision, acknowledged, in the file moved away (journal33). That
        write is taken back out of it (nobody was told it was saved) and the append tried again: it sees the
        rename, and refuses or writes to an identical copy as where the rename came first (``APPEND_TRIES``)."""
        assert self._fd is not None
        if self._needs_newline:
            payload = b"\n" + payload
        for tries_left in range(APPEND_TRIES - 1, -1, -1):
            start, end = self._write(payload)
            try:
                now = os.fstat(self._fd)
                if self._still_at_path(now) or self._adopt_copy(now):
                    break
            except OSError:
                pass
            self._take_back(start, end)
            if not tries_left:
                raise self._refusal()
        if self.first_write is None:
            self.first_write = start
        self._needs_newline = False

    def _write(self, payload: bytes) -> tuple[int, int]:
        """``append``'s one write and fsync where the file held is (still, or an identical copy adopted) the one at
        the path: where it began and ended. Raises JournalWriteError, nothing written."""
        assert self._fd is not None
        view, written, start = memoryview(payload), 0, -1
        try:
            mine = os.fstat(self._fd)
            if not self._still_at_path(mine):
                if not self._adopt_copy(mine):
                    raise self._refusal()
                mine = os.fstat(self._fd)  # the copy adopted
            start = mine.st_size
            if start and payload[:1] != b"\n" and not _ends_a_line(self._fd, start):
                # something else wrote part of a line since (an editor, `echo -n >>`): without a
                # newline first, this decision joined that line and was unreadable on reopen
                payload = b"\n" + payload
                view = memoryview(payload)
            while written < len(payload):
                written += os.write(self._fd, view[written:])
            os.fsync(self._fd)
        except OSError as exc:
            if start >= 0:  # roll back whatever part of the lines reached the file
                self.truncate_to(start)
            raise JournalWriteError(
                f"the decision was NOT saved: cannot write journal {shell_word(str(self.path))}: {exc.strerror or exc}"
            ) from None
        return start, start + len(payload)

    def _refusal(self) -> JournalWriteError:
        """Why an append refuses: the file held is no longer the journal at the path (the deleted file's decisions
        that the path lacks saved first: ``rescue``)."""
        saved = self.rescue().saved_in
        return JournalWriteError(
            f"the decision was NOT saved: journal {shell_word(str(self.path))} was deleted, moved or replaced since "
            "textaudit opened it (what is written now would be lost); quit and reopen to start "
            "a journal there, or choose one with --journal"
            + (f"; the decisions its deleted file held are saved in {shell_word(str(saved))}" if saved else ""))

    def _take_back(self, start: int, end: int) -> None:
        """The line just written (``start`` to ``end``) cut back out of the file held, found no longer at the path
        once written: it was never acknowledged. Not where the file has changed since (another program wrote after
        it: its bytes are not this app's to cut), nor where cutting fails: JournalWriteError then, the line left."""
        assert self._fd is not None
        try:
            if os.fstat(self._fd).st_size == end:
                os.ftruncate(self._fd, start)
                try:
                    os.fsync(self._fd)
                except OSError:
                    pass  # cut already; the file is not appended to again
                return
            why = "another program wrote to it since"
        except OSError as exc:
            why = f"it could not be cut back out: {exc.strerror or exc}"
        raise JournalWriteError(
            f"the decision was NOT saved in journal {shell_word(str(self.path))}: the file was moved or replaced while the decision "
            f"was written, and its line stays in the file moved away ({why}); quit and reopen to start a journal "
            "there, or choose one with --journal")

    @one_at_a_time
    def close(self) -> None:
        """Close the file and release the lock (idempotent)."""
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _write_holder(lock_file: Path, data: str | None) -> None:
    """Write who holds the lock and on which data in the lock file, for ``read_holder``. The name's bytes as the
    file system gave them (``surrogateescape``): a data file named in Latin-1 (``caf\\xe9.csv``) raised
    UnicodeEncodeError here, which left that app read-only."""
    head = f"{os.getpid()}\n"
    try:
        body = (head + (f"{data}\n" if data and "\n" not in data else "")).encode("utf-8", "surrogateescape")
    except UnicodeError:  # a lone surrogate that is no escaped byte: the process number alone
        body = head.encode()
    try:
        lock_file.write_bytes(body)
    except OSError:
        pass


def _whole_lines(tail: bytes) -> int:
    """The whole lines in ``tail``, as the replay frames them (engine/journal_format.frame_groups): each ending in
    a newline, and a last entry without one (an editor's save that ends no file in one). Counted by newline
    alone, a group whose last line lacked it was saved whole but said one line short (journal40)."""
    last = tail.rfind(b"\n") + 1
    return tail.count(b"\n") + (last < len(tail) and parse_line(tail[last:]) is not None)


def _ends_a_line(fd: int, size: int) -> bool:
    """The file's last byte (at ``size - 1``) is a newline (True where it cannot be read)."""
    try:
        return read_at(fd, size - 1, 1) == b"\n"
    except OSError:
        return True
