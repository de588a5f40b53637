"""A class of a few rows among many is '<0.1%' of the data, never '0.0%' (walk31).

Seen in tmux on the Debian package index (63,697 rows, 58 sections): the class-imbalance screen read
"Rarest class 'zope': 15 rows (0.0%)", its detail pane "Why: Its class 'zope' has only 15 rows (0.0%
of the data)", and the summary's class chart ended on four classes of 15-23 rows at '0.0%' each,
while the summary's journal line says '<0.1%' for 2 rows (engine.wording.share).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from tui.screens.flagged_rows import FlaggedRowsScreen
from tui.widgets.charts import BarChart
from tui.widgets.detail_pane import why_flagged


class RareClassView:
    """The parts of an AuditView the class-imbalance words read: class c has ``sizes[c]`` rows."""

    def __init__(self, sizes: tuple[int, ...]) -> None:
        self.given = np.concatenate([np.full(size, c) for c, size in enumerate(sizes)]).astype(np.int32)
        self.predicted = self.given
        self.n_classes = len(sizes)
        self.shown_names = [f"class{c}" for c in range(len(sizes))]
        self.texts = np.array([f"text {i}" for i in range(len(self.given))], dtype=object)
        self.flags = {"class_imbalance": self.given == 0}  # Datalab's flag: the rarest class's rows
        self.scores: dict[str, np.ndarray] = {}
        self.info = {"class_imbalance": {"threshold": 0.1}}

    def __len__(self) -> int:
        return len(self.texts)

    def flagged(self, issue_type: str) -> np.ndarray:
        return np.flatnonzero(self.flags[issue_type])


def test_the_verdict_and_the_why_line_say_under_a_tenth_of_a_percent():
    view = RareClassView((15, 20_000, 20_000))  # 15 of 40,015 rows: 0.04%
    verdict = FlaggedRowsScreen.verdict(SimpleNamespace(view=view, issue_type="class_imbalance"))
    assert verdict.startswith("Rarest class 'class0': 15 rows (<0.1%);"), verdict
    why = why_flagged(view, 0, "class_imbalance")
    assert why == "Its class 'class0' has only 15 rows (<0.1% of the data); flagged.", why


def test_the_class_chart_gives_a_rare_class_under_a_tenth_of_a_percent():
    text = str(BarChart(["big", "rare"], [40_000, 15]).render())
    rare = next(line for line in text.splitlines() if line.startswith("rare"))
    assert rare.split()[-2:] == ["15", "<0.1%"], rare
    big = next(line for line in text.splitlines() if line.startswith("big"))
    assert big.split()[-1] == ">99.9%", big  # not '100.0%' beside a class of 15 rows
    # the share's column keeps its width: the counts stay aligned under each other
    assert len(rare.rstrip()) == len(big.rstrip()), (rare, big)
