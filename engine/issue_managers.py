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

from engine.non_iid_ties import untie_duplicates
from engine.wording import counted, counted_verb


@dataclass
class RunContext:
    """What textaudit's managers need from, and hand back to, one audit."""

    labels: np.ndarray  # the given labels as the engine holds them (class indices)
    pred_probs: np.ndarray | None = None  # exactly as the engine computed them (Datalab may copy or cast)
    notes: list[str] = field(default_factory=list)  # for the user, e.g. why the label score fell back
    copies: np.ndarray | None = None  # rows whose exact text is also another label's (engine/label_copies.py)
    class_names: list[str] | None = None  # the classes as the data spells them, for notes that name them
    null_mask: np.ndarray | None = None  # rows with no text (engine.audit.find_each sets it): see _NoTextNoFlag
    same_words: np.ndarray | None = None  # per row its group of texts of the same words, -1 alone (engine/same_words.py)
    neighbours: np.ndarray | None = None  # (n, k) indices of the shared kNN graph (engine/neighbour_labels.py)
    terms: Any | None = None  # --model tfidf: the sparse TF-IDF rows its SVD reduced (engine/tfidf_confirm.py)
    outlier_graph: str | None = None  # how the outlier check's graph on ``terms`` was found (engine/terms_neighbours.py)


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


class _NoTextNoFlag(_Checked):
    """Mixin for the checks read off the vectors (outlier, near-duplicate, underperforming group):
    a row with no text (``run.null_mask``; the null check's flag) gets no flag of its own, a score
    of 1.0 (nothing found: a re-threshold in the TUI does not flag it again) and no near-duplicate
    set, and is left out of other rows' sets.

    Every empty text has the same vector (the model's reading of nothing), so blank rows were one
    near-duplicate set of each other, and with a short row or two ('?', 'ok') Datalab's underperforming
    group (probe28: banking77 test with 4 blank rows, each a near-duplicate of the other three, and
    those 4 with '?' and 'ok' the underperforming group of 6 rows; AG News the same set of 4). The
    null check already says each such row once; Datalab's own advice is to drop them before the others.
    """

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        super()._find_issues_for(run, *args, **kwargs)
        empty = run.null_mask
        if empty is None or len(empty) != len(self.issues) or not empty.any():
            return
        flag, score = f"is_{self.issue_name}_issue", self.issue_score_key
        issues = self.issues.copy()
        issues.loc[empty, flag] = False
        issues.loc[empty, score] = 1.0
        self.issues = issues
        if self.issue_name != UnderperformingGroupIssueManager.issue_name:  # its summary is its worst group's ratio
            self.summary = self.make_summary(score=float(issues[score].mean()))
        sets = self.info.get("near_duplicate_sets")
        if sets is not None:
            rows = np.flatnonzero(empty)
            kept = [np.zeros(0, dtype=np.asarray(found).dtype) if empty[row]
                    else np.setdiff1d(np.asarray(found), rows, assume_unique=True) for row, found in enumerate(sets)]
            self.info = {**self.info, "near_duplicate_sets": kept}
            # a row is flagged for being in a set: one whose only copies were empty texts is in none now
            alone = np.fromiter((len(found) == 0 for found in kept), dtype=bool, count=len(kept))
            issues.loc[alone, flag] = False


class TextauditNullIssueManager(_Checked, NullIssueManager):
    """cleanlab's null check; failures raised."""

    issue_name = NullIssueManager.issue_name


class TextauditOutlierIssueManager(_NoTextNoFlag, OutlierIssueManager):
    """cleanlab's outlier check; failures raised; rows with no text unflagged (:class:`_NoTextNoFlag`);
    a note where the cut sits past nearly every row (:func:`even_spread_note`); a row that shares nothing
    with any other flagged (engine/outlier_isolated.py)."""

    issue_name = OutlierIssueManager.issue_name

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        super()._find_issues_for(run, *args, **kwargs)
        if run.outlier_graph is not None:
            outlier_terms_info(self, run)
        note = even_spread_note(self.issues, self.info)
        if note:
            run.notes.append(note)
        from engine.outlier_isolated import ISOLATED_SIMILARITY, ISOLATED_TERMS_SIMILARITY, flag_isolated

        similarity = ISOLATED_SIMILARITY if run.outlier_graph is None else ISOLATED_TERMS_SIMILARITY
        self.issues, isolated = flag_isolated(self.issues, self.info, run.null_mask, similarity)  # review36: past any cut
        if isolated:
            run.notes.append(isolated)


def outlier_terms_info(manager: Any, run: RunContext) -> None:
    """--model tfidf: the outlier check read its k nearest rows on the TF-IDF terms (engine/terms_neighbours.py). That
    graph is not kept as Datalab's shared one (the later checks read theirs), the info says which it was, and a note
    says where it holds only the shared graph's pairs."""
    statistics = {key: value for key, value in (manager.info.get("statistics") or {}).items()
                  if key != "weighted_knn_graph"}
    manager.info = {**manager.info, "statistics": statistics, "knn_graph_source": f"tfidf terms ({run.outlier_graph})"}
    if run.outlier_graph == "pairs":
        from engine.terms_neighbours import MAX_PRODUCTS

        run.notes.append(f"outlier: measured on the texts' own TF-IDF terms over the kNN graph's pairs only (an exact "
                         f"search there would take over {MAX_PRODUCTS:.1e} products); a text from another domain "
                         "may rank lower than it would")


#: The outlier note speaks where Datalab flags under this share of the rows (and the data has
#: at least EVEN_SPREAD_MIN_ROWS rows: on a few dozen rows no cut means much).
EVEN_SPREAD_SHARE = 0.001
EVEN_SPREAD_MIN_ROWS = 500


def even_spread_note(issues: pd.DataFrame, info: dict[str, Any]) -> str | None:
    """A note where Datalab's outlier cut flags (almost) no row: where the cut sits on these
    vectors, how far the farthest row is, and where the isolated rows are all the same.

    Datalab flags a row whose mean distance to its k nearest rows is past Q3 + 1.7 IQR of every
    row's. Where the texts spread evenly that fence lies past texts no user would keep (probe28:
    AG News test, 7,600 rows, with 15 rows from elsewhere added (recipes, a banking question,
    German, French, Chinese, keyboard gibberish, '?', 'ok'): 1 flagged; the cut at 1.54x the median
    distance, the added rows at 1.08-1.60x, and 15 of AG News' own rows (health and lifestyle
    stories) at 1.44-1.52x: the vectors do not set them apart. 12 of the 15 are among the 51
    lowest outlier scores. banking77 test, same rows added: cut 2.22x, 14 of 15 flagged, no note).
    Said only, never flagged: a cut moved to catch them would be set on these rows."""
    flagged = issues.get("is_outlier_issue")
    scores = issues.get("outlier_score")
    cut, scale, t = info.get("issue_threshold"), info.get("scaling_factor"), info.get("t")
    if flagged is None or scores is None or not cut or not scale or not t:
        return None  # scored from pred_probs, not the vectors
    n = len(issues)
    count = int(np.asarray(flagged, dtype=bool).sum())
    if n < EVEN_SPREAD_MIN_ROWS or count >= EVEN_SPREAD_SHARE * n:
        return None
    lowest = float(np.min(np.asarray(scores, dtype=np.float64)))
    farthest = -np.log(max(lowest, 1e-300)) / float(t)  # score = exp(-t * distance / median): the distance back
    fence = info.get("threshold")  # Datalab's: the cut is Q3 + (1 / threshold - 1) IQR
    iqr = f"{1 / float(fence) - 1:.1f}" if fence else "1.7"
    k = info.get("k")
    k_words = f"its {k} nearest rows" if k else "its nearest rows"
    flagged_words = "no row" if count == 0 else f"{count:,} of {n:,} rows"
    return (f"outlier: {flagged_words} past Datalab's cut (a row's mean distance to {k_words} over Q3 + {iqr} IQR "
            f"of all rows': {float(cut) / float(scale):.2f}x the median here, the farthest row {farthest:.2f}x). "
            "The texts spread evenly on these vectors, so a text from another domain can sit inside the cut: "
            "the lowest outlier scores are the most isolated rows, flagged or not")


class TextauditNearDuplicateIssueManager(_NoTextNoFlag, NearDuplicateIssueManager):
    """cleanlab's near-duplicate check; failures raised; rows with no text in no set (:class:`_NoTextNoFlag`);
    texts of the same words (case, punctuation, spacing aside: engine/same_words.py) flagged too.

    A row flagged for its words alone gets a score no higher than the cut's, 1 - exp(-threshold) (the
    TUI re-flags from scores: the audit's flags stay its lowest scores), and up to ``k`` of its copies
    in its set."""

    issue_name = NearDuplicateIssueManager.issue_name

    def _find_issues_for(self, run: RunContext, *args: Any, **kwargs: Any) -> None:
        super()._find_issues_for(run, *args, **kwargs)
        if run.terms is not None:
            from engine.tfidf_confirm import confirm_in_terms

            confirm_in_terms(self, run, kwargs.get("knn_graph"))
        groups = run.same_words
        if groups is None or len(groups) != len(self.issues):
            return
        flag, score = f"is_{self.issue_name}_issue", self.issue_score_key
        flagged = self.issues[flag].to_numpy(dtype=bool)
        added = (groups >= 0) & ~flagged
        if not added.any():
            return
        members: dict[int, list[int]] = {}
        for row in np.flatnonzero(groups >= 0):
            members.setdefault(int(groups[row]), []).append(int(row))
        sets = list(self.info.get("near_duplicate_sets") or [np.zeros(0, dtype=np.int64)] * len(groups))
        room = max(int(self.k or 10), 1)
        for row in np.flatnonzero(added):
            copies = [other for other in members[int(groups[row])] if other != row][:room]
            sets[row] = np.union1d(np.asarray(sets[row], dtype=np.int64), np.asarray(copies, dtype=np.int64))
        issues = self.issues.copy()
        issues.loc[added, flag] = True
        cut_score = float(1 - np.exp(-float(self.threshold)))  # Datalab's score at its cut: 1 - exp(-d / median), d = threshold * median
        column = issues[score].to_numpy(copy=True)
        column[added] = np.minimum(column[added], cut_score)
        issues[score] = column
        self.issues = issues
        self.summary = self.make_summary(score=float(issues[score].mean()))
        self.info = {**self.info, "near_duplicate_sets": sets, "same_words_rows": int(added.sum())}
        count = int(added.sum())
        run.notes.append(f"near_duplicate: {counted_verb(count, 'row', 'are')} flagged for the same words as another row "
                         f"(case, punctuation and spacing aside); the vectors alone put {'it' if count == 1 else 'them'} "
                         "past Datalab's cut")


class TextauditClassImbalanceIssueManager(_Checked, ClassImbalanceIssueManager):
    """cleanlab's class-imbalance check; failures raised."""

    issue_name = ClassImbalanceIssueManager.issue_name


class TextauditUnderperformingGroupIssueManager(_NoTextNoFlag, UnderperformingGroupIssueManager):
    """cleanlab's underperforming-group check; failures raised; rows with no text unflagged (:class:`_NoTextNoFlag`)."""

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

    def _get_neighbors(self, knn_graph: Any) -> np.ndarray:
        """cleanlab's (N, k) neighbours, with a row's exact duplicates untied where it has more than k of them."""
        choices = super()._get_neighbors(knn_graph)
        if not self._lean:
            return choices
        return untie_duplicates(choices, np.asarray(knn_graph.data).reshape(choices.shape), self.seed)

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
        from engine.label_signal import NO_SIGNAL_START
        from engine.parent_labels import parent_note

        verdict = score_labels(run.labels, run.pred_probs, run.copies, run.neighbours,
                               int(self.issues["is_label_issue"].sum()))  # Datalab's own count: the cut's floor
        flags, score, blank_note = _without_blank_rows(verdict.flags, verdict.score, run.null_mask)
        overlapping = with_flags(overlapping_classes(run.labels, run.pred_probs,
                                                     [found["class"] for found in verdict.parents]),
                                 run.labels, flags)
        datalab_verdict = self.issues
        self.issues = pd.DataFrame(
            {
                "is_label_issue": flags,
                "label_score": score,
                "datalab_is_label_issue": datalab_verdict["is_label_issue"].to_numpy(),
                "datalab_label_score": datalab_verdict["label_score"].to_numpy(),
            },
            index=datalab_verdict.index,
        )
        self.info = {
            **self.info,
            "num_label_issues": int(flags.sum()),
            "average_label_quality": float(verdict.score.mean()),
            "estimated_label_issues": verdict.estimated_issues,
            "label_score_method": verdict.method,
            "label_score_diagnostics": verdict.diagnostics,
            "overlapping_class_groups": overlapping,
            "parent_like_classes": verdict.parents,  # engine/parent_labels.py
        }
        # the overlap first: the summary shows the first notes, and this one asks the user to look; after the
        # note that the texts barely predict the labels (a wrong --label-column, shuffled labels), which such
        # labels also make "overlap" (readme30: 73 classes named first on banking77 test shuffled)
        lead = 1 if verdict.notes and verdict.notes[0].startswith(NO_SIGNAL_START) else 0
        run.notes.extend([*verdict.notes[:lead], *filter(None, [overlap_note(overlapping, len(run.labels)),
                                                                parent_note(verdict.parents, run.class_names)]),
                          *verdict.notes[lead:], *filter(None, [blank_note])])


def _without_blank_rows(flags: np.ndarray, score: np.ndarray,
                        empty: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, str | None]:
    """The label verdict less the rows with no text: no flag, score 1.0 (a re-threshold in the TUI does not flag
    them again), as the vector checks do (``_NoTextNoFlag``). A label cannot be judged without a text: the model's
    reading of nothing put them among the wrong labels with a 'suggested' class (review34: 58 blank rows of 60; on
    real data with blanked texts 5 of 90), where the null check says each once. The note says how many it left."""
    if empty is None or len(empty) != len(flags) or not empty.any():
        return flags, score, None
    left = int(np.count_nonzero(flags & empty))
    note = (f"label: {counted(left, 'row')} with no text left out of the label issues (a label cannot be judged "
            f"without a text; the null check flags {'it' if left == 1 else 'them'})") if left else None
    return flags & ~empty, np.where(empty, 1.0, score), note


MANAGERS = (
    TextauditNullIssueManager,
    TextauditLabelIssueManager,
    TextauditOutlierIssueManager,
    TextauditNearDuplicateIssueManager,
    TextauditNonIIDIssueManager,
    TextauditClassImbalanceIssueManager,
    TextauditUnderperformingGroupIssueManager,
)
_registered: set[str] = set()  # the tasks registered for
_lock = threading.Lock()


def register_once(managers: tuple[type, ...], task: str) -> None:
    """Register ``managers`` with Datalab for ``task``, once per process (engine/multilabel_managers too)."""
    with _lock:
        if task in _registered:
            return
        # register() print()s "Overwriting existing issue manager": expected here, and stdout may be JSON
        with contextlib.redirect_stdout(io.StringIO()):
            for manager in managers:
                register(manager, task=task)
        _registered.add(task)


def register_managers() -> None:
    """Register textaudit's managers with Datalab (classification), once per process."""
    register_once(MANAGERS, "classification")
