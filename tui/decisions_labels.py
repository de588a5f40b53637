"""The labels a ``DecisionBook`` can relabel to beyond the audit's classes (a mixin of it).

The audit's classes are fixed (one pred_probs column each). Past them, as class index
``len(classes) + i``, come ``extra_labels``: a saved dataset's ClassLabel names no row holds
(``unused_class_names``) and new classes, typed in the label picker (``add_label``) or found in
the journal's current decisions on replay (``learn_labels``: a new class made in an earlier
session is offered again). The journal writes such a label by name with ``new_label``; the book's
``labels`` array holds -1 for it (``describe`` reads the name from the journal). Label sets
(multi-label data) take only the data's labels: the journal refuses any other.
"""

from __future__ import annotations

import re
from typing import Any


class BookLabels:
    """``extra_labels`` and the checks of a new class's name, for ``DecisionBook``."""

    journal: Any
    classes: list[Any]
    extra_labels: list[str]
    codes: Any
    labels: Any
    _label_index: dict[str, int]

    #: Names typed as new classes this session or found in the journal (not a ClassLabel's unused names).
    new_labels: set[str]
    #: --label-names' names of labels no row holds ('5' -> 'New', AuditView.new_names), set by the app
    new_names: dict[str, str] = {}

    def new_class_shown(self, label: Any) -> str:
        """A new class as the screens name it: by its --label-names name (the new class 5 as New), else as
        the journal writes it (drawn by the caller). It read '5' though the option named it."""
        return self.new_names.get(str(label), str(label))

    def add_label(self, name: str) -> int:
        """The class index the book records ``name`` by: a class, an extra label, or a new one appended."""
        if (index := self._label_index.get(str(name))) is not None:
            return index
        if name not in self.extra_labels:
            self.extra_labels.append(name)
            self.new_labels.add(name)
        return len(self.classes) + self.extra_labels.index(name)

    def new_label_problem(self, name: str) -> str | None:
        """Why ``name`` cannot be a new class of this data (one line), else None: the journal's own checks
        (a name for an integer column, '01' beside the class 1, an empty name, label sets)."""
        dataset = getattr(self.journal, "dataset", None)
        if dataset is None:  # no journal: the write says why nothing is saved
            return None
        if getattr(dataset, "is_multilabel", False):
            return "a label set takes only the data's labels"
        import unicodedata

        if any(unicodedata.category(char) == "Cc" for char in name):  # pasted: TSV cannot hold it, nor a person read it
            return "a tab, line break or other control character in a class name (pasted?); type the name"
        from engine.errors import UsageError
        from engine.journal_checks import DecisionChecks

        try:
            DecisionChecks(dataset).validate("relabel", 0, name, allow_new_label=True)
        except UsageError as exc:
            return exc.message
        return integer_text_problem(dataset, name)

    def live_new_labels(self) -> set[str]:
        """The new classes some row's current decision relabels to: one whose every use was undone is not among
        them (the picker listed it, '+ 1 new', until the app was reopened; a redo brings it back)."""
        if self.journal is None or not self.new_labels:
            return set()
        import numpy as np

        current = self.journal.current()
        used = np.unique(current.label[current.label >= 0])
        return {current.labels[index] for index in used.tolist()} & self.new_labels

    def past_new_labels(self) -> set[str]:
        """Every new class of this journal, used now or not: those whose every use was undone too, this session
        or an earlier one (the journal keeps every name a line relabelled to). The picker checks a typed new
        class's spelling against them: an undone 'brand_new' is offered as new again, and 'Brand New' was too,
        with no hint that it reads as the name used before."""
        names = set(self.new_labels)
        if self.journal is None or getattr(getattr(self.journal, "dataset", None), "is_multilabel", False):
            return names
        labels = self.journal.current([]).labels  # the journal's every label_after, no row's arrays
        # past the classes and extra_labels (a ClassLabel's unused names, listed; the new ones are in names)
        return names | {label for label in labels
                        if isinstance(label, str) and label not in self._label_index and label not in self.extra_labels}

    def decided_label(self, row: int) -> int | None:
        """The class index ``row`` is relabelled to now (a new class's past the classes), else None."""
        from tui.decisions import RELABEL

        if int(self.codes[row]) != RELABEL:
            return None
        if (label := int(self.labels[row])) >= 0:
            return label
        decision = self.journal.decision(row) if self.journal is not None else None
        after = getattr(decision, "label_after", None)
        return len(self.classes) + self.extra_labels.index(after) if after in self.extra_labels else None

    def learn_labels(self, current: Any) -> None:
        """Add to ``extra_labels`` the labels of ``current`` (the journal's current decisions) that are no
        class: a new class relabelled to in an earlier session, which the picker then offers by name."""
        import numpy as np

        if getattr(getattr(self.journal, "dataset", None), "is_multilabel", False):
            return
        used = np.unique(current.label[current.label >= 0])
        for index in used.tolist():
            label = current.labels[index]
            if isinstance(label, str) and str(label) not in self._label_index and label not in self.extra_labels:
                self.extra_labels.append(label)
                self.new_labels.add(label)


_INTEGER = re.compile(r"-?[0-9]+")


def integer_text_problem(dataset: Any, name: str) -> str | None:
    """Why ``name`` is no new class of a text column whose every label spells an integer (a CSV's: AG News's
    1-4), else None. The engine takes any text there (a CSV has no types), but a name among the integers
    makes the column text to every reader after (pandas reads it as strings, an integer-keyed --label-names
    no longer names it), and '01' beside 1 would be a second class that reads as the first."""
    from engine.label_column import class_label_names

    classes = list(dataset.classes)
    originals = [dataset.label_originals.get(c, c) for c in classes]
    if (not classes or not all(isinstance(v, str) and _INTEGER.fullmatch(v) for v in [*classes, *originals])
            or class_label_names(getattr(dataset, "style", None), dataset.label_column) is not None):
        return None
    values = {int(c): c for c in classes}
    if not _INTEGER.fullmatch(name):
        return f"the labels are integers ({', '.join(sorted(values.values(), key=int)[:4])}{', ...' if len(values) > 4 else ''}): " \
               f"a new class is one too, e.g. {max(values) + 1}"
    if int(name) in values:
        return f"{name!r} is the class {values[int(name)]!r} written another way; relabel to {values[int(name)]!r}"
    if str(int(name)) != name:
        return f"{name!r} would read as {int(name)}; type {int(name)}"
    return None


def unused_class_names(dataset: Any) -> list[str]:
    """A saved dataset's ``ClassLabel`` names that no row holds (a test split without a rare
    class), in the schema's order: the label picker offers them after the classes, and an
    export writes their int. [] for any other data (its labels are exactly its classes)."""
    from engine.label_column import class_label_names

    if getattr(dataset, "is_multilabel", False):
        return []
    names = class_label_names(getattr(dataset, "style", None), dataset.label_column) or []
    held = {str(c) for c in dataset.classes}
    return [name for name in names if name not in held]
