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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from engine.journal_format import ReplayProblems, frame_groups


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


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


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
    if file_id != point.file_id or len(data) < point.end or _digest(memoryview(data)[:point.end]) != point.digest:
        return None
    added = data[point.end:]
    problems = ReplayProblems()
    framed = frame_groups(added, problems, path)
    if framed.good_end != len(added):  # a write half done: read whole next time, as before
        return None
    problems.invalid_lines = [number + point.lines for number in problems.invalid_lines]
    from engine.class_label_new import named_by_class_label

    groups = named_by_class_label(framed.groups, dataset) if framed.groups else []
    return Tail(point, groups, problems,
                ReplayPoint(len(data), point.lines + added.count(b"\n"), _digest(data), file_id,
                            max(point.next_seq, framed.next_seq)))
