"""textaudit's Datalab issue managers for ``task="multilabel"``, through cleanlab's registry.

cleanlab keys its registry by task (``issue_manager_factory.REGISTRY[Task.MULTILABEL]``), so the
classification managers of ``engine.issue_managers`` are not seen by a multi-label Datalab. This
module registers, under ``task="multilabel"``, the same ``_Checked`` managers for null, outlier,
near_duplicate and non_iid (they read features or the graph, not labels) and a label manager of
its own. As for classification: without a ``textaudit`` argument each behaves exactly like
cleanlab's (bench/quality_multilabel.py's plain run is unaffected); with one, a failing check
raises ``CheckFailed`` instead of being printed and skipped.

The label manager runs Datalab's multi-label check, then puts textaudit's verdict in its place
(``engine.multilabel_audit``): ``label_score`` is the weakest per-label agreement (it ranks), and
``is_label_issue`` is Datalab's confident-learning verdict on textaudit's probabilities for the
rows that also have a suggested change (it decides). The flags are not a cut of the score: on
multi-label banking77 (10% noise, seed 0) the 1,170 lowest scores give flags F1 0.756 where
this verdict gives 0.818 at the same count (AP of the score 0.849 either way), so the verdict
stays and the threshold dialog says that its default is not a score cut. Datalab's own score and
flag stay beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from cleanlab.datalab.internal.issue_manager.multilabel.label import MultilabelIssueManager

from engine.issue_managers import (
    RunContext,
    TextauditNearDuplicateIssueManager,
    TextauditNonIIDIssueManager,
    TextauditNullIssueManager,
    TextauditOutlierIssueManager,
    _Checked,
    _without_blank_rows,
    register_once,
)


@dataclass
class MultilabelRunContext(RunContext):
    """A ``RunContext`` whose labels are sets (sorted tuples of class indices)."""

    sets: Sequence[tuple[int, ...]] = field(default_factory=list)


class TextauditMultilabelIssueManager(_Checked, MultilabelIssueManager):
    """Datalab's multi-label label check, then textaudit's verdict in its place."""

    issue_name = MultilabelIssueManager.issue_name

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        constant = constant_labels(run)
        if constant is not None and constant.any():
            varying = int((~constant).sum())
            if varying < 2:  # said as the 'label not checked' note; cleanlab said 'at least 2 classes'
                raise ValueError(f"{varying} of {len(constant)} labels {'varies' if varying == 1 else 'vary'} across "
                                 "the rows (the rest are on every row): Datalab's multi-label check needs two that vary")
            self._find_issues_on(run, ~constant, **kwargs)
        else:
            super()._find_issues_for(run, *args, **kwargs)
        if run.pred_probs is None or not isinstance(run, MultilabelRunContext):
            return
        from engine.multilabel_audit import label_scores, suggestions

        sets, pred_probs = run.sets, run.pred_probs
        score = label_scores(sets, pred_probs)
        blank = (np.zeros(len(sets), dtype=bool) if run.null_mask is None or len(run.null_mask) != len(sets)
                 else np.asarray(run.null_mask, dtype=bool))
        missing, extra = suggestions(sets, pred_probs, blank=blank)  # the cuts and changes of rows with text
        changed = np.fromiter((bool(m or e) for m, e in zip(missing, extra)), dtype=bool, count=len(sets))
        datalab = self.issues
        datalab_flags = datalab["is_label_issue"].to_numpy(dtype=bool)
        estimated = int(np.count_nonzero(datalab_flags & changed))  # blank rows counted here said 243 for 200 flags
        flags, score, blank_note = _without_blank_rows(datalab_flags & (changed | blank), score, run.null_mask)
        if blank_note:
            run.notes.append(blank_note)
        self.issues = pd.DataFrame({
            "is_label_issue": flags, "label_score": score,
            "datalab_is_label_issue": datalab_flags,
            "datalab_label_score": datalab["label_score"].to_numpy(),
        }, index=datalab.index)
        self.info = {
            **self.info, "num_label_issues": int(flags.sum()), "average_label_quality": float(score.mean()),
            "estimated_label_issues": estimated, "label_score_method": "weakest per-label agreement",
            "rows_with_suggested_change": int(np.count_nonzero(changed)),
        }


    def _find_issues_on(self, run: MultilabelRunContext, varying: np.ndarray, **kwargs: Any) -> None:
        """Datalab's multi-label check (its ``find_issues``) on the ``varying`` labels only. A label
        on every row stopped it ('Labels must contain at least 2 classes.', said of 16 labels):
        the whole label check went unchecked, as for a subset of the rows chosen by one tag."""
        from cleanlab.internal.multilabel_utils import onehot2int
        from cleanlab.multilabel_classification.filter import find_label_issues
        from cleanlab.multilabel_classification.rank import get_label_quality_scores

        kept = np.flatnonzero(varying)
        index = {int(c): i for i, c in enumerate(kept)}
        labels = [[index[c] for c in members if c in index] for members in run.sets]
        probs = np.asarray(run.pred_probs)[:, kept]
        kwargs.pop("pred_probs", None)
        is_issue = find_label_issues(labels=labels, pred_probs=probs, **self._process_find_label_issues_kwargs(**kwargs))
        scores = get_label_quality_scores(labels=labels, pred_probs=probs,
                                          **self._process_get_label_quality_scores_kwargs(**kwargs))
        self.issues = pd.DataFrame({f"is_{self.issue_name}_issue": is_issue, self.issue_score_key: scores})
        self.summary = self.make_summary(score=scores.mean())
        self.info = self.collect_info(self.datalab.labels, onehot2int(run.pred_probs > self._PREDICTED_LABEL_THRESH))


def constant_labels(run: RunContext) -> np.ndarray | None:
    """Per label, True where every row carries it (None without sets and probabilities)."""
    if run.pred_probs is None or not isinstance(run, MultilabelRunContext) or not len(run.sets):
        return None
    counts = np.zeros(np.asarray(run.pred_probs).shape[1], dtype=np.int64)
    for members in run.sets:
        counts[list(members)] += 1
    return counts == len(run.sets)


MULTILABEL_MANAGERS = (
    TextauditNullIssueManager,
    TextauditMultilabelIssueManager,
    TextauditOutlierIssueManager,
    TextauditNearDuplicateIssueManager,
    TextauditNonIIDIssueManager,
)


def register_multilabel_managers() -> None:
    """Register textaudit's managers with Datalab for ``task="multilabel"``, once per process."""
    register_once(MULTILABEL_MANAGERS, "multilabel")
