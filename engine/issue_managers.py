"""textaudit's Datalab issue managers, plugged in through cleanlab's documented extension point.

Each is a subclass of cleanlab's own manager for one issue type, registered under the same name
with ``issue_manager_factory.register``. Without a ``textaudit`` argument in ``issue_types`` it
behaves exactly like cleanlab's manager, so other Datalab users in the process (bench/quality.py's
reference run, for one) are unaffected. With one (a :class:`RunContext`, per Datalab call):

- a failing check raises :class:`CheckFailed` carrying the real exception. Datalab catches
  ``Exception``, prints it and carries on, which would turn a failed check into a silent zero;
  ``CheckFailed`` is a ``BaseException`` so it passes through ``Datalab.find_issues``;
- ``label`` scores with the noise-aware verdict of ``engine.label_posterior.score_labels`` and
  keeps Datalab's own verdict beside it;
- ``non_iid`` runs its permutation test one permutation at a time.

Registration happens once per process (:func:`register_managers`), is never undone, and is
idempotent, so concurrent audits in threads never see a half-patched class.
"""

from __future__ import annotations

import contextlib
import io
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from cleanlab.datalab.internal.issue_manager import (
    ClassImbalanceIssueManager,
    LabelIssueManager,
    NearDuplicateIssueManager,
    NonIIDIssueManager,
    NullIssueManager,
    OutlierIssueManager,
    UnderperformingGroupIssueManager,
)
from cleanlab.datalab.internal.issue_manager_factory import register


@dataclass
class RunContext:
    """What textaudit's managers need from, and hand back to, one audit."""

    labels: np.ndarray  # the given labels as the engine holds them (class indices)
    pred_probs: np.ndarray | None = None  # exactly as the engine computed them (Datalab may copy or cast)
    notes: list[str] = field(default_factory=list)  # for the user, e.g. why the label score fell back
    copies: np.ndarray | None = None  # rows whose exact text is also another label's (engine/label_copies.py)
    class_names: list[str] | None = None  # the classes as the data spells them, for notes that name them


class CheckFailed(BaseException):
    """One issue type could not be checked; ``error`` is the exception its manager raised."""

    def __init__(self, issue_type: str, error: Exception) -> None:
        super().__init__(f"{issue_type}: {error}")
        self.issue_type = issue_type
        self.error = error

    #: Failures of the run, not of the data: the note says so and the audit is not cached (NOT_CACHED).
    OF_THE_RUN = (MemoryError, OSError, ImportError, NameError)

    @property
    def reason(self) -> str:
        """The error's first line, as Datalab would have printed it (a failure of the run: named, and not cached)."""
        first = str(self.error).split("\n", 1)[0].strip() or "unknown error"
        if isinstance(self.error, self.OF_THE_RUN):
            from engine.errors import NOT_CACHED

            return f"{type(self.error).__name__}: {first}{NOT_CACHED}"
        return first


# cleanlab's IssueManager metaclass wants ``issue_name`` in each concrete class's own body.


class _Checked:
    """Mixin: with a :class:`RunContext`, failures raise :class:`CheckFailed`, and
    ``_find_issues_for`` (the parent's ``find_issues`` unless overridden) does the work."""

    def __init__(self, datalab, textaudit: RunContext | None = None, **kwargs: Any) -> None:
        super().__init__(datalab, **kwargs)  # type: ignore[call-arg]

    def find_issues(self, *args: Any, textaudit: RunContext | None = None, **kwargs: Any) -> None:
        if textaudit is None:
            super().find_issues(*args, **kwargs)  # type: ignore[misc]
            return
        try:
            self._find_issues_for(textaudit, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - handed to the caller whole, see CheckFailed
            raise CheckFailed(self.issue_name, exc) from exc

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        super().find_issues(*args, **kwargs)  # type: ignore[misc]


class TextauditNullIssueManager(_Checked, NullIssueManager):
    """cleanlab's null check; failures raised."""

    issue_name = NullIssueManager.issue_name


class TextauditOutlierIssueManager(_Checked, OutlierIssueManager):
    """cleanlab's outlier check; failures raised."""

    issue_name = OutlierIssueManager.issue_name


class TextauditNearDuplicateIssueManager(_Checked, NearDuplicateIssueManager):
    """cleanlab's near-duplicate check; failures raised."""

    issue_name = NearDuplicateIssueManager.issue_name


class TextauditClassImbalanceIssueManager(_Checked, ClassImbalanceIssueManager):
    """cleanlab's class-imbalance check; failures raised."""

    issue_name = ClassImbalanceIssueManager.issue_name


class TextauditUnderperformingGroupIssueManager(_Checked, UnderperformingGroupIssueManager):
    """cleanlab's underperforming-group check; failures raised."""

    issue_name = UnderperformingGroupIssueManager.issue_name


class TextauditNonIIDIssueManager(_Checked, NonIIDIssueManager):
    """cleanlab's non-IID check with a memory-bounded permutation test.

    cleanlab's ``_permutation_test`` builds (permutations, N, k) int64 arrays all at once: about
    6 GB at 1M rows, the audit's peak memory. This one draws the same permutations in the same
    order (a private ``RandomState`` seeded as cleanlab seeds the global one, so concurrent audits
    cannot interleave draws) and computes the same statistic, so the p-value is identical
    (tests/test_audit_memory.py).
    """

    issue_name = NonIIDIssueManager.issue_name

    _lean = False

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        self._lean = True
        super()._find_issues_for(run, *args, **kwargs)

    def _permutation_test(self, num_permutations: int) -> float:
        if not self._lean:
            return super()._permutation_test(num_permutations)
        from scipy.stats import gaussian_kde

        from engine.order_words import permutation_z

        rng = np.random.RandomState(self.seed) if self.seed is not None else np.random
        ks_stats = []
        for _ in range(num_permutations):
            perm = rng.permutation(self.N)
            distances = np.abs(perm[:, None] - perm[self.neighbor_index_choices])
            ks_stats.append(self._get_statistics(distances)["ks"])
        self._permutation_z = permutation_z(self.statistics["ks"], np.array(ks_stats))
        return gaussian_kde(np.array(ks_stats)).integrate_box(self.statistics["ks"], 100)

    def collect_info(self, *args: Any, **kwargs: Any) -> dict:
        """Datalab's info, and how far the order's statistic lies beyond the random orders drawn
        (``permutation_z``, engine/order_words.py: the words' evidence beside the p-value)."""
        info = super().collect_info(*args, **kwargs)
        z = getattr(self, "_permutation_z", None)
        return info if z is None else {**info, "permutation_z": z}

    def _score_dataset(self) -> np.ndarray:
        """cleanlab's per-row score in blocks of rows: the same values, bounded memory (engine/bounds.py)."""
        from engine.bounds import non_iid_scores

        return non_iid_scores(self.neighbor_index_distances, self.N)


class TextauditLabelIssueManager(_Checked, LabelIssueManager):
    """Datalab's label check, then textaudit's label verdict in its place.

    ``label_score`` is P(given label is right | x) from cleanlab's own noise estimate where that
    estimate can be trusted, else Datalab's own self-confidence (``score_labels`` says which, and
    why); ``is_label_issue`` marks the lowest-scored rows, as many as label errors are estimated.
    Datalab's own verdict stays beside it (``datalab_is_label_issue``, ``datalab_label_score``),
    the summary's ``score`` stays Datalab's overall label health, and info gains
    ``estimated_label_issues``, ``label_score_method``, ``label_score_diagnostics`` and
    ``overlapping_class_groups`` (engine/class_overlap.py: classes the model cannot tell apart;
    cleanlab's own ``overlapping_classes`` is its pairs). Why:
    Datalab's self-confidence score and flags miss flips to a similar class and over-flag when
    the classifier is weak; figures in bench/README.md (quality).
    """

    issue_name = LabelIssueManager.issue_name

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        super()._find_issues_for(run, *args, **kwargs)
        if run.pred_probs is None:
            return
        from engine.class_overlap import overlap_note, overlapping_classes, with_flags
        from engine.label_posterior import score_labels
        from engine.parent_labels import parent_note

        verdict = score_labels(run.labels, run.pred_probs, run.copies)
        overlapping = with_flags(overlapping_classes(run.labels, run.pred_probs,
                                                     [found["class"] for found in verdict.parents]),
                                 run.labels, verdict.flags)
        datalab_verdict = self.issues
        self.issues = pd.DataFrame(
            {
                "is_label_issue": verdict.flags,
                "label_score": verdict.score,
                "datalab_is_label_issue": datalab_verdict["is_label_issue"].to_numpy(),
                "datalab_label_score": datalab_verdict["label_score"].to_numpy(),
            },
            index=datalab_verdict.index,
        )
        self.info = {
            **self.info,
            "num_label_issues": int(verdict.flags.sum()),
            "average_label_quality": float(verdict.score.mean()),
            "estimated_label_issues": verdict.estimated_issues,
            "label_score_method": verdict.method,
            "label_score_diagnostics": verdict.diagnostics,
            "overlapping_class_groups": overlapping,
            "parent_like_classes": verdict.parents,  # engine/parent_labels.py
        }
        # the overlap first: the summary shows the first notes, and this one asks the user to look
        run.notes.extend([*filter(None, [overlap_note(overlapping, len(run.labels)),
                                         parent_note(verdict.parents, run.class_names)]), *verdict.notes])


MANAGERS = (
    TextauditNullIssueManager,
    TextauditLabelIssueManager,
    TextauditOutlierIssueManager,
    TextauditNearDuplicateIssueManager,
    TextauditNonIIDIssueManager,
    TextauditClassImbalanceIssueManager,
    TextauditUnderperformingGroupIssueManager,
)
_registered = False
_lock = threading.Lock()


def register_managers() -> None:
    """Register textaudit's managers with Datalab (classification), once per process."""
    global _registered
    with _lock:
        if _registered:
            return
        # register() print()s "Overwriting existing issue manager": expected here, and stdout may be JSON
        with contextlib.redirect_stdout(io.StringIO()):
            for manager in MANAGERS:
                register(manager, task="classification")
        _registered = True
