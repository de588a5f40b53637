"""The journal's in-memory state: each row's decision history and the undo/redo stacks.

Pure bookkeeping, no I/O: ``engine.corrections.Journal`` writes a line first and then changes
this state, and replay rebuilds it from the file by the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.journal_format import ACTIONS, Decision


@dataclass
class Group:
    """Decisions made by one key press (only those that apply to the current data)."""

    id: int
    decisions: list[Decision]


class DecisionState:
    """Per-row decision stacks plus the groups that undo and redo step through."""

    def __init__(self) -> None:
        self.history: dict[int, list[Decision]] = {}
        self.done: list[Group] = []
        self.undone: list[Group] = []

    def push(self, group: Group) -> None:
        """A new decision group: it becomes current and the redo stack is cleared."""
        for decision in group.decisions:
            self.history.setdefault(decision.row, []).append(decision)
        self.done.append(group)
        self.undone.clear()

    def drop_empty(self) -> None:
        """Groups that apply to no row (all changed since) are no-ops for undo/redo."""
        while self.done and not self.done[-1].decisions:
            self.done.pop()
        while self.undone and not self.undone[-1].decisions:
            self.undone.pop()

    def forget_empty(self) -> None:
        """After replay: empty groups anywhere in the stacks are dropped."""
        self.done = [group for group in self.done if group.decisions]
        self.undone = [group for group in self.undone if group.decisions]

    def top(self, action: str) -> Group | None:
        """The group ``undo`` or ``redo`` would act on (None if there is none)."""
        self.drop_empty()
        stack = self.done if action == "undo" else self.undone
        return stack[-1] if stack else None

    def undo_top(self) -> list[int]:
        group = self.done.pop()
        for decision in reversed(group.decisions):
            stack = self.history[decision.row]
            stack.pop()
            if not stack:
                del self.history[decision.row]
        self.undone.append(group)
        return unique_rows(group.decisions)

    def redo_top(self) -> list[int]:
        group = self.undone.pop()
        for decision in group.decisions:
            self.history.setdefault(decision.row, []).append(decision)
        self.done.append(group)
        return unique_rows(group.decisions)

    def step(self, action: str) -> list[int]:
        return self.undo_top() if action == "undo" else self.redo_top()

    def decision(self, row: int) -> Decision | None:
        stack = self.history.get(row)
        return stack[-1] if stack else None

    def decisions(self) -> dict[int, Decision]:
        return {row: stack[-1] for row, stack in self.history.items()}

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for stack in self.history.values():
            counts[stack[-1].action] += 1
        return counts


def unique_rows(decisions: list[Decision]) -> list[int]:
    return list(dict.fromkeys(decision.row for decision in decisions))
