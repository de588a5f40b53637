"""Undo and redo of a ``DecisionBook`` (a mixin of it): the journal's newest group taken back or done again,
and the ``Step`` that says which group, where and from when, as the undo/redo notice words it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np


def step_words(described: str) -> str:
    """A decision column's text as an undo/redo notice says it: 'relabel → X' (the column's bare
    '→ X' read 'undone: 2 → X on 2 rows', walk36), '✗ excluded' and '✓ kept' as they are."""
    return f"relabel {described}" if described.startswith("→") else described


@dataclass
class Step:
    """The decision group an undo or redo acted on, as the user should hear about it."""

    rows: list[int]
    issue_type: str  # the screen it was decided on
    what: str  # e.g. 'relabel → X', '✗ excluded', or '2 ✗ excluded, 1 ✓ kept' for a near-duplicate set
    earlier: bool  # decided in an earlier session of the app
    skipped: bool = False  # a group replay skipped (engine/journal_state.Group.blocking_of): its rows held none


@dataclass
class Outcome:
    """What a journal call did: the rows it changed, or an error message (nothing changed)."""

    rows: list[int]
    error: str | None = None
    step: Step | None = None  # undo/redo: which group, where and from when


class BookHistory:
    """``undo``, ``redo`` and the ``Step`` they took, for ``DecisionBook``."""

    journal: Any
    classes: list[Any]
    codes: Any
    labels: Any
    describe_set: Any
    session_start: str
    steps_this_session: int
    _guard: Callable[[], str | None]
    _refresh: Callable[[Any], None]
    describe: Callable[[int, list[str]], str]

    def undo(self, class_names: list[str] | None = None) -> Outcome:
        """Undo the latest decision group, whichever screen or session made it (``step`` says)."""
        step = self.undo_step(class_names or [str(c) for c in self.classes])
        outcome = self._history("undo")
        if outcome.rows:
            outcome.step = step
        return outcome

    def redo(self, class_names: list[str] | None = None) -> Outcome:
        outcome = self._history("redo")
        if outcome.rows:
            outcome.step = self._step(outcome.rows, class_names or [str(c) for c in self.classes])
        return outcome

    def undo_step(self, class_names: list[str]) -> Step | None:
        """What ``undo`` would take back: the group of the newest current decision.

        The journal's newest group in effect: the highest group id among the current decisions, or a
        group replay skipped, whose rows hold none (engine/journal_state.Group.blocking_of).
        """
        rows = self.journal.undo_rows() if self.journal is not None else []
        return self._step(rows, class_names) if rows else None

    def _step(self, rows: list[int], class_names: list[str]) -> Step:
        decision = self.journal.decision(rows[0]) if self.journal is not None else None
        skipped = None if decision is not None else getattr(self.journal, "skipped_top", lambda: None)()
        if len(rows) == 1:
            what = step_words(self.describe(rows[0], class_names))
        else:
            kinds: dict[str, int] = {}
            if self.describe_set is None:  # the text depends on (code, label) only: one per kind
                picked = np.asarray(rows, dtype=np.int64)
                keys = self.codes[picked].astype(np.int64) * (len(self.classes) + 2) + self.labels[picked] + 1
                _, first, counts = np.unique(keys, return_index=True, return_counts=True)
                order = np.argsort(first)  # kinds in the order their first row comes
                for index, count in zip(first[order].tolist(), counts[order].tolist()):
                    kinds[self.describe(rows[index], class_names)] = count
            else:
                for row in rows:
                    text = self.describe(row, class_names)
                    kinds[text] = kinds.get(text, 0) + 1
            # one kind: its words alone ('on 2 rows' counts them; '2 → X on 2 rows' read as a label '2')
            what = (step_words(next(iter(kinds))) if len(kinds) == 1
                    else ", ".join(f"{count:,} {step_words(text)}" for text, count in kinds.items()))
        decision = decision or skipped  # a group replay skipped: its rows hold none, it names the screen
        issue_type = str(getattr(decision, "issue_type", "") or "")
        earlier = bool(decision is not None and str(decision.ts) < self.session_start)
        return Step([int(r) for r in rows], issue_type, what or "no decision", earlier, skipped is not None)

    def _history(self, which: str) -> Outcome:
        if (problem := self._guard()) is not None:
            return Outcome([], problem.replace("decision", which, 1))  # 'undo NOT saved: ...', the reason as said
        from engine.corrections import JournalWriteError

        try:
            rows = [int(r) for r in getattr(self.journal, which)()]
        except JournalWriteError as exc:  # its message says "the decision was NOT saved: …"
            prefix = "the decision was NOT saved"
            text = str(exc)
            if text.startswith(prefix):
                return Outcome([], f"the {which} was NOT saved{text[len(prefix):]}")
            return Outcome([], f"{which} NOT saved: {text}")
        self._refresh(rows)
        if rows:
            self.steps_this_session += 1
        return Outcome(rows)
