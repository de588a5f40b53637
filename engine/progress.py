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

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


#: What ``run_audit`` (and the audit stage's ``run_datalab``) report to: one ``Progress`` per step.
ProgressFn = Callable[[Progress], None]

#: What a stage's own work (embedding, the neighbour graph, cross-validation) reports to: done, total.
StepFn = Callable[[int, int], None]
