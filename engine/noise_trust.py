"""Whether cleanlab's noise estimate can be trusted (``assess``) and which noise model the given
labels follow (``structure_evidence``, on ``stratified_halves``): the two questions
engine/label_posterior.py's ``score_labels`` asks before it chooses a score (``Q``, ``T``, the posterior:
that module's docstring).

**Why it needs a guard.** ``Q`` is counted from the model's own confident predictions, so a
model that errs often (many classes, tiny classes, weak vectors) has its *own* confusions read
as label noise: on a 51-class dataset with out-of-fold accuracy 0.68 cleanlab put the noise rate
at 0.35 (true 0.06), ``T``'s diagonal fell to 0.005 for tiny classes, its condition number rose
to 4.7e3, the posterior (then with ``T^-1 p``) amplified the errors, and 91% of the rows scored
below 0.5. So the posterior is used only while the estimate is trustworthy (``assess``; tiny
classes' rows and columns of ``T`` set to uniform noise first): ``T`` well-conditioned, classes
large enough to estimate it, the classifier well above chance. Otherwise the score is
Datalab's own ``label_score`` (self-confidence), with a note saying why.
The condition number leaves out the classes of a group whose labels read as mixed up among
themselves (``mixed_up_classes``: classes the model cannot tell apart, engine/class_overlap.py, whose rows
it keeps inside the group): shuffled labels make that block of ``T`` nearly rank 1 whatever the model, so
its smallest singular value is estimation noise and decided the guard for the whole matrix by the fold
split (banking77 test with 4 currency classes shuffled: 13 or 159-171 label issues by ``--folds``;
LABEL_VERSION 37, bench/README.md, session 28 (folds28)).
It is also read without the classes the model never predicts (``unlearned_classes``: ``MIN_ROWS_PER_CLASS`` rows
or more, predicted as themselves on under ``MAX_UNLEARNED_SHARE`` of them): cleanlab counts such a class's rows as
other classes and some other class's rows as it, so its column repeats that class's and ``T[c, c]`` is near 0
whatever the noise (WordNet's lexicographer files: verb.creation, 38 rows, none predicted, ``T[c, c]`` 0.11; the
condition number 60-3,800 on 29 of 36 noisy runs). Where that is the only reason to distrust ``T`` and held-out rows
back its class pairs, engine/label_posterior.py keeps the posterior (bench/README.md, session 33 (wn33);
LABEL_VERSION 43). A class under ``MIN_ROWS_PER_CLASS`` rows the model never predicts stays in: the model barely
saw it, the weak classifier the guard is for (tests/synthetic.py ``weak_many_classes``: 10-18-row classes, and
the held-out test fooled by its sibling confusions), unless most of its rows read as one same other class
(``lookalike_classes``): then its column repeats that class's as a larger unlearned class's does, where the flips
into a class the model barely saw scatter over many (10-42% of its rows on the most common one in
``weak_many_classes``; up to 50-88% in banking77's long tail and WordNet under pair swaps; bench/README.md, session 33
(wn33b); LABEL_VERSION 44).

**Which noise model the labels follow** (``structure_evidence``). A trusted ``T`` can still
hurt: under random (uniform) flips its class-pair structure is the model's own honest
confusions, and the posterior then ranks honest confusions above flips to distant classes
(bench/quality.py: AP 0.011-0.078 below self-confidence on every uniform-noise cell). Under a
uniform-flip model the posterior is a monotone function of the given label's probability, so
it ranks as self-confidence does. The choice is a held-out model selection: rows split in
stratified halves, ``T``'s flip destinations estimated on one half, the flip rate of each model
fitted by EM, and the log-likelihood of the other half's given labels,
``log sum_t q_t T[given, t]``, compared between ``T``'s destinations and uniform ones. The
posterior is kept only when the structured model wins clearly: a gain per estimated label
error of at least ``MIN_STRUCTURE_SHARE`` of ``log(K - 1)`` (what a flip that always goes to
one partner class would gain), with ``z >= MIN_STRUCTURE_Z``. Otherwise the score is
self-confidence, flagged like the fallback; a note says which score and why. (Unless cleanlab's
flip rate per class, flips landing at random, explains held-out rows better than one rate for all:
then the posterior on those rates, engine/class_rates.py; LABEL_VERSION 25.)
Where random flips find too few errors to run that test, the posterior is kept untested, unless held-out
rows do not back ``T``'s class pairs against no flips at all: then it is pooled with self-confidence
(engine/pair_backing.py; LABEL_VERSION 26).
(Self-confidence is read on the sharpened probabilities, as that model's posterior ranks rows,
where simulated random flips of the rows say they rank better: engine/sharp_ranking.py.)
"""

from __future__ import annotations

import numpy as np

from engine.flip_counts import flip_rate, label_loglik
from engine.label_probs import SHARPNESS, sharpened
from engine.noise_matrix import flip_destinations, noise_matrix, tiny_classes, without_tiny_classes

#: Guards on the noise estimate (see ``assess``). A condition number of ``T`` above
#: ``MAX_CONDITION`` means ``T`` is near-singular and its class-pair
#: structure is mostly the model's own confusion (bench/quality.py, tiny classes set aside:
#: 1-37 on the cells where the posterior is used, ~800 on the long-tail TF-IDF set with 10%
#: uniform noise; 4.7e3 on the hidden domain). ``MIN_KAPPA``: the classifier's accuracy on the
#: given labels above chance, (acc - chance) / (1 - chance), below which its confusions drown
#: any noise estimate. ``MIN_ROWS_PER_CLASS``: the median class size below which ``T``'s
#: columns cannot be estimated: one row of a 15-row class moves its column by 6.7%, more than the
#: noise rates it is meant to resolve (2-10%); from 20 rows a row is worth 5% at most. (It was 10:
#: a clean 60-row ag_news sample, 15 rows a class, kept the posterior and flagged 11 rows, 18%,
#: and with 3 flips ranked them at AP 0.28 against self-confidence's 0.53; bench/README.md.
#: Every bench/quality.py matrix cell has a median class of 61 rows or more.)
MAX_CONDITION = 50.0
MIN_KAPPA = 0.5
MIN_ROWS_PER_CLASS = 20
#: Model selection between ``T``'s flip destinations and uniform ones (``structure_evidence``):
#: the held-out log-likelihood gain per estimated label error, as a share of ``log(K - 1)``, and
#: its z score. bench/quality.py, 108 cells (seeds 0 and 1, split classes aside): uniform noise
#: 0.08 at most (4 classes, 2%) and below 0.02 with 77 classes; pair-swap at 2-5% on 4 classes
#: 0.06-0.10, where the posterior ranks no better (-0.04 to +0.001 AP); cells where it ranks
#: 0.01 or more better: 0.13 and above. Any threshold in 0.09-0.13 gives nearly the same matrix.
MIN_STRUCTURE_SHARE = 0.1
MIN_STRUCTURE_Z = 3.0
#: A group of classes the model cannot tell apart (engine/class_overlap.py) is read as labels mixed up among
#: themselves, and left out of ``T``'s condition number (``mixed_up_classes``), where the classifier keeps at least
#: this share of the group's rows inside the group (merged, the group would be a class it predicts more often than
#: not: class_overlap's own ``MAX_OWN_SHARE``) and each of its classes has ``MIN_ROWS_PER_CLASS`` rows or more.
MIN_GROUP_CLOSURE = 0.5
#: A class of ``MIN_ROWS_PER_CLASS`` rows or more that the model predicts as itself on under this share of them is
#: one it did not learn (``unlearned_classes``); the guard's condition number is also read without it.
MAX_UNLEARNED_SHARE = 0.1
#: A smaller class (not tiny) the model never predicts is set aside too where at least this share of its rows read as
#: one same other class (``lookalike_classes``): most of them, not flips scattered over many classes.
MIN_LOOKALIKE_SHARE = 0.5


def stratified_halves(labels: np.ndarray, seed: int = 0) -> np.ndarray:
    """A boolean mask picking every other row of each class (in a random order): one half."""
    counts = np.bincount(labels)
    order = np.random.default_rng(seed).permutation(len(labels))
    order = order[np.argsort(labels[order], kind="stable")]  # random within each class
    rank = np.arange(len(labels)) - np.repeat(np.cumsum(counts) - counts, counts)
    half = np.zeros(len(labels), dtype=bool)
    half[order] = rank % 2 == 0
    return half


def structure_evidence(labels: np.ndarray, probs: np.ndarray, *, sharpness: float = SHARPNESS) -> dict[str, float]:
    """Do the given labels follow ``T``'s class pairs or random flips? Held-out (two-fold, over
    stratified halves) per-row log-likelihood gain of ``T``'s flip destinations over uniform ones,
    each model with its own EM rate: ``gain_per_error`` (nats per label error the uniform model
    estimates), ``share`` (that over ``log(K - 1)``) and ``z`` (the mean gain over its standard
    error)."""
    from cleanlab.count import estimate_joint

    n_classes = probs.shape[1]
    q = sharpened(probs, sharpness)
    gains = np.zeros(len(labels))
    rates = []
    half = stratified_halves(labels)
    for fit, held in ((half, ~half), (~half, half)):
        joint = np.asarray(estimate_joint(labels[fit], probs[fit]), dtype=np.float64)
        noise = without_tiny_classes(noise_matrix(labels[fit], probs[fit], joint), labels[fit], joint)
        destinations = flip_destinations(noise)
        uniform_rate = flip_rate(labels[fit], q[fit])
        structured_rate = flip_rate(labels[fit], q[fit], destinations)
        gains[held] = (label_loglik(labels[held], q[held], structured_rate, destinations)
                       - label_loglik(labels[held], q[held], uniform_rate, None))
        rates.append(uniform_rate)
    mean = float(gains.mean())
    per_error = mean / max(float(np.mean(rates)), 1e-6)
    spread = float(gains.std()) / np.sqrt(len(gains))
    return {"gain_per_error": per_error, "share": float(per_error / np.log(max(n_classes - 1, 2))),
            "z": mean / spread if spread > 0 else 0.0}


def mixed_up_classes(labels: np.ndarray, probs: np.ndarray, apart: list[int] | None = None) -> np.ndarray:
    """The classes of the overlapping-class groups (engine/class_overlap.py; ``apart``: labels that read as
    parents, as there) whose labels read as mixed up among themselves rather than as a weak classifier's
    confusions: the classifier keeps ``MIN_GROUP_CLOSURE`` or more of the group's rows inside the group, and every
    class of it has ``MIN_ROWS_PER_CLASS`` rows or more. Labels shuffled within a group make ``T``'s block of it
    nearly rank 1 (every true class of the group sends its rows to every label of it alike), so its smallest
    singular value is estimation noise and the condition number lands either side of ``MAX_CONDITION`` with the
    fold split (banking77 test with 4 currency classes shuffled: 9 to 2e16 over 27 splits; bench/README.md,
    session 28 (folds28)): there the group keeps 83-91% of its rows (60-68% where one class of the four drops out
    of the group), 40 rows a class. A weak classifier's groups are small classes whose rows it sends mostly outside
    the group (tests/synthetic.py ``weak_many_classes``: 5-40% kept inside, one of 52% with classes of 10-15 rows)."""
    from engine.class_overlap import class_groups, predicted_counts

    counts = predicted_counts(labels, probs)
    sizes = counts.sum(axis=1)
    mixed = [members for members in class_groups(counts, apart) if sizes[members].min() >= MIN_ROWS_PER_CLASS
             and counts[np.ix_(members, members)].sum() >= MIN_GROUP_CLOSURE * sizes[members].sum()]
    return np.array(sorted(c for members in mixed for c in members), dtype=np.int64)


def unlearned_classes(labels: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """The classes of ``MIN_ROWS_PER_CLASS`` rows or more that the model predicts as themselves on under
    ``MAX_UNLEARNED_SHARE`` of their rows: cleanlab's confident joint counts their rows as other classes and
    counts as them the rows of a class whose texts they resemble, so ``T[c, c]`` is near 0 and their column
    repeats another's, which makes ``T`` ill-conditioned whatever the label noise (module docstring)."""
    n_classes = probs.shape[1]
    counts = np.bincount(labels, minlength=n_classes)
    own = np.bincount(labels[probs.argmax(axis=1) == labels], minlength=n_classes)
    return np.flatnonzero((counts >= MIN_ROWS_PER_CLASS) & (own < MAX_UNLEARNED_SHARE * counts))


def lookalike_classes(labels: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """The classes under ``MIN_ROWS_PER_CLASS`` rows (tiny ones aside: ``T`` reads them as uniform already) that the
    model predicts as themselves on under ``MAX_UNLEARNED_SHARE`` of their rows and reads ``MIN_LOOKALIKE_SHARE`` or
    more of them as one same other class: their column repeats that class's, as an unlearned class's does
    (``unlearned_classes``). Where the rows scatter over many classes (random flips into a class the model barely
    saw: tests/synthetic.py ``weak_many_classes``) the class stays in the guard's condition number."""
    n_classes = probs.shape[1]
    counts = np.bincount(labels, minlength=n_classes)
    predicted = probs.argmax(axis=1)
    own = np.bincount(labels[predicted == labels], minlength=n_classes)
    small = ((counts > 0) & (counts < MIN_ROWS_PER_CLASS) & ~tiny_classes(counts)
             & (own < MAX_UNLEARNED_SHARE * counts))
    return np.array([c for c in np.flatnonzero(small) if np.bincount(predicted[labels == c], minlength=n_classes).max()
                     >= MIN_LOOKALIKE_SHARE * counts[c]], dtype=np.int64)


def unlearned_note(diagnostics: dict) -> str:
    """The note where ``T`` is trusted though ill-conditioned: only the classes the model never predicts make it so."""
    from engine.wording import counted

    whole = diagnostics["condition_number"]
    large, small = diagnostics["unlearned_classes"], diagnostics.get("lookalike_classes", 0)
    through = [f"{counted(large, 'class', 'classes')} of {MIN_ROWS_PER_CLASS} rows or more the model almost never "
               f"predicts as {'itself' if large == 1 else 'themselves'}"] if large else []
    if small:
        through.append(f"{counted(small, 'smaller class', 'smaller classes')} it reads mostly as one other class")
    return (f"label scores: cleanlab's noise matrix is ill-conditioned (condition number "
            f"{f'{whole:.3g}' if whole is not None else 'inf'}) only through {' and '.join(through)} "
            f"(condition number {diagnostics['condition_number_learned']:.3g} without), and held-out rows back its "
            f"class pairs, so it is trusted: the column of such a class repeats the class its rows are read as")


def mixed_note(diagnostics: dict) -> str | None:
    """The note where ``assess`` left mixed-up classes out of the condition number (else None)."""
    if "mixed_up_classes" not in diagnostics:
        return None
    whole, without = (f"{value:.3g}" if value is not None else "inf"
                      for value in (diagnostics["condition_number"], diagnostics["condition_number_without_mixed"]))
    return (f"label scores: cleanlab's noise matrix is judged without the {diagnostics['mixed_up_classes']} classes "
            f"the model cannot tell apart whose rows it keeps among themselves (the overlapping classes; condition "
            f"number {whole} with them, {without} without): labels mixed up within a group make its block of the "
            f"matrix nearly rank 1 whatever the model, so that block does not decide whether the rest is trusted")


def assess(labels: np.ndarray, probs: np.ndarray, noise: np.ndarray, joint: np.ndarray,
           mixed: np.ndarray | None = None) -> tuple[dict[str, float], list[str]]:
    """Diagnostics of the noise estimate and the reasons (if any) not to trust it. ``mixed``
    (``mixed_up_classes``): classes whose labels read as mixed up among themselves, left out of the condition
    number, whose nearly rank-1 block of them says the mix-up, not the model's confusions."""
    n_classes = probs.shape[1]
    counts = np.bincount(labels, minlength=n_classes)
    accuracy = float(np.mean(probs.argmax(axis=1) == labels))
    chance = float(counts.max() / max(len(labels), 1))
    kappa = (accuracy - chance) / max(1.0 - chance, 1e-12)
    condition = float(np.linalg.cond(noise))
    whole = condition
    if mixed is not None and len(mixed) and len(mixed) < n_classes - 1:
        kept = np.setdiff1d(np.arange(n_classes), mixed)
        condition = float(np.linalg.cond(noise[np.ix_(kept, kept)]))
    diagonal = np.diag(noise)
    present = counts > 0
    median_rows = float(np.median(counts[present])) if present.any() else 0.0
    diagnostics = {
        "noise_rate": round(float(np.clip(1.0 - np.trace(joint), 0.0, 1.0)), 4),
        "condition_number": round(whole, 2) if np.isfinite(whole) else None,
        "min_kept_rate": round(float(diagonal[present].min()), 4) if present.any() else None,
        "accuracy": round(accuracy, 4), "kappa": round(kappa, 4), "median_rows_per_class": median_rows,
    }
    ill = not np.isfinite(condition) or condition > MAX_CONDITION
    unlearned = unlearned_classes(labels, probs) if ill else np.array([], dtype=np.int64)
    lookalike = lookalike_classes(labels, probs) if ill else np.array([], dtype=np.int64)
    if len(unlearned) or len(lookalike):  # the condition number without the classes the model never predicts
        aside = np.union1d(unlearned, lookalike)  # (and mixed-up ones)
        aside = np.union1d(aside, mixed) if mixed is not None and len(mixed) else aside
        learned = np.setdiff1d(np.arange(n_classes), aside)
        if len(learned) >= 2:
            kept_condition = float(np.linalg.cond(noise[np.ix_(learned, learned)]))
            diagnostics["unlearned_classes"] = int(len(unlearned))
            if len(lookalike):
                diagnostics["lookalike_classes"] = int(len(lookalike))
            diagnostics["condition_number_learned"] = (round(kept_condition, 2) if np.isfinite(kept_condition)
                                                       else None)
    if condition != whole:
        diagnostics["condition_number_without_mixed"] = round(condition, 2) if np.isfinite(condition) else None
        diagnostics["mixed_up_classes"] = int(len(mixed))
    reasons = []
    if ill:
        reasons.append(f"its noise matrix is ill-conditioned (condition number {condition:.3g} > {MAX_CONDITION:g}: "
                       "the model's own confusions read as label noise)")
    if median_rows < MIN_ROWS_PER_CLASS:
        reasons.append(f"classes are too small to estimate it (median {median_rows:g} rows per class)")
    if kappa < MIN_KAPPA:
        reasons.append(f"the classifier is too weak to read noise from (out-of-fold accuracy {accuracy:.2f}: less "
                       f"than halfway from always predicting the largest class, {chance:.2f}, to perfect)")
    return diagnostics, reasons
