"""Why a label flag and the order of ``label_score`` can disagree, said per row.

The label check flags the ``k`` lowest-scored rows, ``k`` the label errors estimated, but a class under
``TINY_CLASS_ROWS`` rows gets at most its share of the flags, its lowest-scored rows
(engine/label_posterior.py's ``lowest_scored``): out of fold the classifier barely saw such a class, so its
honest rows can score as low as flips (the tests' rare class that looks like another: 3-5 of its honest rows
among 13-16 flags without the share, 1 with it). So a row of such a class can score among the ``k`` lowest and stay
unflagged, and the next-lowest row of another class is flagged in its place: a user sorting by label_score saw
the flags out of order, unsaid (count37: 38 of engine37's 81 bench runs, banking77 test 400 rows: a planted flip
at 0.0048 unflagged under a cut of 0.0075). ``FlagOrder`` finds those rows from the scores and flags alone, so a
cached audit says it too; ``--issues-out``'s ``label_flag_note``, the row pane's Why and ``--format json``'s
``label_rows_passed_over`` read it, and a new audit's label check adds a note (``passed_over_note``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.noise_matrix import TINY_CLASS_ROWS
from engine.wording import agreeing, counted


@dataclass(frozen=True)
class FlagOrder:
    """The rows where the label flags leave the order of the score (both empty where they follow it)."""

    passed_over: np.ndarray  # bool: among the ``count`` lowest-scored rows, not flagged
    in_place: np.ndarray  # bool: flagged, not among the ``count`` lowest-scored rows
    sizes: np.ndarray  # rows per class
    flagged: np.ndarray  # flagged rows per class
    count: int  # rows flagged

    @classmethod
    def of(cls, labels: np.ndarray, score: np.ndarray, flags: np.ndarray) -> FlagOrder:
        """From the given classes, the label scores and the flags (ranked as ``lowest_scored`` ranks: stable)."""
        labels = np.asarray(labels, dtype=np.int64)
        flags = np.asarray(flags, dtype=bool)
        count = int(flags.sum())
        lowest = np.zeros(len(flags), dtype=bool)
        lowest[np.argsort(np.asarray(score, dtype=np.float64), kind="stable")[:count]] = True
        sizes = np.bincount(labels, minlength=int(labels.max()) + 1 if len(labels) else 0)
        return cls(passed_over=lowest & ~flags, in_place=flags & ~lowest, sizes=sizes,
                   flagged=np.bincount(labels[flags], minlength=len(sizes)), count=count)

    def note(self, row: int, label: int) -> str:
        """Why ``row`` (given class ``label``) is or is not flagged against the score's order; '' where it follows it."""
        if self.passed_over[row]:
            size = int(self.sizes[label])
            if size >= TINY_CLASS_ROWS:  # no such cap on it: say the fact alone
                return f"not flagged, though among the {self.count:,} lowest label scores"
            return (f"not flagged, though among the {self.count:,} lowest label scores: its class has "
                    f"{counted(size, 'row')}, under {TINY_CLASS_ROWS}, which the model barely saw out of fold (its "
                    f"honest rows can score as low), so the class gets at most its share of the flags, its lowest-scored "
                    f"rows ({int(self.flagged[label]):,} flagged)")
        if self.in_place[row]:
            return (f"flagged in place of lower-scored rows of classes under {TINY_CLASS_ROWS} rows, which get at most "
                    f"their share of the flags")
        return ""

    def notes(self, labels: np.ndarray) -> np.ndarray:
        """``note`` for every row (object array; '' where the flag follows the score's order)."""
        out = np.full(len(labels), "", dtype=object)
        for row in np.flatnonzero(self.passed_over | self.in_place).tolist():
            out[row] = self.note(row, int(labels[row]))
        return out


def tiny_share(labels: np.ndarray) -> str:
    """Said where the notes call the flags the lowest-scored rows and a class is small (lowest_scored's cap)."""
    sizes = np.bincount(labels)
    small = (sizes[sizes > 0] < TINY_CLASS_ROWS).any()
    return f", but a class under {TINY_CLASS_ROWS} rows gets at most its share" if small else ""


def passed_over_note(labels: np.ndarray, score: np.ndarray, flags: np.ndarray) -> str | None:
    """The label check's note where some rows among the lowest label scores are not flagged (None where none is)."""
    order = FlagOrder.of(labels, score, flags)
    left = int(order.passed_over.sum())
    if not left:
        return None
    return (f"label issues: {counted(left, 'row')} of classes under {TINY_CLASS_ROWS} rows {agreeing(left, 'score')} "
            f"among the {order.count:,} lowest but {agreeing(left, 'are')} not flagged: out of fold the model barely saw "
            f"such a class, so its honest rows can score as low as wrong labels, and each such class gets at most its "
            f"share of the flags, its lowest-scored rows; the next-lowest rows of other classes are flagged in their "
            f"place (--issues-out's label_flag_note and the row's Why say which)")


_LAST: list = []  # one (labels, score, flags, FlagOrder): the row pane asks once per cursor move


def flag_order(labels: np.ndarray, score: np.ndarray, flags: np.ndarray) -> FlagOrder:
    """``FlagOrder.of``, kept for the same three arrays (a moved threshold replaces the flags array)."""
    if _LAST and _LAST[0] is labels and _LAST[1] is score and _LAST[2] is flags:
        return _LAST[3]
    found = FlagOrder.of(labels, score, flags)
    _LAST[:] = [labels, score, flags, found]
    return found
