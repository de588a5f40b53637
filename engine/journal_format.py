"""The journal's line format: encoding, parsing, timestamps and the replay problem report.

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
from typing import Any

from engine.errors import TextauditError
from engine.wording import agreeing, counted

_encode_str = json.encoder.encode_basestring  # json.dumps(str, ensure_ascii=False), the C one

ACTIONS = ("relabel", "exclude", "keep")
HISTORY_ACTIONS = ("undo", "redo")
JOURNAL_FORMAT = 1
_SHOWN_ROWS = 8


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


def rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (" ..." if len(rows) > _SHOWN_ROWS else "")


class ReplayProblems:
    """What replay could not apply, summarised into a few readable lines."""

    def __init__(self) -> None:
        self.invalid_lines: list[int] = []
        self.incomplete_groups: list[int] = []
        self.out_of_range: list[int] = []
        self.id_missing: list[object] = []  # decided with --id-column: ids no row has now
        self.text_changed: list[int] = []
        self.excluded_gone: list[int] = []  # exclusions whose text no row has (the row gone: an exported file)
        self.rows_gone: list[int] = []  # keeps and relabels whose text no row has, fewer rows now (journal_gone.py)
        self.bad_label: list[int] = []
        self.history_mismatch: list[int] = []
        self.label_changed: list[int] = []
        self.already_set: list[int] = []  # relabels whose row already has the label they set (an exported file)
        self.other_label_column: dict[str, list[int]] = {}  # made on another label column: its rows
        self.renamed_label_column: dict[str, list[int]] = {}  # made on a label column this data lacks (renamed)
        self.other_label_sep: dict[str, list[int]] = {}  # label sets read with another --label-sep: rows
        self.label_sep_absent = False  # ... and this run was given no --label-sep (single-label)
        self.made_single: list[int] = []  # made on single labels (no --label-sep), read as label sets now: rows
        self.other_text_column: dict[str, list[int]] = {}  # text changed, decided with another text column: rows
        self.ambiguous: list[int] = []
        self.other_cells: list[int] = []  # the one row with the text differs in its other columns
        self.twins_gone: list[int] = []  # an exclusion of one of identical rows, fewer of them left now
        self.kept_twins_gone: list[int] = []  # a keep of one of identical rows, fewer of them left now
        self.copy_unknown: list[int] = []  # one of identical rows, on other data: how many there are tells no copy
        self.id_shared: list[int] = []  # the decided row shared its id; the row with it here is another one
        self.id_columns: set[str] = set()  # id columns decisions were made with, other than this run's
        self.data_names: set[str] = set()  # data files decisions were made on, other than this run's
        self.data_name: str | None = None  # this run's
        self.columns_changed = False  # an ambiguous line's row_hash covered other columns than the data's
        self.moved: list[int] = []  # applied, to the row that now has the id (or the text)
        self.twin_taken: list[int] = []  # applied to the one identical copy left at another position (said)
        self.partial_groups: list[tuple[int, int, int]] = []  # (group, matching lines, size)
        self.replaced: list[int] = []  # rows a skipped group decided again: their earlier decision stays replaced
        self.torn_bytes = 0
        self.torn_group = 0

    def absorb(self, other: ReplayProblems) -> None:
        """Add ``other``'s per-decision findings (one group's, kept apart until replay knows
        whether that group is still in effect) to these."""
        for name in ("out_of_range", "id_missing", "text_changed", "excluded_gone", "rows_gone", "bad_label", "label_changed", "already_set", "ambiguous", "moved", "twin_taken",
                     "partial_groups", "other_cells", "twins_gone", "kept_twins_gone", "made_single", "replaced", "id_shared",
                     "copy_unknown"):
            getattr(self, name).extend(getattr(other, name))
        for column, rows in other.other_label_column.items():
            self.other_label_column.setdefault(column, []).extend(rows)
        for column, rows in other.renamed_label_column.items():
            self.renamed_label_column.setdefault(column, []).extend(rows)
        for sep, rows in other.other_label_sep.items():
            self.other_label_sep.setdefault(sep, []).extend(rows)
        for column, rows in other.other_text_column.items():
            self.other_text_column.setdefault(column, []).extend(rows)
        self.id_columns |= other.id_columns
        self.data_names |= other.data_names
        self.data_name = self.data_name or other.data_name
        self.columns_changed |= other.columns_changed
        self.label_sep_absent |= other.label_sep_absent

    @property
    def unapplied(self) -> int:
        """Decisions (journal lines) recorded but not applied to the current data."""
        return (len(self.text_changed) + len(self.excluded_gone) + len(self.rows_gone) + len(self.out_of_range) + len(self.id_missing) + len(self.bad_label)
                + len(self.label_changed) + len(self.already_set) + len(self.ambiguous) + len(self.other_cells)
                + len(self.twins_gone) + len(self.kept_twins_gone) + len(self.made_single) + len(self.id_shared)
                + len(self.copy_unknown)
                + sum(n for _, n, _ in self.partial_groups)
                + sum(map(len, self.other_label_column.values())) + sum(map(len, self.other_label_sep.values()))
                + sum(map(len, self.other_text_column.values())))

    def summary(self) -> str | None:
        """One clause for a summary line when part of the journal no longer applies, else None."""
        from engine.journal_summary import unapplied_clause

        return unapplied_clause(self)

    def lines(self, *, removed: bool) -> list[str]:
        done = "; removed it so the next decision starts on a fresh line" if removed else ""
        report = []
        if self.torn_bytes:
            report.append(f"ignored a torn last line ({self.torn_bytes} bytes without a newline: "
                          f"a write cut off by a crash){done}")
        if self.torn_group:
            report.append(f"ignored an incomplete last decision group ({counted(self.torn_group, 'line')}){done}")
        if self.invalid_lines:
            report.append(f"skipped {counted(len(self.invalid_lines), 'unreadable line')}: {rows_text(self.invalid_lines)}")
        if self.incomplete_groups:
            report.append(f"skipped {counted(len(self.incomplete_groups), 'incomplete decision group')}")
        if self.text_changed:
            report.append(f"{counted(len(self.text_changed), 'decision')} not applied: the row's text changed "
                          f"since (text_sha256 mismatch; rows {rows_text(self.text_changed)})")
        if self.excluded_gone:
            report.append(f"{counted(len(self.excluded_gone), 'exclusion')} not applied: the excluded row is gone, no "
                          "row has its text now (is this a file exported with this journal applied, which drops it? "
                          f"else its text was edited since; rows {rows_text(self.excluded_gone)})")
        if self.rows_gone:
            report.append(f"{counted(len(self.rows_gone), 'decision')} not applied: the decided row is gone, no row has "
                          "its text now and the data has fewer rows than when it was decided (deleted since? else its "
                          f"text was edited; rows {rows_text(self.rows_gone)})")
        for column, rows in self.other_text_column.items():
            report.append(f"{counted(len(rows), 'decision')} not applied: the row's text differs, and the decision was "
                          f"made with --text-column {column!r}, not this run's (rows {rows_text(rows)}); give "
                          f"--text-column {column!r}")
        if self.out_of_range:
            report.append(f"{counted(len(self.out_of_range), 'decision')} not applied: row not in the dataset "
                          f"(rows {rows_text(self.out_of_range)})")
        if self.id_missing:
            shown = ", ".join(repr(value) for value in self.id_missing[:_SHOWN_ROWS])
            more = " ..." if len(self.id_missing) > _SHOWN_ROWS else ""
            report.append(f"{counted(len(self.id_missing), 'decision')} not applied: no row of the dataset has "
                          f"{'the id it was' if len(self.id_missing) == 1 else 'the ids they were'} made on "
                          f"({'id' if len(self.id_missing) == 1 else 'ids'} {shown}{more})")
        if self.bad_label:
            report.append(f"{counted(len(self.bad_label), 'relabel')} not applied: the label is not a class of "
                          f"this dataset (rows {rows_text(self.bad_label)})")
        if self.label_changed:
            report.append(f"{counted(len(self.label_changed), 'decision')} not applied: the row's label changed since "
                          f"(label_before differs; rows {rows_text(self.label_changed)})")
        if self.already_set:
            report.append(f"{counted(len(self.already_set), 'relabel')} not applied: the row already has the label "
                          f"{'it sets' if len(self.already_set) == 1 else 'they set'} (is this a file exported "
                          f"with this journal applied? rows {rows_text(self.already_set)})")
        for column, rows in self.other_label_column.items():
            report.append(f"{counted(len(rows), 'decision')} not applied: made on the label column {column!r}, "
                          f"not this one (rows {rows_text(rows)})")
        for sep, rows in self.other_label_sep.items():
            this = "which this run was not given" if self.label_sep_absent else "not this one"
            report.append(f"{counted(len(rows), 'decision')} not applied: made with --label-sep {sep!r}, {this} "
                          f"(rows {rows_text(rows)}); give --label-sep {sep!r}")
        if self.made_single:
            report.append(f"{counted(len(self.made_single), 'decision')} not applied: made on single labels, "
                          f"without --label-sep, which this run was given (it reads each cell as a label set; rows "
                          f"{rows_text(self.made_single)}); leave out --label-sep")
        if self.ambiguous:
            report.append(f"{counted(len(self.ambiguous), 'decision')} not applied: "
                          f"{'its' if len(self.ambiguous) == 1 else 'their'} id or text now belongs to "
                          f"several rows, so which one was decided is unknown (rows {rows_text(self.ambiguous)})"
                          + ("; the data's columns changed since (one removed, renamed or moved), so the copies "
                             "cannot be told apart by their other columns; an --id-column (a value unique to each "
                             "row) matches rows by id" if self.columns_changed else ""))
        if self.other_cells:
            report.append(f"{counted(len(self.other_cells), 'decision')} not applied: the one row that has "
                          f"{'its' if len(self.other_cells) == 1 else 'their'} text now differs from the decided row "
                          "in its other columns (the decided row deleted and another with its text left, or a cell "
                          f"edited since; rows {rows_text(self.other_cells)}); an --id-column matches rows by id")
        if self.id_shared:
            report.append(f"{counted(len(self.id_shared), 'decision')} not applied: the decided row shared its id "
                          "with other rows, and the row here with that id and text differs from it in its other "
                          "columns (the decided row deleted, or dropped by the export made with these decisions, "
                          f"or a cell edited since; rows {rows_text(self.id_shared)})")
        if self.twins_gone:
            report.append(f"{counted(len(self.twins_gone), 'exclusion')} not applied: the excluded row had identical "
                          "copies and fewer of them are left now (the data is an export made with these decisions, "
                          "or a copy was deleted since): excluding a copy left could drop the text altogether "
                          f"(rows {rows_text(self.twins_gone)})")
        if self.kept_twins_gone:
            report.append(f"{counted(len(self.kept_twins_gone), 'keep')} not applied: the kept row had identical "
                          "copies and fewer of them are left now (the data is an export made with these decisions, or "
                          "the kept row changed since): a copy left may be another row, and would let the keep's group "
                          f"apply (rows {rows_text(self.kept_twins_gone)})")
        if self.copy_unknown:
            one = len(self.copy_unknown) == 1
            report.append(f"{counted(len(self.copy_unknown), 'decision')} not applied: {'it was' if one else 'each was'} "
                          "made on one of several identical rows (text and other columns alike) of another file, and "
                          "this data holds another number of them than that file less the copies these decisions "
                          "exclude, so which copy was decided is unknown (rows "
                          f"{rows_text(self.copy_unknown)}); an --id-column matches rows by id")
        if self.data_names and self.unapplied:  # a journal passed for another file, or the default one shared
            names = ", ".join(sorted(self.data_names))
            this = f" (this data: {self.data_name})" if self.data_name else ""
            report.append(f"the journal's decisions were made on {names}{this}: is it that file's journal?")
        if self.id_columns and self.unapplied:  # matched by text alone: a moved duplicate, an edited text
            names = " / ".join(sorted(self.id_columns))
            report.append(f"the journal's decisions were made with --id-column {names}: pass --id-column {names} "
                          "to match rows by id (this run matched them by text)")
        if self.partial_groups:
            lines = sum(n for _, n, _ in self.partial_groups)
            their = "its" if len(self.partial_groups) == 1 else "their"
            unapplied = (f"{their} one still-matching decision was not applied" if lines == 1 else
                         f"none of {their} {lines:,} still-matching decisions was applied")
            report.append(f"{counted(len(self.partial_groups), 'decision group')} matched only in part, so "
                          f"{unapplied} (a group applies all or nothing; "
                          f"groups {rows_text([g for g, _, _ in self.partial_groups])})")
        if self.replaced:
            one = len(self.replaced) == 1
            report.append(f"{counted(len(self.replaced), 'row')} {'holds' if one else 'hold'} no decision: a decision not "
                          f"applied (above) had replaced {'its' if one else 'their'} earlier one, which is not applied "
                          f"either (rows {rows_text(self.replaced)})")
        for column, rows in self.renamed_label_column.items():
            report.append(f"{counted(len(rows), 'decision')} {agreeing(len(rows), 'were')} made on the label column "
                          f"{column!r}, which this data lacks: taken as made on its label column, renamed since? "
                          f"(rows {rows_text(rows)})")
        if self.twin_taken:
            report.append(f"{counted(len(self.twin_taken), 'decision')} on one of several identical rows went to the one "
                          "copy left, at another position: right where the copies were deduplicated since; if the "
                          "decided row's text was edited instead, the decision is on its twin, not on it "
                          f"(rows {rows_text(self.twin_taken)})")
        if self.moved:
            report.append(f"{counted(len(self.moved), 'decision')} followed "
                          f"{'its' if len(self.moved) == 1 else 'their'} row to a new position (same id, or "
                          f"same text and other columns; rows {rows_text(self.moved)})")
        if self.history_mismatch:
            count = len(self.history_mismatch)
            report.append(f"skipped {counted(count, 'undo/redo line')} that {agreeing(count, 'do')} not match "
                          "the decisions before them")
        return report


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
            raise JournalError(f"journal {path} was written by a newer textaudit (format {entry['v']})")
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
