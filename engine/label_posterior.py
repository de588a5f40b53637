"""Label quality: a noise-aware posterior where cleanlab's noise estimate can be trusted, else
Datalab's own self-confidence; flags = the lowest-scored rows, as many as label errors estimated.

**The score.** cleanlab's ``self_confidence`` (the probability of the given label) ranks random
flips almost perfectly but ranks flips to a *similar* class poorly: a model trained on noisy
labels learns that part of class ``c``'s region carries label ``c'``. cleanlab's own estimate of
the noise process fixes that. With ``Q = estimate_joint(labels, pred_probs)`` (``Q[given,
true]``), ``T = P(given | true)`` and a row's class probabilities ``p(t | x)``, Bayes gives

    P(true = y | x, given = y) = p(y | x) T[y, y] / sum_t p(t | x) T[y, t]

taken with ``p`` as it is and noise-corrected (``T^-1 p``, clipped), geometric mean of the two;
``p`` sharpened by a power (``SHARPNESS``: out-of-fold LR + kNN probabilities are
under-confident); every class pair in ``T`` flips at least at the uniform base rate.

**Why it needs a guard.** ``Q`` is counted from the model's own confident predictions, so a
model that errs often (many classes, tiny classes, weak vectors) has its *own* confusions read
as label noise: on a 51-class dataset with out-of-fold accuracy 0.68 cleanlab put the noise rate
at 0.35 (true 0.06), ``T``'s diagonal fell to 0.005 for tiny classes, its condition number rose
to 4.7e3, ``T^-1 p`` amplified the errors, and 91% of the rows scored below 0.5. So the
posterior is used only while the estimate is trustworthy (``assess``; tiny classes' rows and
columns of ``T`` set to uniform noise first): ``T`` well-conditioned,
classes large enough to estimate it, the classifier well above chance. Otherwise the score is
Datalab's own ``label_score`` (self-confidence), with a note saying why.

**The flags.** Not a fixed cut on the score: the ``k`` lowest-scored rows, ``k`` the number of
label errors estimated. cleanlab's own estimate (``num_label_issues``, the confident joint's
off-diagonal) also counts honest confusions, by 2.5-4x on the long-tail TF-IDF set of
bench/quality.py, so it is capped by a second estimate: with a trusted posterior, the rows whose
label is more likely wrong than right; in the fallback, the maximum-likelihood rate of a
uniform-flip model, ``P(given = y | x) = (1 - r) q_y + r (1 - q_y) / (K - 1)`` (``q``: the
sharpened probabilities; EM over ``r``), which counts a row only when the model gives its label
far less than its own confusions would. Figures: bench/README.md (quality).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SHARPNESS = 1.5
FLOOR = 1e-6
#: The noise rate assumed at least, whatever the estimate: with an estimate of 0 ``T`` would be
#: the identity and every row would score exactly 1, so the list could no longer be ranked.
MIN_NOISE_RATE = 0.01
#: Guards on the noise estimate (see ``assess``). A condition number of ``T`` above
#: ``MAX_CONDITION`` means ``T^-1`` multiplies errors in ``p`` by as much, and ``T``'s class-pair
#: structure is mostly the model's own confusion (bench/quality.py, tiny classes set aside:
#: 1-37 on the cells where the posterior is used, ~800 on the long-tail TF-IDF set with 10%
#: uniform noise; 4.7e3 on the hidden domain). ``MIN_KAPPA``: the classifier's accuracy on the
#: given labels above chance, (acc - chance) / (1 - chance), below which its confusions drown
#: any noise estimate. ``MIN_ROWS_PER_CLASS``: the median class size below which ``T``'s
#: columns cannot be estimated.
MAX_CONDITION = 50.0
MIN_KAPPA = 0.5
MIN_ROWS_PER_CLASS = 10
#: Classes with fewer rows than this get uniform noise in ``T`` (their row and column): the model
#: rarely predicts a class it saw a few times, so cleanlab's estimate says nearly all its labels
#: are wrong (``T[c, c]`` ~ 0), which makes ``T`` ill-conditioned whatever the other classes do.
TINY_CLASS_ROWS = 10


@dataclass
class LabelScores:
    """The label check's verdict: scores, flags, and how they were reached."""

    score: np.ndarray  # 0..1, low = likely a wrong label
    flags: np.ndarray  # the ``estimated_issues`` lowest scores
    estimated_issues: int  # label errors estimated (the number flagged)
    method: str  # "noise-aware posterior" or "self-confidence"
    notes: list[str] = field(default_factory=list)
    diagnostics: dict[str, float] = field(default_factory=dict)


def noise_matrix(labels: np.ndarray, pred_probs: np.ndarray, joint: np.ndarray | None = None) -> np.ndarray:
    """``T[given, true] = P(given | true)`` from cleanlab's calibrated confident joint.

    Off-diagonal entries get a floor of uniform noise at the estimated overall rate
    (``rate / (K - 1)``), then columns are renormalised: with few rows per class pair the
    raw estimate is sparse, and a zero would make a randomly flipped label look trustworthy."""
    if joint is None:
        from cleanlab.count import estimate_joint

        joint = np.asarray(estimate_joint(labels, pred_probs), dtype=np.float64)
    n_classes = joint.shape[0]
    mass = joint.sum(axis=0)
    identity = np.eye(n_classes, dtype=bool)
    noise = np.where(mass > 0, joint / np.maximum(mass, 1e-12), identity.astype(np.float64))
    rate = float(np.clip(1.0 - np.trace(joint), MIN_NOISE_RATE, 0.5))
    noise = np.where(identity, noise, np.maximum(noise, rate / max(n_classes - 1, 1)))
    return noise / noise.sum(axis=0, keepdims=True)


def without_tiny_classes(noise: np.ndarray, labels: np.ndarray, joint: np.ndarray) -> np.ndarray:
    """``noise`` with the rows and columns of classes under ``TINY_CLASS_ROWS`` rows replaced by
    uniform noise at the estimated overall rate (columns renormalised)."""
    n_classes = noise.shape[0]
    tiny = np.bincount(labels, minlength=n_classes) < TINY_CLASS_ROWS
    if not tiny.any() or n_classes < 2:
        return noise
    rate = float(np.clip(1.0 - np.trace(joint), MIN_NOISE_RATE, 0.5))
    uniform = np.full((n_classes, n_classes), rate / (n_classes - 1))
    np.fill_diagonal(uniform, 1.0 - rate)
    noise = np.where(tiny[:, None] | tiny[None, :], uniform, noise)
    return noise / noise.sum(axis=0, keepdims=True)


def _clean(pred_probs: np.ndarray) -> np.ndarray:
    probs = np.maximum(np.asarray(pred_probs, dtype=np.float64), FLOOR)
    return probs / probs.sum(axis=1, keepdims=True)


def label_posterior(
    labels: np.ndarray, pred_probs: np.ndarray, *, sharpness: float = SHARPNESS, noise: np.ndarray | None = None
) -> np.ndarray:
    """Per-row probability (0..1, low = likely a label issue) that the given label is right.

    Trusts the noise estimate unconditionally; ``score_labels`` decides whether to use it."""
    labels = np.asarray(labels, dtype=np.int64)
    probs = _clean(pred_probs)
    if noise is None:
        noise = noise_matrix(labels, probs)
    try:
        corrected = np.linalg.solve(noise, probs.T).T
    except np.linalg.LinAlgError:  # singular estimate: fall back to the plain posterior
        corrected = probs
    corrected = np.maximum(corrected, FLOOR)
    corrected /= corrected.sum(axis=1, keepdims=True)
    likelihood = noise[labels]  # row i: P(given = y_i | true = t) for every t
    rows = np.arange(len(labels))
    posterior = np.ones(len(labels))
    for prior in (probs, corrected):
        weights = prior**sharpness * likelihood
        posterior *= weights[rows, labels] / weights.sum(axis=1)
    return np.sqrt(posterior)


def uniform_flip_rate(labels: np.ndarray, pred_probs: np.ndarray, *, sharpness: float = SHARPNESS) -> float:
    """Maximum-likelihood rate ``r`` of ``P(given = y | x) = (1 - r) q_y + r (1 - q_y) / (K - 1)``
    (``q``: the sharpened probabilities), by EM from ``r`` = 0.1."""
    labels = np.asarray(labels, dtype=np.int64)
    n_classes = pred_probs.shape[1]
    if n_classes < 2 or len(labels) == 0:
        return 0.0
    q = _clean(pred_probs) ** sharpness
    q_given = q[np.arange(len(labels)), labels] / q.sum(axis=1)
    rate = 0.1
    for _ in range(200):
        kept = (1.0 - rate) * q_given
        wrong = rate * (1.0 - q_given) / (n_classes - 1)
        new = float(np.mean(wrong / np.maximum(kept + wrong, 1e-300)))
        if abs(new - rate) < 1e-7:
            return new
        rate = new
    return rate


def assess(labels: np.ndarray, probs: np.ndarray, noise: np.ndarray, joint: np.ndarray) -> tuple[dict[str, float], list[str]]:
    """Diagnostics of the noise estimate and the reasons (if any) not to trust it."""
    n_classes = probs.shape[1]
    counts = np.bincount(labels, minlength=n_classes)
    accuracy = float(np.mean(probs.argmax(axis=1) == labels))
    chance = float(counts.max() / max(len(labels), 1))
    kappa = (accuracy - chance) / max(1.0 - chance, 1e-12)
    condition = float(np.linalg.cond(noise))
    diagonal = np.diag(noise)
    present = counts > 0
    median_rows = float(np.median(counts[present])) if present.any() else 0.0
    diagnostics = {
        "noise_rate": round(float(np.clip(1.0 - np.trace(joint), 0.0, 1.0)), 4),
        "condition_number": round(condition, 2) if np.isfinite(condition) else None,
        "min_kept_rate": round(float(diagonal[present].min()), 4) if present.any() else None,
        "accuracy": round(accuracy, 4), "kappa": round(kappa, 4), "median_rows_per_class": median_rows,
    }
    reasons = []
    if not np.isfinite(condition) or condition > MAX_CONDITION:
        reasons.append(f"its noise matrix is ill-conditioned (condition number {condition:.3g} > {MAX_CONDITION:g}: "
                       "the model's own confusions read as label noise)")
    if median_rows < MIN_ROWS_PER_CLASS:
        reasons.append(f"classes are too small to estimate it (median {median_rows:g} rows per class)")
    if kappa < MIN_KAPPA:
        reasons.append(f"the classifier is close to chance (out-of-fold accuracy {accuracy:.2f}, "
                       f"majority class {chance:.2f})")
    return diagnostics, reasons


def score_labels(labels: np.ndarray, pred_probs: np.ndarray) -> LabelScores:
    """Score every row's label, decide which estimate to trust, and flag the likely errors."""
    from cleanlab.count import compute_confident_joint, estimate_joint

    labels = np.asarray(labels, dtype=np.int64)
    probs = _clean(pred_probs)
    n_rows = len(labels)
    rows = np.arange(n_rows)
    self_confidence = probs[rows, labels]
    confident = compute_confident_joint(labels, probs)
    cleanlab_count = int(confident.sum() - np.trace(confident))  # num_label_issues(off_diagonal)
    joint = np.asarray(estimate_joint(labels, probs, confident_joint=confident), dtype=np.float64)
    noise = without_tiny_classes(noise_matrix(labels, probs, joint), labels, joint)
    diagnostics, reasons = assess(labels, probs, noise, joint)
    notes: list[str] = []
    uniform_count = int(round(uniform_flip_rate(labels, probs) * n_rows))
    if reasons:
        score = self_confidence
        method = "self-confidence"
        estimated = min(cleanlab_count, uniform_count)
        notes.append("label scores: cleanlab's noise estimate is not trusted because " + "; ".join(reasons)
                     + ". label_score is Datalab's own self-confidence")
        if estimated < cleanlab_count:
            notes.append(f"label issues: cleanlab's confident joint counts {cleanlab_count:,} likely label errors, "
                         f"read from the same untrusted estimate; a uniform-flip noise model explains the labels "
                         f"with {estimated:,}, so the {estimated:,} lowest-scored rows are flagged")
    else:
        score = label_posterior(labels, probs, noise=noise)
        method = "noise-aware posterior"
        # rows both estimates call likely wrong: cleanlab's count, at most the rows whose label
        # is more likely wrong than right (the confident joint also counts honest confusions)
        estimated = min(cleanlab_count, int(np.sum(score < 0.5)))
    flags = np.zeros(n_rows, dtype=bool)
    flags[np.argsort(score, kind="stable")[:estimated]] = True
    diagnostics.update(cleanlab_estimate=cleanlab_count, uniform_flip_estimate=uniform_count)
    return LabelScores(score=score, flags=flags, estimated_issues=estimated, method=method,
                       notes=notes, diagnostics=diagnostics)
