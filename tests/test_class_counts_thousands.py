"""Class counts of a thousand or more are written with a separator, as the row counts beside them (hostile42).

tmux, a 4,000-row file of 2,000 classes: the summary's title read 'm2k.csv · 4,000 rows · 2000 classes', the
class chart 'Class distribution (2000 classes)' and the confusion matrix's note '... the 10 classes in the
most label issues, of 1527: 0 of 1,344 issues'."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np

from tui.screens.confusions import matrix_note
from tui.screens.summary import SummaryScreen, chart_title


class _View:
    def __init__(self, rows: int, n_classes: int) -> None:
        self.n_classes, self.multilabel, self.source = n_classes, None, "/data/m2k.csv"
        self.given = np.arange(rows) % n_classes
        self.predicted = (self.given + 1) % n_classes
        self.rows = rows

    def __len__(self) -> int:
        return self.rows


def test_summary_title_and_chart() -> None:
    view = _View(4_000, 2_000)
    screen = SimpleNamespace(view=view, book=SimpleNamespace(read_only=False),
                             journal_path=Path("m2k.corrections.jsonl"), size=SimpleNamespace(width=200))
    assert SummaryScreen.title_text(screen) == "textaudit · m2k.csv · 4,000 rows · 2,000 classes · journal m2k.corrections.jsonl"
    book = SimpleNamespace(counts=lambda: {"relabel": 0, "exclude": 0, "keep": 0})
    assert chart_title(view, book) == "Class distribution (2,000 classes)"


def test_matrix_note() -> None:
    view = _View(4_000, 2_000)
    note = matrix_note(view, np.ones(4_000, dtype=bool), 10)
    assert "of 2,000: " in note, note
