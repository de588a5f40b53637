"""A read-only journal follows the file another app appends to: only the lines added since are replayed.

The app that reads a journal another app holds (``DecisionBook`` read-only) polls the file every
2 s; each change replayed the whole file, seconds at 220k lines, for the one line the other app
had added. A journal is append-only, so where the file is the one read before (same device and
inode), has only grown, and still begins with exactly the bytes replayed (their digest), the new
bytes are the rest of the same journal: framed and replayed after the state the last replay left,
that gives the same state as replaying the whole file. Anything else (the file replaced, cut,
rewritten, or read while a write was half done) is read whole again, as before.

``read_tail`` only reads (it runs in a worker while the app shows the journal's state);
``Journal.apply_tail`` (engine/corrections.py) replays what it found on the thread that owns it.

Once the writer has quit, the reader takes the journal over (tui/decisions_takeover.py): it takes the lock, and
``handover_tail`` reads, under it, what the last poll had not replayed yet, by the same evidence, so that only those
lines are replayed (``Journal.hand_over``/``take_over``), not the whole file (8-9 s at 215,600 lines, s31). Under the
lock nobody appends any more: a torn end is the quitting writer's crash, cut off as a writable open cuts it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from engine.journal_format import frame_groups
from engine.journal_problems import ReplayProblems


@dataclass(frozen=True)
class ReplayPoint:
    """How far a journal file has been replayed: its first ``end`` bytes (``lines`` lines, whose
    ``digest`` this is), which ended on a complete group, of the file ``file_id`` (device, inode)."""

    end: int
    lines: int
    digest: bytes
    file_id: tuple[int, int]
    next_seq: int


@dataclass(frozen=True)
class Tail:
    """The complete groups appended after ``start``, framed, and the point they bring the replay to."""

    start: ReplayPoint
    groups: list[list[dict[str, Any]]]
    problems: ReplayProblems  # what framing the new lines found (line numbers from the file's top)
    point: ReplayPoint


@dataclass(frozen=True)
class Handover:
    """A reader's journal, locked to write by it (``Journal.hand_over``): the locked ``file``, and the ``tail`` the
    reader has not replayed yet (None: only a whole replay, under this lock, tells the state)."""

    file: Any  # engine.journal_file.JournalFile, locked and open: closing it releases the lock
    tail: Tail | None
    cut: bool = False  # the tail's torn end was cut off (not where the file held is no longer at the path)
    other: bool = False  # the file locked is not the one the reader followed: replaced, rewritten or cut since (review35)
    tail_cut: Any = None  # engine.journal_rescue.TailCut: the torn end's whole lines saved, or why kept (None: no cut)

    def close(self) -> None:
        """Release the lock (the handover was not taken)."""
        self.file.close()


def _hasher(data: bytes | memoryview) -> Any:
    """The hash a replay point keeps of the bytes replayed; ``update`` extends it over what follows."""
    return hashlib.blake2b(data, digest_size=20)


def _digest(data: bytes | memoryview) -> bytes:
    return _hasher(data).digest()


def replay_point(data: bytes, good_end: int, next_seq: int, file_id: tuple[int, int] | None) -> ReplayPoint | None:
    """The point a replay of ``data`` reached, or None where it cannot be continued: the read ended
    inside a line or a group (a write half done, or a crash's torn tail), or the file was no file."""
    if file_id is None or good_end != len(data):
        return None
    return ReplayPoint(good_end, data.count(b"\n"), _digest(data), file_id, next_seq)


def read_tail(file: Any, point: ReplayPoint | None, path: Any, dataset: Any) -> Tail | None:
    """The groups appended to ``file`` (engine.journal_file.JournalFile) since ``point``, or None
    when only a whole replay tells the state (see the module's docstring). Reads, never changes
    the journal."""
    if point is None:
        return None
    data, file_id = file.read_identified()
    tail = _tail(data, file_id, point, path, dataset)
    return None if tail is None or tail[1] != len(data) else tail[0]  # a write half done: read whole next time


def handover_tail(data: bytes, file_id: tuple[int, int] | None, point: ReplayPoint | None, path: Any,
                  dataset: Any) -> tuple[Tail, int] | None:
    """What a reader that replayed the journal up to ``point`` has not replayed yet of ``data`` (the file
    ``file_id``, read under the writer's lock), and the size to cut the file back to (``len(data)`` where
    nothing is torn); None where only a whole replay tells the state: not the file replayed, shorter than
    ``point``, or other bytes before it. A torn end (a line without its newline, a group cut short) is left
    out, as a writable open's replay leaves it out and cuts it off."""
    if point is None:
        return None
    tail = _tail(data, file_id, point, path, dataset)
    if tail is None:
        return None
    found, good_end = tail
    return found, min(good_end, len(data))  # past it: a whole last entry without its newline, kept


def _tail(data: bytes, file_id: tuple[int, int] | None, point: ReplayPoint, path: Any,
          dataset: Any) -> tuple[Tail, int] | None:
    """The groups of ``data`` after ``point`` and where they end in ``data`` (after its last complete group;
    ``len(data) + 1`` for a whole last entry without its newline), or None where ``data`` does not continue
    what was replayed (another file, shorter, or other bytes before ``point.end``)."""
    if file_id != point.file_id or len(data) < point.end:
        return None
    hasher = _hasher(memoryview(data)[:point.end])
    if hasher.digest() != point.digest:
        return None
    added = data[point.end:]
    problems = ReplayProblems()
    framed = frame_groups(added, problems, path)
    problems.invalid_lines = [number + point.lines for number in problems.invalid_lines]
    from engine.class_label_new import named_by_class_label

    groups = named_by_class_label(framed.groups, dataset) if framed.groups else []
    end = min(framed.good_end, len(added))
    hasher.update(memoryview(added)[:end])  # the whole file's digest where it ends there: hashed once
    return (Tail(point, groups, problems,
                 ReplayPoint(point.end + end, point.lines + added.count(b"\n", 0, end), hasher.digest(), file_id,
                             max(point.next_seq, framed.next_seq))),
            point.end + framed.good_end)
