"""Replaying journal groups into the decision state: which group applies, in full or not at all.

``engine.corrections.Journal`` reads and frames the file (engine/journal_format.py); each group is
replayed here: its lines matched to rows (engine/journal_replay.RowMatcher), a relabel's label
checked (engine/journal_checks.py), the group pushed on the state (engine/journal_state.py), and
undo/redo lines stepped by the stacks' rule (``DecisionState.history``). What does not apply is
kept per group and reported only while that group is in effect.
"""

from __future__ import annotations

import copy
from typing import Any

from engine.journal_checks import DecisionChecks
from engine.journal_format import HISTORY_ACTIONS, Decision, decision_from_entry
from engine.journal_problems import ReplayProblems
from engine.journal_replay import RowMatcher
from engine.journal_state import DecisionState, Group
from engine.load import Dataset


class GroupReplay:
    """Replays framed groups of one journal into ``state`` (a tail's groups after the file's)."""

    def __init__(self, dataset: Dataset, state: DecisionState, matcher: RowMatcher, checks: DecisionChecks) -> None:
        self.dataset = dataset
        self.state = state
        self.matcher = matcher
        self.checks = checks
        self.found: dict[int, ReplayProblems] = {}  # per decision group: reported unless the user undid it
        self.undone: set[int] = set()
        self.base_problems = ReplayProblems()  # the file's and the history's findings; a tail adds to them
        self.stacks: tuple[list[Group], list[Group]] = ([], [])  # the stacks as replay left them, empty groups too

    def replay(self, groups: list[list[dict[str, Any]]], problems: ReplayProblems, *, keep: bool) -> ReplayProblems:
        """Replay ``groups``; the problems to report (``problems`` plus the groups in effect). ``keep``: a tail
        replays after this (read-only), so the groups' findings are added to a copy."""
        self.matcher.prepare_lines([entry for group in groups for entry in group])
        found, fresh = self.found, vars(ReplayProblems())
        for group in groups:
            self._replay_group(group, problems)
            if found.get(group[0]["group"]) is not None and vars(found[group[0]["group"]]) == fresh:
                del found[group[0]["group"]]  # nothing to report: every replay after this skips it
        self.base_problems = problems
        if keep:
            problems = copy.deepcopy(problems)
        # a group the user undid (and did not redo) is not a decision any more: that it no longer
        # matches the data is no news ("20,000 decisions NOT applied" after undoing them was)
        for group_id, group_problems in found.items():
            if group_id not in self.undone:
                problems.absorb(group_problems)
        # Groups that apply to no row (their rows changed since) are no-ops: later undo/redo
        # lines, written by this session, never target them. (A tail goes on from the stacks as
        # replay left them, as a whole replay would.)
        self.stacks = (self.state.done, self.state.undone)
        self.state.forget_empty()
        return problems

    def resume(self) -> None:
        """Before a tail: the stacks as the last replay left them (empty groups and all)."""
        self.state.done, self.state.undone = self.stacks

    def _replay_group(self, entries: list[dict[str, Any]], problems: ReplayProblems) -> None:
        action = entries[0]["action"]
        if action in HISTORY_ACTIONS:
            target = entries[0].get("target")
            if not self.state.history(action, target):
                problems.history_mismatch.append(entries[0]["group"])
                return
            (self.undone.add if action == "undo" else self.undone.discard)(target)
            return
        if any(entry["action"] in HISTORY_ACTIONS for entry in entries):  # an undo/redo line inside a decision
            problems.incomplete_groups.append(entries[0]["group"])  # group: a hand edit (it was exit 70, crash30)
            return
        group = entries[0]["group"]
        problems = self.found[group] = ReplayProblems()
        rows: list[int | None] = []
        twins: list[int | None] = []  # a refused line's row otherwise (gone twins, a label not a class now)
        entries = list(entries)
        for index, entry in enumerate(entries):
            label = self.checks.replay_label(entry) if entry["action"] == "relabel" else None
            if label is not None and label != entry["label_after"]:  # 'true' then: 'True' (a bool column)
                entry = entries[index] = {**entry, "label_after": label}
            row, twin = self.matcher.match(entry, problems)
            if row is not None and entry["action"] == "relabel" and label is None:
                problems.bad_label.append(entry["row"])
                twin, row = row, None  # its earlier decision stays replaced too (the class gone since)
            rows.append(row)
            twins.append(twin)
        matched = [row for row in rows if row is not None]
        if len(matched) < len(entries) or len(set(matched)) < len(matched):
            # all or nothing: half a near-duplicate decision is not what the user decided
            if matched and len(entries) > 1:
                problems.partial_groups.append((group, len(matched), len(entries)))
            # kept (empty) so later undo/redo lines still pair up; where it replaced a row's earlier
            # decision, that one stays replaced: the row holds none (it took the overridden label back)
            replaced = self.state.replaced(entries, [row if row is not None else twin for row, twin in zip(rows, twins)])
            problems.replaced.extend(entry["row"] for entry in replaced.values())
            problems.twin_taken.clear()  # not applied after all
            self.state.push(Group.blocking_of(group, [self.decision({**e, "row": r}) for r, e in replaced.items()]))
            return
        taken = set(problems.twin_taken)  # said as such, not as 'followed its row'
        problems.moved.extend(entry["row"] for entry, row in zip(entries, rows) if row != entry["row"]
                              and entry["row"] not in taken)
        self.state.push(Group.of(group, [self.decision({**entry, "row": row}) for entry, row in zip(entries, rows)]))

    def decision(self, entry: dict[str, Any]) -> Decision:
        """The decision ``entry`` records on its row of this data."""
        return decision_from_entry(entry, self.dataset.label_display(entry["row"]))
