"""The journal's in-memory state: each row's current decision and the undo/redo stacks, as arrays.

Pure bookkeeping, no I/O: ``engine.corrections.Journal`` writes a line first and then changes
this state, and replay rebuilds it from the file by the same calls.

Columnar, so a 10,000-row group costs a few array assignments, not 10,000 objects: per row the
state holds the slot of the group of its current decision, the position in that group, the
action, the label code and the group id. A group keeps what its rows held before it was
applied (the same five arrays), so undo restores them with one assignment per array and redo
applies the group again. Groups undo last-in first-out, so that snapshot is exactly the state
undo must return to. A ``Decision`` object is built only when one row's decision is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.journal_format import ACTIONS, Decision

ACTION_INDEX = {action: index for index, action in enumerate(ACTIONS)}


class Group:
    """Decisions made by one key press (only those that apply to the current data).

    ``rows`` (int64), ``actions`` (int8 index into ``ACTIONS``) and ``after`` (int32 index into
    ``labels``, -1 for no label) are the columns; ``make(i)`` builds the i-th ``Decision``.
    ``Group.of(id, decisions)`` wraps a list of ready decisions (replay, single rows).
    """

    def __init__(self, id: int, rows: np.ndarray, actions: np.ndarray, after: np.ndarray,
                 labels: Sequence[str | None], kinds: set[str], make: Callable[[int], Decision]) -> None:
        self.id = id
        self.rows = np.asarray(rows, dtype=np.int64)
        self.actions = np.asarray(actions, dtype=np.int8)
        self.after = np.asarray(after, dtype=np.int32)
        self.labels = list(labels)
        self.kinds = kinds  # the issue types its decisions were made on
        self.make = make
        self.slot = -1  # set by DecisionState.push
        self.label_codes = np.empty(0, dtype=np.int32)  # ``after`` as the state's label codes
        self.before: tuple[np.ndarray, ...] = ()  # what its rows held when it was last applied
        self.blocking = False  # a skipped group: its rows hold no decision while it is in effect (``blocking``)

    @classmethod
    def of(cls, id: int, decisions: list[Decision]) -> Group:
        labels = list(dict.fromkeys(d.label_after for d in decisions if d.label_after is not None))
        index = {label: i for i, label in enumerate(labels)}
        return cls(id, np.array([d.row for d in decisions], dtype=np.int64),
                   np.array([ACTION_INDEX[d.action] for d in decisions], dtype=np.int8),
                   np.array([-1 if d.label_after is None else index[d.label_after] for d in decisions],
                            dtype=np.int32),
                   labels, {d.issue_type for d in decisions}, decisions.__getitem__)

    @classmethod
    def blocking_of(cls, id: int, decisions: list[Decision]) -> Group:
        """A group replay skipped (it no longer applies in full) on the rows it would have decided that
        held an earlier decision: while it is in effect they hold none. The earlier decision was the
        one the user replaced; handing the row back to it exported a label the user had overridden.
        Undo (its id, as the session that wrote it undid it) restores the earlier one."""
        group = cls.of(id, decisions)
        group.blocking = True
        return group

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def decisions(self) -> GroupDecisions:
        return GroupDecisions(self)


class GroupDecisions(Sequence):
    """A group's decisions as a read-only sequence, each built when read."""

    def __init__(self, group: Group) -> None:
        self._group = group

    def __len__(self) -> int:
        return len(self._group)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._group.make(i) for i in range(len(self._group))[index]]
        if index < 0:
            index += len(self._group)
        if not 0 <= index < len(self._group):
            raise IndexError("group decision index out of range")
        return self._group.make(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, GroupDecisions)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"GroupDecisions({list(self)!r})"


@dataclass
class Current:
    """Rows' current decisions as arrays: ``action`` (index into ``ACTIONS``), ``label`` (index
    into ``labels``, the label_after strings) and ``group`` (journal group id); -1 for none."""

    rows: np.ndarray
    action: np.ndarray
    label: np.ndarray
    group: np.ndarray
    labels: list[str]


class DecisionState:
    """Each row's current decision (as arrays) plus the groups that undo and redo step through."""

    def __init__(self, n_rows: int = 0) -> None:
        self.done: list[Group] = []
        self.undone: list[Group] = []
        self._groups: dict[int, Group] = {}  # slot -> group, for the groups current anywhere
        self._next_slot = 0
        self.slot = np.full(n_rows, -1, dtype=np.int64)
        self.pos = np.zeros(n_rows, dtype=np.int64)
        self.action = np.full(n_rows, -1, dtype=np.int8)  # index into ACTIONS, -1: no decision
        self.label = np.full(n_rows, -1, dtype=np.int32)  # index into self.labels, -1: none
        self.group = np.full(n_rows, -1, dtype=np.int64)  # journal group id of the current decision
        self.labels: list[str] = []  # every label_after seen, by code
        self._label_codes: dict[str, int] = {}

    def _arrays(self) -> tuple[np.ndarray, ...]:
        return self.slot, self.pos, self.action, self.label, self.group

    def _code(self, label: str) -> int:
        code = self._label_codes.get(label)
        if code is None:
            code = self._label_codes[label] = len(self.labels)
            self.labels.append(label)
        return code

    def _apply(self, group: Group) -> None:
        """Make ``group`` current on its rows, remembering what they held (rows are unique)."""
        rows = group.rows
        group.before = tuple(array[rows] for array in self._arrays())
        if group.blocking:  # no decision on its rows (see Group.blocking_of)
            self.slot[rows], self.pos[rows], self.action[rows], self.label[rows], self.group[rows] = -1, 0, -1, -1, -1
            return
        self.slot[rows] = group.slot
        self.pos[rows] = np.arange(len(rows))
        self.action[rows] = group.actions
        self.label[rows] = group.label_codes
        self.group[rows] = group.id
        self._groups[group.slot] = group

    def push(self, group: Group) -> None:
        """A new decision group: it becomes current and the redo stack is cleared."""
        group.slot, self._next_slot = self._next_slot, self._next_slot + 1
        codes = np.array([self._code(label) for label in group.labels] + [-1], dtype=np.int32)
        group.label_codes = codes[group.after]  # -1 indexes the trailing -1
        self._apply(group)
        self.done.append(group)
        for dropped in self.undone:  # never current again
            self._groups.pop(dropped.slot, None)
        self.undone.clear()

    def drop_empty(self) -> None:
        """Groups that apply to no row (all changed since) are no-ops for undo/redo."""
        while self.done and not len(self.done[-1]):
            self.done.pop()
        while self.undone and not len(self.undone[-1]):
            self.undone.pop()

    def forget_empty(self) -> None:
        """After replay: empty groups anywhere in the stacks are dropped."""
        self.done = [group for group in self.done if len(group)]
        self.undone = [group for group in self.undone if len(group)]

    def top(self, action: str) -> Group | None:
        """The group ``undo`` or ``redo`` would act on (None if there is none)."""
        self.drop_empty()
        stack = self.done if action == "undo" else self.undone
        return stack[-1] if stack else None

    def undo_top(self) -> list[int]:
        group = self.done.pop()
        for array, before in zip(self._arrays(), group.before):
            array[group.rows] = before
        self.undone.append(group)
        return group.rows.tolist()

    def redo_top(self) -> list[int]:
        group = self.undone.pop()
        self._apply(group)
        self.done.append(group)
        return group.rows.tolist()

    def step(self, action: str) -> list[int]:
        return self.undo_top() if action == "undo" else self.redo_top()

    def history(self, action: str, target: Any) -> bool:
        """Replay an undo or redo line naming group ``target`` (``history_index``'s rule, empty groups
        being the ones the session that wrote it stepped over); False where it does not pair up."""
        stack = self.done if action == "undo" else self.undone
        index = history_index(stack, target, _group_id, _is_empty)
        if index is None:
            return False
        del stack[index + 1:]  # empty: no-ops for undo and redo
        self.step(action)
        return True

    def replaced(self, entries: list[dict[str, Any]], rows: list[int | None]) -> dict[int, dict[str, Any]]:
        """The rows that a group replay skips (``entries``, each naming ``rows``' row, None for none) would have
        decided again and that hold a decision now, each with its line."""
        found: dict[int, dict[str, Any]] = {}
        for entry, row in zip(entries, rows):
            if row is not None and self.slot[row] >= 0:
                found.setdefault(row, entry)
        return found

    def decision(self, row: int) -> Decision | None:
        slot = int(self.slot[row])
        return None if slot < 0 else self._groups[slot].make(int(self.pos[row]))

    def decisions(self) -> dict[int, Decision]:
        return {row: self._groups[slot].make(pos) for row, slot, pos in self._current()}

    def _current(self) -> zip:
        rows = np.flatnonzero(self.slot >= 0)
        return zip(rows.tolist(), self.slot[rows].tolist(), self.pos[rows].tolist())

    def current(self, rows: Any = None) -> Current:
        rows = np.flatnonzero(self.slot >= 0) if rows is None else np.asarray(rows, dtype=np.int64)
        return Current(rows, self.action[rows], self.label[rows], self.group[rows], list(self.labels))

    def counts(self) -> dict[str, int]:
        tally = np.bincount(self.action[self.action >= 0], minlength=len(ACTIONS))
        return {action: int(tally[index]) for index, action in enumerate(ACTIONS)}


def history_index(stack: Sequence[Any], target: Any, key: Callable[[Any], Any],
                  skipped: Callable[[Any], bool]) -> int | None:
    """The one rule for an undo or redo line: where the group it names (``target``, as ``key`` reads a
    group) is in ``stack`` (the undo stack for an undo line, the redo stack for redo). The top, as a rule;
    below it only past groups that the session writing the line stepped over (``skipped``: they applied
    to no row there, so undo and redo never acted on them). None: the line does not pair up. Replay on the
    data (``DecisionState.history``) and on the lines' own rows (engine/journal_replay.excluded_rows) both
    step by it."""
    for index in range(len(stack) - 1, -1, -1):
        if key(stack[index]) == target:
            return index
        if not skipped(stack[index]):
            return None
    return None


def _group_id(group: Group) -> int:
    return group.id


def _is_empty(group: Group) -> bool:
    return not len(group)


def unique_rows(decisions: Sequence[Decision]) -> list[int]:
    return list(dict.fromkeys(decision.row for decision in decisions))
