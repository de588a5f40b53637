"""The journal's line format: encoding, parsing and timestamps (the replay problem report:
engine/journal_problems.py).

Kept apart from ``engine.corrections`` (the journal's behaviour) so each file stays small.
"""

from __future__ import annotations

import codecs
import json
import math
from dataclasses import dataclass
from pathlib import Path
from datetime import datetime, timezone
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from engine.errors import TextauditError
from engine.paths import shell_word

if TYPE_CHECKING:
    from engine.journal_problems import ReplayProblems

_encode_str = json.encoder.encode_basestring  # json.dumps(str, ensure_ascii=False), the C one

ACTIONS = ("relabel", "exclude", "keep")
HISTORY_ACTIONS = ("undo", "redo")
JOURNAL_FORMAT = 1


class JournalError(TextauditError):
    """The journal cannot be read or used as asked."""


@dataclass(frozen=True)
class Decision:
    """The effective decision on one row."""

    row: int
    action: str
    label_after: str | None
    issue_type: str
    ts: str
    label_before: str | None = None
    suggested_label: str | None = None
    group: int = 0


def utc_now() -> str:
    """ISO 8601 UTC timestamp with milliseconds, e.g. 2025-01-31T12:00:00.123Z."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def json_scalar(value: Any) -> Any:
    """An id value as something JSON can hold: numpy scalars unwrapped, NaN -> None, others str."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    import pandas as pd  # loaded with any data

    if value is pd.NA or value is pd.NaT:  # an Int64, boolean or datetime id's empty cell: it was "<NA>", an id
        return None
    return str(value)


REQUIRED_FIELDS = {"group": int, "group_size": int, "row": int, "action": str, "text_sha256": str}
# Group ids and rows live in int64 arrays: a line holding a bigger number was edited by hand (one
# stopped every open with an OverflowError) and is unreadable. New lines are numbered on from the
# last seq below _SEQ_CAP only, so what is written after a hand-edited huge seq still reads back.
_INT_FIELDS = ("group", "group_size", "row", "seq")
_INT_BOUND = 2**62
# A hand edit that made a line's label_after or row_hash a list or an object (replay keys sets and dicts
# on them), or a count (written as an int, copy_index only beside text_copies) a string, a null or a
# copy_index without its text_copies, ended every open of the journal in an internal error (exit 70:
# 'unhashable type: list', KeyError 'text_copies'): such a line is unreadable instead. Checked cheaply
# (~4% of json.loads): the counts only on the lines that have one (lines on identical rows or ids).
_CONTAINERS = (list, dict)
_COUNT_FIELDS = ("text_copies", "copy_index", "id_copies")
_SEQ_CAP = 2**53
_BOM = codecs.BOM_UTF8


def data_name(source: Any) -> str | None:
    """The data's name a journal line records: the file (or folder) and the folder it is in,
    ``v2/train.csv`` (two train.csv in two folders share the default journal of the current
    folder), not the whole path; ``hf:NAME[:SPLIT]`` as given; None for data from memory
    (``<DataFrame>``, ``<datasets.Dataset>``)."""
    source = str(source)
    if source in ("<DataFrame>", "<datasets.Dataset>") or not source:
        return None
    if source.startswith("hf:"):
        return source
    try:
        path = Path(source).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        path = Path(source)
    return "/".join(part for part in (path.parent.name, path.name) if part) or None


def parse_line(raw: bytes) -> dict[str, Any] | None:
    """A journal entry, or None if the line is not one."""
    try:  # UTF-8 only (a leading BOM allowed): json.loads of bytes would also take UTF-16 and UTF-32,
        # and a journal an editor saved as UTF-16 then read its first line alone ('\n\x00' splits the rest).
        # The BOM cut by hand: what the "utf-8-sig" codec does, without its Python-level decoder on
        # every line (a 100k-line journal opened 0.1 s slower with it; bench/README.md, session 20)
        entry = json.loads((raw[3:] if raw.startswith(_BOM) else raw).decode("utf-8", "surrogatepass"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: '[[[[...' nested past the stack
        return None
    if not isinstance(entry, dict):
        return None
    for key, kind in REQUIRED_FIELDS.items():
        value = entry.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            return None
    if entry["action"] not in ACTIONS + HISTORY_ACTIONS or entry["group_size"] < 1:
        return None
    if not isinstance(entry.get("v", JOURNAL_FORMAT), int) or not isinstance(entry.get("seq", 0), int):
        return None
    for key in _INT_FIELDS:  # a loop, not any(<generator>): this runs for every line of a journal
        value = entry.get(key)
        if isinstance(value, int) and not -_INT_BOUND < value < _INT_BOUND:
            return None
    if type(entry.get("label_after")) in _CONTAINERS or type(entry.get("row_hash")) in _CONTAINERS:
        return None
    if ("text_copies" in entry or "copy_index" in entry or "id_copies" in entry) and not _counts_ok(entry):
        return None
    return entry


def _counts_ok(entry: dict[str, Any]) -> bool:
    """The line's counts are ints, as written, and a copy_index comes with its text_copies."""
    if "copy_index" in entry and "text_copies" not in entry:
        return False
    return all(type(entry[key]) is int for key in _COUNT_FIELDS if key in entry)


def encode_line(entry: dict[str, Any]) -> bytes:
    try:
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates in an id or label: escape them
        return (json.dumps(entry, separators=(",", ":")) + "\n").encode("ascii")


def decision_from_entry(entry: dict[str, Any], label_before: str) -> Decision:
    """The decision a journal line records (``label_before`` from the dataset); a relabel to the
    row's own label (written before session 14) is a keep, as the app records it."""
    action = entry["action"]
    if action == "relabel" and entry.get("label_after") == label_before:
        action = "keep"
    return Decision(
        row=entry["row"],
        action=action,
        label_after=entry.get("label_after") if action == "relabel" else None,
        issue_type=str(entry.get("issue_type") or ""),
        ts=str(entry.get("ts") or ""),
        label_before=label_before,
        suggested_label=entry.get("suggested_label"),
        group=entry["group"],
    )


@dataclass
class Framed:
    """A journal's bytes split into complete groups (what replay applies)."""

    groups: list[list[dict[str, Any]]]
    next_seq: int  # the seq the next line written gets
    good_end: int  # bytes before this are whole lines of whole groups; the rest is a torn tail


def frame_groups(data: bytes, problems: ReplayProblems, path: Any) -> Framed:
    """Parse ``data`` line by line into complete groups, noting unreadable lines, groups cut off
    by a later group, and a torn tail (a line without its newline, or a last group a crash cut
    short: never acknowledged). Raises JournalError for a line from a newer format."""
    complete_end = data.rfind(b"\n") + 1
    if complete_end < len(data) and parse_line(data[complete_end:]) is not None:
        # a whole entry without its newline: a journal saved by an editor that ends no file in one
        # (VS Code's default). It was ignored as torn and a writable open cut it off: a decision lost.
        # A write cut off just before its newline had written the whole decision the key asked for.
        data, complete_end = data + b"\n", len(data) + 1
    good_end = complete_end
    groups: list[list[dict[str, Any]]] = []
    next_seq = 1
    pending: list[dict[str, Any]] = []
    pending_start = 0
    line_start = 0
    for number, raw in enumerate(data[:complete_end].split(b"\n")[:-1], start=1):
        offset, line_start = line_start, line_start + len(raw) + 1
        if not raw.strip():
            continue
        entry = parse_line(raw)
        if entry is None:
            problems.invalid_lines.append(number)
            continue
        if entry.get("v", JOURNAL_FORMAT) > JOURNAL_FORMAT:
            raise JournalError(f"journal {shell_word(str(path))} was written by a newer textaudit (format {entry['v']})")
        if entry.get("seq", 0) < _SEQ_CAP:
            next_seq = max(next_seq, entry.get("seq", 0) + 1)
        if pending and entry["group"] != pending[0]["group"]:
            problems.incomplete_groups.append(pending[0]["group"])
            pending = []
        if not pending:
            pending_start = offset
        pending.append(entry)
        if len(pending) == pending[0]["group_size"]:
            groups.append(pending)
            pending = []
    if pending:  # a group cut off by a crash at the very end: never acknowledged
        problems.torn_group = len(pending)
        good_end = pending_start
    if complete_end < len(data):
        problems.torn_bytes = len(data) - complete_end
    return Framed(groups, next_seq, good_end)


def encode_json(value: Any) -> str:
    """``value`` as ``encode_line`` writes it inside a line (``ensure_ascii=False``); the common
    scalar types without building an encoder (the same text ``json.dumps`` gives)."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def row_part(row: int, id_json: str, digest: str, before_json: str, row_hash: str | None = None,
             text_copies: int = 0, id_copies: int = 0, copy_index: int = 0) -> str:
    """The part of a line fixed by the row alone (``row`` .. ``label_before``, ``row_hash`` when
    the data has columns besides the text and label: engine/row_print.py, and ``text_copies``
    when other rows had the same text: the rows identical to it, with ``copy_index``, which of them
    it is in file order, where there are several), for ``encode_group``."""
    part = f'{row},"id":{id_json},"text_sha256":"{digest}","label_before":{before_json}'
    if row_hash is not None:
        part = f'{part},"row_hash":"{row_hash}"'
    part = f'{part},"text_copies":{int(text_copies)}' if text_copies else part
    part = f'{part},"copy_index":{int(copy_index)}' if text_copies >= 2 else part
    return f'{part},"id_copies":{int(id_copies)}' if id_copies else part  # rows sharing its --id-column value


def encode_group(
    *, seq: int, group: int, ts: str, actions: Sequence[str], row_parts: Sequence[str], after: Sequence[str | None],
    issue_type: str, suggested_label: str | None, id_column: str | None, new_label: Sequence[bool],
    target: int | None = None, label_column: str | None = None, text_column: str | None = None,
    data: str | None = None, data_version: str | None = None,
) -> bytes:
    """The lines of one decision group in one pass: byte for byte what ``encode_line`` writes
    for each line's entry dict (key order included), with the fields shared by the group
    encoded once and each row's own fields from ``row_part``. The pieces of all lines are laid
    side by side in one list and joined once (no string built per line). Sequences may be lists
    or numpy object arrays. A text that cannot be UTF-8 (a lone surrogate) raises ValueError:
    the caller then encodes line by line with ``encode_line``."""
    n = len(row_parts)
    shared = f',"group":{group},"group_size":{n},"ts":{encode_json(ts)},"action":'
    heads = {action: f'{shared}{encode_json(action)},"row":' for action in set(actions)}
    afters = {label: f',"label_after":{encode_json(label)}' for label in set(after)}
    tail = (f',"issue_type":{encode_json(issue_type)},"suggested_label":{encode_json(suggested_label)}'
            f',"id_column":{encode_json(id_column)}' + ("" if label_column is None else
                                                     f',"label_column":{encode_json(label_column)}')
            + ("" if text_column is None else f',"text_column":{encode_json(text_column)}')
            + ("" if data is None else f',"data":{encode_json(data)}')
            + ("" if data_version is None else f',"data_version":{encode_json(data_version)}')
            + ("" if target is None else f',"target":{target}'))
    ends = {False: tail + "}\n", True: tail + ',"new_label":true}\n'}
    pieces: list[Any] = [None] * (6 * n)
    pieces[0::6] = [f'{{"v":{JOURNAL_FORMAT},"seq":'] * n
    pieces[1::6] = map(str, range(seq, seq + n))
    pieces[2::6] = [heads[action] for action in actions] if len(heads) > 1 else [heads.popitem()[1]] * n
    pieces[3::6] = row_parts
    pieces[4::6] = [afters[label] for label in after] if len(afters) > 1 else [afters.popitem()[1]] * n
    pieces[5::6] = [ends[bool(new)] for new in new_label]
    try:
        return "".join(pieces).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not UTF-8: encode line by line") from None
