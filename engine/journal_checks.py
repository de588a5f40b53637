"""Which decisions a journal accepts for its dataset: a known action, a row of the dataset, and for
a relabel a label it can hold (an existing class; a new one only when allowed and of the label
column's type; a set of known labels where multi-label). engine/corrections.py writes what passes."""

from __future__ import annotations

from typing import Any

from engine.errors import UsageError
from engine.journal_format import ACTIONS
from engine.label_values import label_name, label_value, parses_as_set
from engine.load import Dataset


class DecisionChecks:
    """One dataset's checks of a decision, made before a journal writes it or replays it."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.names = dataset.class_names
        self.class_names = set(self.names)

    def label_ok(self, entry: dict[str, Any]) -> bool:
        """A replayed relabel line's label is one this dataset can still hold."""
        label = entry.get("label_after")
        if not isinstance(label, str):
            return False
        if self.dataset.is_multilabel:  # a label set: every label a label of this dataset
            return parses_as_set(label, self.names)
        if label in self.class_names:
            return True
        if not entry.get("new_label"):
            return False
        try:  # the checks a new label passes when it is made ('', '01' beside 1, '1_0' in an int column)
            self._check_label(label, allow_new_label=True)
        except UsageError:
            return False
        return True

    def replay_label(self, entry: dict[str, Any]) -> str | None:
        """The label a replayed relabel line sets: its ``label_after`` where this dataset can hold it (``label_ok``),
        else, for a new label written before the class-by-value checks (sessions 24-26: 'true' in a boolean
        column, '4.5' in a decimal one), the class it is by value ('True', '4.50'): the label the user meant.
        None: none of these."""
        if self.label_ok(entry):
            return entry["label_after"]
        label = entry.get("label_after")
        if self.dataset.is_multilabel or not entry.get("new_label") or not isinstance(label, str) or not label.strip():
            return None
        try:
            value = label_value(self.dataset, label)
        except (UsageError, ValueError, ArithmeticError):
            return None
        return self._same_class(value)  # a value that is no class stays refused ('1_0' is not taken as 10)

    def _same_class(self, value: Any) -> str | None:
        """The class whose value ``value`` is (a decimal class '2.50' for Decimal('2.5'), the bool True for
        'true'; a binary column's b'a' typed b'\\x61'), else None."""
        originals = self.dataset.label_originals  # a decimal column's classes: '2.50' for Decimal('2.50')
        same = next((name for name, c in zip(self.dataset.class_names, self.dataset.classes)
                     if (type(c) is type(value) and c == value) or (
                         not isinstance(c, type(value)) and type(originals.get(c)) is type(value)
                         and originals.get(c) == value)), None)
        if isinstance(value, bytes) and (named := label_name(self.dataset, value)) in self.class_names:
            same = named
        return same

    def is_given(self, row: int, label: Any) -> bool:
        """``label`` (a relabel's label_after, already validated) is the row's own label or set."""
        if not self.dataset.is_multilabel:
            return label == self.dataset.label_display(row)
        from engine.multilabel import parse_display

        return set(parse_display(label, self.names)) == set(self.dataset.label_sets[row])

    def validate(self, action: str, row: int, label_after: str | None, allow_new_label: bool) -> None:
        """Raise UsageError unless the decision names an action, a row of the dataset and, for a
        relabel, a label of it (a new class only with ``allow_new_label``, of the column's type)."""
        if action not in ACTIONS:
            raise UsageError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
        if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(self.dataset):
            raise UsageError(f"row {row!r} is not in the dataset (0..{len(self.dataset) - 1})")
        if action != "relabel":
            if label_after is not None:
                raise UsageError(f"{action} takes no label_after")
            return
        self._check_label(label_after, allow_new_label)

    def _check_label(self, label_after: Any, allow_new_label: bool) -> None:
        """Raise UsageError unless ``label_after`` is a label this dataset can hold (see validate)."""
        if not isinstance(label_after, str) or not label_after.strip():
            raise UsageError("relabel needs a non-empty label_after")
        if self.dataset.is_multilabel:  # the set's canonical string (engine/multilabel.py)
            from engine.multilabel import parse_display

            parse_display(label_after, self.names)  # raises for an unknown label
            return
        if label_after not in self.class_names:
            if not allow_new_label:
                raise UsageError(f"{label_after!r} is not an existing class; pass allow_new_label=True to add it")
            value = label_value(self.dataset, label_after)  # raises if it cannot be a label of this type
            same = self._same_class(value)
            if same is not None:  # '01', ' 2', '+1' for int labels: a 'new' class the export wrote as 1
                raise UsageError(f"{label_after!r} is the class {same!r} written another way; relabel to {same!r}")
            if not isinstance(value, str) and label_name(self.dataset, value) != label_after:
                # '1_0', ' 7', '8' in a float column: a new class the app names as typed, written as 10, 7, 8.0
                # (so '10' and '1_0' became one)
                raise UsageError(f"{label_after!r} would be written as {value}; relabel to "
                                 f"{label_name(self.dataset, value)!r}")

    def validate_group(self, entries: list[tuple[str, Any, str | None]], allow_new_label: bool) -> None:
        """``validate`` for every entry, the checks that repeat done once per distinct value;
        any doubt (a bad row or action) falls back to the per-entry loop, so the error is the same."""
        rows = [row for _, row, _ in entries]
        pairs = {(action, label_after) for action, _, label_after in entries}
        rows_ok = {type(row) for row in rows} <= {int} and 0 <= min(rows) and max(rows) < len(self.dataset)
        if not rows_ok or not all(action in ACTIONS for action, _ in pairs):
            for action, row, label_after in entries:
                self.validate(action, row, label_after, allow_new_label)
            return
        for action, label_after in pairs:  # the label checks depend on (action, label) only
            self.validate(action, rows[0], label_after, allow_new_label)
