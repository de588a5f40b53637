"""Overlapping classes: the rows of classes the model cannot tell apart, to read and relabel.

The label check flags none of these rows when a few classes' labels are mixed up among themselves
(engine/class_overlap.py): the classifier learns the mix as honest uncertainty. What the user can
do is read them: this lists every row labelled with a class of a group, the rows whose given label
the model believes least first, with the usual decision keys (``l`` relabels, ``x`` excludes, ``o``
keeps); the header names the classes and says what to do.
"""

from __future__ import annotations

from tui.columns import GIVEN, SCORE, SUGGESTED, TEXT
from tui.screens.row_screen import RowScreen
from tui.view import counted
from tui.decision_column import decision_column
from tui.widgets.row_list import Column

#: Class names a group's line names before '…' (banking77 has 77 classes; a group of 20 would
#: fill the screen).
SHOWN_CLASSES = 6


class OverlappingClassesScreen(RowScreen):
    """Rows in overlapping classes, by the model's probability of the given label, ascending."""

    issue_type = "overlapping_class"
    default_sort = (SCORE, False)

    def columns(self) -> list[Column]:
        width, grow = self.label_width(), self.label_growth()
        fit = self.view.names.fit
        return [
            Column(TEXT, "Text"),
            Column(GIVEN, "Given", width, drop=1, grow=grow, fit=fit),
            Column(SUGGESTED, "Top class", width + 1, drop=2, grow=max(0, grow - 1),  # a relabel's '→' (RowScreen)
                   fit=self.fit_suggested),
            Column(SCORE, "P(given)", 9, right=True, drop=3),
            decision_column(self, width, grow),  # lends past its title; its width back from the text, from the start
        ]

    def verdict(self) -> str:
        names = self.view.shown_names
        lines = []
        for group in self.view.overlap_groups():
            classes = [names[c] for c in group["classes"]]
            shown = ", ".join(classes[:SHOWN_CLASSES]) + (", …" if len(classes) > SHOWN_CLASSES else "")
            lines.append(f"The model cannot tell {len(classes)} classes apart: {shown} "
                         f"({counted(int(group['rows']), 'row')}, {float(group['own_share']):.0%} assigned to "
                         f"their own class).")
        return " ".join([*lines, "Read a sample of each class; relabel the wrong rows (l) or merge the classes."])

    def empty_text(self) -> str:
        return "no class the model cannot tell apart: press f to list every row by P(given)"
