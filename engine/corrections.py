"""The corrections journal: every decision is one JSON line, appended, flushed and fsynced.

The file is append-only. Undo and redo are new lines that name the group they undo or redo, so
replaying the file from the top rebuilds the exact state, including the redo stack. A group is
what one key press decided (one row, or a whole near-duplicate set); it is written with one
``write`` and one ``fsync``, and undone as a whole.

Crash safety: ``record`` returns only after the line is on disk. A line cut off by a crash or a
full disk has no trailing newline (a whole entry without one, an editor's save, is read as a
line); on load it is reported and ignored, and a writable open truncates it away so the next
append starts on a fresh line (the torn bytes were never acknowledged to the user, so nothing
they saw as saved is removed). Whole lines in that tail (a group that lost a line to a hand edit)
are first saved to ``<stem>.cut-<UTC time>.jsonl`` beside it; where they cannot be, the tail stays.
A failed append is rolled back with ``ftruncate`` at once; if even that fails, the next append
starts with a newline.

One writer at a time: a ``filelock`` lock file ``<journal>.lock`` (``flock``, released by the
kernel if the process dies). A second writer gets ``JournalLocked``; readers need no lock.

Where each part lives: the lock, reads and durable appends in engine/journal_file.py (where the file held
stands now, moved or replaced, in engine/journal_at_path.py); the line
format and how lines frame groups in engine/journal_format.py; what a decision's lines hold in
engine/journal_lines.py; which row a line still names in engine/journal_replay.py; how groups replay
into the state in engine/journal_replayer.py; undo/redo state in engine/journal_state.py; which
decisions are valid in engine/journal_checks.py; a read-only journal following another writer and taking over in
engine/journal_follower.py. ``Journal`` here decides what is recorded, and when.
"""

from __future__ import annotations

import os  # noqa: F401 - tests reach os.fsync as engine.corrections.os.fsync
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engine.big_ints import any_size_ints
from engine.errors import UsageError
from engine.journal_format import (  # noqa: F401 - ACTIONS, JOURNAL_FORMAT, JournalError, json_scalar, utc_now: API
    ACTIONS,
    JOURNAL_FORMAT,
    Decision,
    JournalError,
    encode_line,
    frame_groups,
    json_scalar,
    utc_now,
)
from engine.journal_checks import DecisionChecks
from engine.journal_file import JournalFile, JournalLocked, JournalReadOnly, JournalWriteError, data_path  # noqa: F401 - API
from engine.journal_lines import LineMaker, as_row, fast_decision
from engine.journal_problems import ReplayProblems, rows_text  # noqa: F401 - rows_text: API
from engine.journal_replay import RowMatcher
from engine.journal_replayer import GroupReplay
from engine.journal_rows import RowParts
from engine.journal_state import ACTION_INDEX, Current, DecisionState, Group
from engine.journal_follower import JournalFollower
from engine.journal_tail import replay_point
from engine.journal_path import JournalPathError, check_journal_path  # noqa: F401 - API
from engine.load import Dataset
from engine.paths import shell_word


#: A writable open whose journal is renamed over between its lock and its read opens again this many times at most.
OPEN_TRIES = 3


class Journal(JournalFollower):
    """An open corrections journal for one dataset. Use ``Journal.open``; close it when done."""

    def __init__(self, path: Path, dataset: Dataset, read_only: bool) -> None:
        self.path = path
        self.dataset = dataset
        self.read_only = read_only
        self.load_report: list[str] = []
        self._file = JournalFile(path)
        self._mutex = threading.Lock()
        self._state = DecisionState(len(dataset))
        self._next_seq = 1
        self._checks = DecisionChecks(dataset)  # what a decision may hold (engine/journal_checks.py)
        self._names = dataset.class_names
        self._class_names = self._checks.class_names
        self._class_index = {name: code for code, name in enumerate(self._names)}
        self._rows = RowParts(dataset)  # each row's line part, filled as rows are decided
        self._lines = LineMaker(dataset, self._rows)  # what a decision's lines hold (engine/journal_lines.py)
        matcher = RowMatcher(dataset, self._rows.row_prints, self._rows)  # row_hash, text_copies computed once for both
        self._replay = GroupReplay(dataset, self._state, matcher, self._checks)  # engine/journal_replayer.py
        self._problems = ReplayProblems()

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    @any_size_ints()  # an id of over 4,300 digits: its lines written and read (bigint40)
    def open(cls, path: Path | str, dataset: Dataset, *, read_only: bool = False, held: JournalFile | None = None
             ) -> Journal:
        """Open (or create) the journal at ``path`` and replay it against ``dataset``. ``held``: the journal's
        file, locked already (``hand_over``'s, where only a whole replay tells the state); closed on failure.
        A writer replays the file it locked, read through the lock's descriptor: the file it appends to. Where the
        path names another file once read (renamed over between the lock and the read), it opens again, a few
        times at most (``OPEN_TRIES``; with ``held``, the lock kept: ``JournalFile.reopen``); then it shows the file
        it holds, whose first append refuses (``JournalFile.append``: not the journal at the path)."""
        for tries_left in range(OPEN_TRIES - 1, -1, -1):
            journal = cls(Path(path).expanduser(), dataset, read_only)
            try:
                check_journal_path(journal.path, dataset.source, read_only=read_only)  # a link, the data file, ...
                if held is not None:
                    journal._file = held
                elif not read_only:
                    journal._file.lock(data_path(dataset.source))
                journal._load()
                if not read_only and tries_left and not journal.still_at_path():  # renamed over since the lock:
                    if held is None:  # open the one there now
                        journal.close()
                    else:  # a takeover's lock, kept: held, the moved file refused every append until a restart
                        held.reopen()
                    continue
                if not read_only:
                    journal.prepare_writes()
            except BaseException:
                if held is not None:
                    held.close()
                journal.close()
                raise
            return journal
        raise AssertionError("unreachable: the last try returns")

    @any_size_ints()
    def prepare_writes(self) -> None:
        """What every line written needs, computed before the first key (``open`` and ``hand_over`` run in the
        app's worker): the data's repeated texts (each line's text_copies: the first key took 0.2 s at 1M rows),
        id_copies (0.5 s at 1M rows with an --id-column) and data_version (a hash of the texts). Caches of the
        data, which never changes: no state of the journal."""
        self._rows.text_copies(())
        self._rows.id_copies(())
        self._rows.data_version()

    def close(self) -> None:
        """Close the file and release the lock (idempotent)."""
        self._file.close()

    def still_at_path(self) -> bool:
        """The journal this writer appends to is still the file at ``path`` (see JournalFile)."""
        return self._file.still_at_path()

    def at_path(self) -> Any:
        """What the file now at ``path`` holds of the one this writer wrote (``JournalFile.at_path``)."""
        return self._file.at_path()

    @any_size_ints()
    def rescue(self) -> Any:
        """``at_path``, the held file's bytes saved beside the journal where it was deleted and the path lacks them."""
        return self._file.rescue()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- replay
    def _load(self) -> None:
        """Replay the file: a writer's through its lock's descriptor (the file it appends to, whatever the path
        names now), a reader's by its path. A writer's file no longer the one at the path keeps its torn end:
        nothing is appended to it."""
        problems = ReplayProblems()
        held = self._file.is_open
        data, file_id = self._file.read_held() if held else self._file.read_identified()
        framed = frame_groups(data, problems, self.path)
        self._next_seq = framed.next_seq
        from engine.class_label_new import named_by_class_label

        self._replay_groups(named_by_class_label(framed.groups, self.dataset), problems)  # hf:NAME once showed ints
        if framed.good_end < len(data) and not self.read_only:
            if self._file.still_at_path():  # its whole lines saved first (a hand edit's), else kept: tail_cut
                cut = self._file.cut_tail(framed.good_end)
                self.load_report = self._problems.lines(removed=not cut.kept, cut=cut)
            else:
                self.load_report = self._problems.lines(removed=False)
        self._point = replay_point(data, framed.good_end, framed.next_seq, file_id) if self.read_only else None
        self.file_id = file_id  # (device, inode) of the file replayed: a reader's app says when another replaces it

    def _replay_groups(self, groups: list[list[dict[str, Any]]], problems: ReplayProblems) -> None:
        problems = self._replay.replay(groups, problems, keep=self.read_only)  # a tail replays after a read-only one
        self.load_report = problems.lines(removed=not self.read_only)
        self._problems = problems

    @property
    def unapplied(self) -> int:
        """Journal decisions that no longer match the data and were skipped (see load_report)."""
        return self._problems.unapplied

    def unapplied_summary(self) -> str | None:
        """A clause for a one-line summary when part of the journal was skipped, else None."""
        return self._problems.summary()

    # ----------------------------------------------------------------- public API
    def record(self, action: str, row: int, *, label_after: str | None = None, issue_type: str,
               suggested_label: str | None = None, allow_new_label: bool = False) -> Decision:
        """Save one decision (on disk before returning) and make it the row's current one."""
        return self.record_group([(action, row, label_after)], issue_type=issue_type,
                                 suggested_label=suggested_label, allow_new_label=allow_new_label)[0]

    @any_size_ints()
    def record_group(self, entries: list[tuple[str, int, str | None]], *, issue_type: str,
                     suggested_label: str | None = None, allow_new_label: bool = False) -> Sequence[Decision]:
        """Save several decisions from one key press as one group; one undo undoes them all.

        ``entries`` are ``(action, row, label_after)``; ``label_after`` only for relabel.
        A label that is not an existing class needs ``allow_new_label=True``.
        """
        self._check_writable()
        if not entries:
            return []
        entries = [(action, as_row(row), label_after) for action, row, label_after in entries]
        rows = [row for _, row, _ in entries]
        if len(set(rows)) != len(rows):
            raise UsageError("a decision group names the same row twice")
        self._checks.validate_group(entries, allow_new_label)
        # a relabel to the row's own label changes nothing: it is a keep (as the app records it)
        given = self._checks.is_given
        entries = [("keep", row, None) if action == "relabel" and given(row, label) else (action, row, label)
                   for action, row, label in entries]
        if not self.dataset.is_multilabel and len(entries) > 1:
            labels = list(dict.fromkeys(label for action, _, label in entries if action == "relabel"))
            index = {label: code for code, label in enumerate(labels)}
            group = self._write_columns(
                np.array(rows, dtype=np.int64), np.array([ACTION_INDEX[a] for a, _, _ in entries], dtype=np.int8),
                np.array([index[label] if a == "relabel" else -1 for a, _, label in entries], dtype=np.int32),
                labels, issue_type, suggested_label)
            return group.decisions
        with self._mutex:
            group_id = self._next_seq
            ts = utc_now()
            lines, decisions = [], []
            self._rows.prints(rows)  # every row's row_hash in one pass, not one per line
            for offset, (action, row, label_after) in enumerate(entries):
                entry = self._entry(group_id + offset, group_id, len(entries), ts, action, row,
                                    issue_type, label_after=label_after, suggested_label=suggested_label)
                if action == "relabel" and label_after not in self._class_names and not self.dataset.is_multilabel:
                    entry["new_label"] = True
                lines.append(entry)
                decisions.append(self._replay.decision(entry))
            self._append(lines)
            self._state.push(Group.of(group_id, decisions))
            return decisions

    @any_size_ints()
    def record_columns(self, rows: Any, actions: Any, after: Any, labels: Sequence[str], *, issue_type: str,
                       suggested_label: str | None = None, allow_new_label: bool = False) -> Group | None:
        """``record_group`` for a bulk decision given as arrays, without per-row Python objects.

        ``rows``; ``actions``: indices into ``ACTIONS``; ``after``: indices into ``labels`` (the
        label_after strings), -1 where the action is not relabel. Same checks, same bytes on
        disk (one write, one fsync before returning), same undo step. Returns the group written
        (None for no rows); its ``decisions`` are built only when read.
        """
        self._check_writable()
        rows, actions, after = np.asarray(rows), np.asarray(actions), np.asarray(after)
        labels = list(labels)
        if not len(rows):
            return None
        shaped = (rows.ndim == actions.ndim == after.ndim == 1 and len(rows) == len(actions) == len(after)
                  and all(a.dtype.kind in "iu" for a in (rows, actions, after)))
        ok = (shaped and not self.dataset.is_multilabel and len(rows) > 1
              and 0 <= rows.min() and rows.max() < len(self.dataset)
              and 0 <= actions.min() and actions.max() < len(ACTIONS)
              and -1 <= after.min() and after.max() < len(labels)
              and bool(np.array_equal(actions == ACTION_INDEX["relabel"], after >= 0)))
        if not ok:  # anything unusual: the per-entry path and its messages
            if not shaped:
                raise UsageError("rows, actions and labels must be integer arrays of one length")
            entries = [(ACTIONS[a] if 0 <= a < len(ACTIONS) else str(a), row,
                        labels[c] if 0 <= c < len(labels) else None)
                       for a, row, c in zip(actions.tolist(), rows.tolist(), after.tolist())]
            self.record_group(entries, issue_type=issue_type, suggested_label=suggested_label,
                              allow_new_label=allow_new_label)
            return self._state.done[-1]
        rows = rows.astype(np.int64, copy=False)
        if len(np.unique(rows)) != len(rows):
            raise UsageError("a decision group names the same row twice")
        pairs = np.unique(actions.astype(np.int64) * (len(labels) + 1) + after + 1)
        for pair in pairs.tolist():  # the label checks depend on (action, label) only
            action, code = divmod(pair, len(labels) + 1)
            self._checks.validate(ACTIONS[action], int(rows[0]), labels[code - 1] if code else None, allow_new_label)
        codes = np.array([self._class_index.get(label, -1) for label in labels] + [-2])[after]  # -1: not a class
        same = (actions == ACTION_INDEX["relabel"]) & (codes == self.dataset.labels[rows])
        if same.any():  # a relabel to the row's own label is a keep, as in record_group
            actions, after = np.where(same, ACTION_INDEX["keep"], actions), np.where(same, -1, after)
        return self._write_columns(rows, actions.astype(np.int8), after.astype(np.int32), labels, issue_type,
                                   suggested_label)

    @any_size_ints()
    def prepare_rows(self, rows: Any) -> None:
        """Compute the rows' fixed line parts (text hash, id) now, e.g. while a bulk dialog is
        open, so the decision's key press only writes. Optional: writing computes what is missing."""
        if not self.dataset.is_multilabel:
            self._rows.parts(np.asarray(rows, dtype=np.int64))

    def _write_columns(self, rows: np.ndarray, actions: np.ndarray, after: np.ndarray, labels: list[str],
                       issue_type: str, suggested_label: str | None) -> Group:
        """A checked single-label group's lines in one pass (``encode_group``: the bytes ``_entry``
        + ``encode_line`` write), one write + fsync, then the group pushed as columns."""
        with self._mutex:
            group_id, ts = self._next_seq, utc_now()
            before_codes = self.dataset.labels[rows]
            texts = np.array([*labels, None], dtype=object)[after]  # -1: the trailing None
            fresh = np.array([label not in self._class_names for label in labels] + [False])[after]
            action_names = np.array(ACTIONS, dtype=object)[actions]
            payload = self._lines.group_bytes(seq=group_id, ts=ts, actions=action_names, rows=rows, after=texts,
                                              issue_type=issue_type, suggested_label=suggested_label, new_label=fresh)
            self._file.append(payload)
            self._next_seq += len(rows)
            names, kind = self._rows.before_names, str(issue_type or "")

            def make(i: int) -> Decision:
                return fast_decision(int(rows[i]), action_names[i], texts[i], kind, ts, names[before_codes[i]],
                                 suggested_label, group_id)

            group = Group(group_id, rows, actions, after, labels, {kind}, make)
            self._state.push(group)
            return group

    def undo(self) -> list[int]:
        """Undo the last decision group; the rows whose decision changed ([] if nothing to undo)."""
        return self._history_step("undo")

    def redo(self) -> list[int]:
        """Redo the last undone group; the rows whose decision changed ([] if nothing to redo)."""
        return self._history_step("redo")

    @any_size_ints()
    def _history_step(self, action: str) -> list[int]:
        self._check_writable()
        with self._mutex:
            target = self._state.top(action)
            if target is None:
                return []
            group_id, ts = self._next_seq, utc_now()
            if not self.dataset.is_multilabel and len(target) > 1 and len(target.kinds) == 1:
                rows = target.rows
                self._file.append(self._lines.group_bytes(
                    seq=group_id, ts=ts, actions=[action] * len(rows), rows=rows, after=[None] * len(rows),
                    issue_type=next(iter(target.kinds)), suggested_label=None, new_label=[False] * len(rows),
                    target=target.id))
                self._next_seq += len(rows)
                return self._state.step(action)
            self._rows.prints([decision.row for decision in target.decisions])  # in one pass
            lines = [
                self._entry(group_id + offset, group_id, len(target.decisions), ts, action,
                            decision.row, decision.issue_type, target=target.id)
                for offset, decision in enumerate(target.decisions)
            ]
            self._append(lines)
            return self._state.step(action)

    def undo_rows(self) -> list[int]:
        """The rows ``undo`` would act on: the newest group in effect (a skipped one's too), [] if none."""
        top = next((group for group in reversed(self._state.done) if len(group)), None)
        return [] if top is None else top.rows.tolist()

    def skipped_top(self) -> Decision | None:
        """A decision of the group undo acts on next where replay skipped it (its rows hold none), else None."""
        top = self._state.top("undo")
        return top.decisions[0] if top is not None and top.blocking else None

    @property
    def next_seq(self) -> int:
        """The seq the next line written gets: lines written after a reader's replay are its next_seq on."""
        return self._next_seq

    @property
    def can_undo(self) -> bool:
        return bool(self._state.done)

    @property
    def can_redo(self) -> bool:
        return bool(self._state.undone)

    def decision(self, row: int) -> Decision | None:
        """The row's current decision, or None if it has none."""
        return self._state.decision(row)

    def decisions(self) -> dict[int, Decision]:
        """Every row's current decision, by row."""
        return self._state.decisions()

    def current(self, rows: Any = None) -> Current:
        """The current decisions of ``rows`` (None: every decided row) as arrays, no objects."""
        return self._state.current(rows)

    def counts(self) -> dict[str, int]:
        """How many rows currently have each decision."""
        return self._state.counts()

    # ----------------------------------------------------------------- writing
    def _check_writable(self) -> None:
        if self.read_only:
            raise JournalReadOnly(f"journal {shell_word(str(self.path))} is open read-only; the decision was not saved")
        if not self._file.is_open:
            raise JournalWriteError(f"journal {shell_word(str(self.path))} is closed; the decision was not saved")

    def _entry(self, seq: int, group: int, size: int, ts: str, action: str, row: int, issue_type: str,
               **fields: Any) -> dict[str, Any]:
        return self._lines.entry(seq, group, size, ts, action, row, issue_type, **fields)

    def _append(self, entries: list[dict[str, Any]]) -> None:
        """Write the lines durably (one write, one fsync) or raise JournalWriteError, nothing written."""
        self._file.append(b"".join(encode_line(entry) for entry in entries))
        self._next_seq += len(entries)

