"""A deleted journal's bytes saved to a new file (``JournalFile.rescue``), and the whole lines of a torn tail
before a writable open cuts it off (``save_cut``): beside the journal, else in the user's rescue folder; never
over an existing file."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from engine.atomic import fsync_dir

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class TailCut:
    """What a writable open did with a journal's torn tail (``JournalFile.cut_tail``): ``lines``, the whole lines
    (each with its newline) it held; ``saved_in``, where they were saved before the cut; ``error``, why they could
    not be (the tail was then kept, not cut)."""

    lines: int = 0
    saved_in: Path | None = None
    error: str | None = None

    @property
    def kept(self) -> bool:
        """The tail was left in the journal (its whole lines could not be saved elsewhere first)."""
        return self.error is not None


def save_cut(fd: int, journal: Path, start: int, end: int) -> Path:
    """Bytes ``start`` to ``end`` of the open journal ``fd`` (a torn tail about to be cut off) saved to a new file
    ``<stem>.cut-<UTC time>.jsonl``, as ``save_rescue`` saves (beside the journal, else in the rescue folder)."""
    return save_rescue(fd, journal, end, start=start, kind="cut")


def save_rescue(fd: int, journal: Path, size: int, *, start: int = 0, kind: str = "recovered") -> Path:
    """``_save_copy`` beside ``journal``, else (its folder deleted with it, read-only) in ``paths.rescue_dir()``."""
    try:
        return _save_copy(fd, journal, size, start, kind)
    except FileExistsError:
        raise
    except OSError as beside:
        from engine.paths import rescue_dir, shell_word
        folder = rescue_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return _save_copy(fd, folder / journal.name, size, start, kind)
        except OSError as there:
            raise OSError(there.errno, f"{beside.strerror or beside}; nor in {shell_word(str(folder))}: "
                                       f"{there.strerror or there}") from there


def _save_copy(fd: int, journal: Path, size: int, start: int = 0, kind: str = "recovered") -> Path:
    """Bytes ``start`` to ``size`` of the open file ``fd`` written to a new file ``<stem>.<kind>-<UTC time>.jsonl``
    beside ``journal`` (never one that exists: O_EXCL), flushed and fsynced with its folder; its path. Raises
    OSError (nothing left behind)."""
    stem = journal.name
    if stem.endswith(".jsonl") and stem != ".jsonl":
        stem = stem[: -len(".jsonl")]
    when = _utc_stamp()
    while len(f"{stem}.{kind}-{when}-99.jsonl".encode("utf-8", "surrogateescape")) > 255 and len(stem) > 1:
        stem = stem[:-1]  # a name cut to the file system's limit (a journal's own name may use all of it)
    for n in range(1, 100):
        target = journal.with_name(f"{stem}.{kind}-{when}{'' if n == 1 else f'-{n}'}.jsonl")
        try:
            out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, stat.S_IMODE(os.fstat(fd).st_mode))
        except FileExistsError:
            continue
        try:
            done = start
            while done < size:
                chunk = read_at(fd, done, min(1 << 20, size - done))
                if not chunk:
                    break
                view, written = memoryview(chunk), 0
                while written < len(chunk):
                    written += os.write(out, view[written:])
                done += len(chunk)
            os.fsync(out)
        except OSError:
            os.close(out)
            try:
                os.unlink(target)
            except OSError:
                pass
            raise
        os.close(out)
        fsync_dir(target.parent)
        return target
    raise FileExistsError(17, "a hundred rescue files of this second exist already")


def read_at(fd: int, offset: int, size: int | None = None) -> bytes:
    """Up to ``size`` bytes (None: to the end) of the open file ``fd`` from ``offset``, read by position
    (``os.pread``): the descriptor's own offset is left where it was, so one shared with an appender, a
    compare or a copy never moves it. Fewer bytes only at the file's end. Where ``os.pread`` is missing
    (Windows) by ``lseek`` and ``read``: the journal's descriptors there append with O_APPEND, which writes
    at the end wherever the offset is."""
    pread, parts, done = getattr(os, "pread", None), [], 0
    if pread is None:
        os.lseek(fd, offset, os.SEEK_SET)
    while size is None or done < size:
        want = 1 << 20 if size is None else min(1 << 20, size - done)
        part = pread(fd, want, offset + done) if pread is not None else os.read(fd, want)
        if not part:
            break
        parts.append(part)
        done += len(part)
    return b"".join(parts)


def _utc_stamp() -> str:
    """Now in UTC to the second, for a rescue file's name: 20261206T223000Z."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
