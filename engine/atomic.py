"""The one atomic writer: every file or folder textaudit writes goes through here.

A write goes to a fresh temporary name in the target's own folder (created with ``O_EXCL``, so
it never opens a file or link that was already there), is flushed and fsynced, renamed onto the
target with ``os.replace`` and the folder is fsynced. A reader sees the old file or the new one,
never half of one, and a failed or interrupted write leaves the target untouched.

Temporary names start with :data:`TEMP_PREFIX` and carry the writer's process id, so
:func:`clean_stale_temps` can remove what a killed writer (SIGKILL, power loss) left behind
without touching a live writer's file.

Nothing here follows a symbolic link it did not create: a target that is a link is refused
(``replace_symlink=False``, the default) or the link itself is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from engine.errors import DataError
from engine.paths import NAME_MAX, cut_to_bytes, shell_word

#: Every temporary name starts with this (after the dot that hides it).
TEMP_PREFIX = ".textaudit-tmp-"
_TEMP_RE = re.compile(r"^\.textaudit-tmp-(\d+)-[0-9a-f]{8}-")
#: A temp whose writer is still alive is removed only after this long (pid reuse, other hosts).
STALE_AFTER_S = 24 * 3600.0


class SymlinkTargetError(DataError):
    """The target is a symbolic link and the caller did not allow replacing it."""


def temp_name(target: Path) -> Path:
    """A fresh temporary path beside ``target``: prefix, writer pid, random token, target name."""
    head = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-"
    name = cut_to_bytes(target.name, NAME_MAX - len(head) - len(".tmp"))  # head and .tmp are ASCII
    return target.with_name(f"{head}{name}.tmp")


def is_temp_name(name: str) -> bool:
    """True for a name :func:`temp_name` made."""
    return _TEMP_RE.match(name) is not None


def fsync_dir(directory: Path) -> None:
    """Make directory entries durable (best effort: not every filesystem allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """fsync every regular file and folder under ``folder`` (links are not followed)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            path = Path(root) / name
            if stat.S_ISREG(path.lstat().st_mode):
                _fsync_path(path)
        for name in dirs:
            fsync_dir(Path(root) / name)
    fsync_dir(folder)


def _check_target(target: Path, replace_symlink: bool, directory: bool) -> os.stat_result | None:
    try:
        info = target.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        if not replace_symlink:
            raise SymlinkTargetError(f"{shell_word(str(target))} is a symbolic link; refusing to write through or replace it")
        return None
    if directory != stat.S_ISDIR(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a folder"
        raise DataError(f"cannot write {shell_word(str(target))}: it is {kind}")
    return info


@contextlib.contextmanager
def atomic_path(target: Path | str, *, directory: bool = False,
                replace_symlink: bool = False) -> Iterator[Path]:
    """Yield a new, empty temp file (or folder) beside ``target``; commit it on a clean exit.

    The caller writes to the yielded path by name (pandas, pyarrow, ``datasets``). On a clean
    exit the temp is fsynced and renamed onto ``target`` and the folder fsynced; on any error or
    interrupt it is removed and ``target`` is left as it was. A replaced file keeps its
    permission bits. A folder target is swapped in with the old one removed last.
    """
    target = Path(target)
    existing = _check_target(target, replace_symlink, directory)
    temp = temp_name(target)
    if directory:
        temp.mkdir()
    else:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(temp, flags, 0o666))  # umask applies, unlike mkstemp's 0o600
    try:
        if existing is not None and not directory:
            os.chmod(temp, stat.S_IMODE(existing.st_mode))
        yield temp
        _commit(temp, target, directory, replace_symlink)
    except BaseException:
        _remove(temp)
        raise


def _commit(temp: Path, target: Path, directory: bool, replace_symlink: bool) -> None:
    info = temp.lstat()  # the temp must still be what we created, not a swapped-in link
    if stat.S_ISLNK(info.st_mode) or stat.S_ISDIR(info.st_mode) != directory:
        raise DataError(f"cannot write {shell_word(str(target))}: its temporary file was replaced by something else")
    if not directory:
        _fsync_path(temp)
        _check_target(target, replace_symlink, directory)
        os.replace(temp, target)
        fsync_dir(target.parent)
        return
    _fsync_tree(temp)
    old: Path | None = None
    if _check_target(target, replace_symlink, directory) is not None:
        if _exchange(temp, target):  # one step: the new folder at target, the old at temp's name
            fsync_dir(target.parent)
            _remove(temp)  # (an interrupt before this: atomic_path's cleanup removes it as the temp)
            return
        old = temp_name(target)
        os.replace(target, old)
    try:
        os.replace(temp, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    fsync_dir(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` in one rename (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where
    the system or file system cannot (the caller then renames twice). Two renames left a window: Ctrl+C or
    SIGTERM (their handler raises at the next bytecode, tui/interrupts.py) between them left no folder at the
    target, the new one removed as an interrupted write and the old one under a temporary name that the next
    write's clean_stale_temps removes: a --force export over a saved datasets folder lost both (crash30)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        rename = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no renameat2 in this libc (glibc < 2.28, musl)
        return False
    rename.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if rename(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):  # kernel or file system without it
        return False
    raise OSError(error, os.strerror(error), str(b))


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


@contextlib.contextmanager
def atomic_open(target: Path | str, mode: str = "wb", *, encoding: str | None = None,
                newline: str | None = None, replace_symlink: bool = False) -> Iterator[IO[Any]]:
    """Open a temp file beside ``target`` for writing; on a clean exit it replaces ``target``."""
    if mode not in ("w", "wb", "wt"):
        raise ValueError(f"atomic_open writes whole files; mode {mode!r} is not supported")
    with atomic_path(target, replace_symlink=replace_symlink) as temp:
        with open(temp, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()


def write_bytes(target: Path | str, data: bytes, *, replace_symlink: bool = False) -> None:
    """Atomically replace ``target`` with ``data``."""
    with atomic_open(target, "wb", replace_symlink=replace_symlink) as handle:
        handle.write(data)


def write_text(target: Path | str, text: str, *, encoding: str = "utf-8",
               replace_symlink: bool = False) -> None:
    """Atomically replace ``target`` with ``text`` (newlines written as given)."""
    write_bytes(target, text.encode(encoding), replace_symlink=replace_symlink)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, under another user
        return True
    return True


def clean_stale_temps(folder: Path | str, *, stale_after_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove temps in ``folder`` whose writer process is gone (or that are very old).

    Only names :func:`temp_name` makes are touched; a live writer's temp is left alone. Returns
    what was removed. Errors (a folder that vanished, no permission) are ignored.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match is None:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if _pid_alive(int(match.group(1))) and age < stale_after_s:
            continue
        path = Path(entry.path)
        _remove(path)
        if not os.path.lexists(path):
            removed.append(path)
    return removed
