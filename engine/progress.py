"""Progress reports: the one home of the progress types every stage and caller share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """A progress report from the pipeline: ``done`` of ``total`` within ``stage``."""

    stage: str
    done: int
    total: int
    message: str = ""
    #: the embed stage's texts whose vectors were reused (an earlier audit's, a cancelled one's, this
    #: session's), not counted in ``done``/``total``: those count the texts still to encode
    reused: int = 0
    #: a note to show now, not a step (``done``/``total`` unchanged): what the loaded data looks like where
    #: the audit about to run may not be the one the user meant (Dataset.notices)
    notice: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def reused_words(reused: int, short: bool = False) -> str:
    """'+6,618 reused from cache' (``short``: '+6,618 reused'), said beside the count of texts still to
    embed: reopening a dataset with 6,618 of 63,697 texts cached said 'embed 57,079 texts' with no word of
    the rest until the summary's notes (walk31)."""
    # '+': beside '900 texts' a bare '(300 reused from cache)' read as 300 of the 900 (review32); they are more
    return f"+{reused:,} reused" if short else f"+{reused:,} reused from cache"


#: What ``run_audit`` (and the audit stage's ``run_datalab``) report to: one ``Progress`` per step.
ProgressFn = Callable[[Progress], None]

#: What a stage's own work (embedding, the neighbour graph, cross-validation) reports to: done, total.
StepFn = Callable[[int, int], None]
