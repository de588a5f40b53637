"""Label quality: a noise-aware posterior where cleanlab's noise estimate can be trusted, else
Datalab's own self-confidence; flags = the lowest-scored rows, as many as label errors estimated.

**The score.** cleanlab's ``self_confidence`` (the probability of the given label) ranks random
flips almost perfectly but ranks flips to a *similar* class poorly: a model trained on noisy
labels learns that part of class ``c``'s region carries label ``c'``. cleanlab's own estimate of
the noise process fixes that. With ``Q = estimate_joint(labels, pred_probs)`` (``Q[given,
true]``), ``T = P(given | true)`` and a row's class probabilities ``p(t | x)``, Bayes gives

    P(true = y | x, given = y) = p(y | x) T[y, y] / sum_t p(t | x) T[y, t]

with ``p`` as the classifier gives it, sharpened by a power (``SHARPNESS``: out-of-fold LR + kNN
probabilities are under-confident); every class pair in ``T`` flips at least at the uniform base
rate. (Up to LABEL_VERSION 8 the score was the geometric mean of that and the same posterior with
the noise-corrected prior ``T^-1 p``. ``T^-1`` removes noise the classifier learned, but
out-of-fold, regularised predictions mostly did not learn the flips, so at low noise rates it
over-corrected: on bench/quality.py's 126 runs, dropping it brought the three pair-swap 2% cells
to within 0.01 of self-confidence's AP, e.g. banking77 TF-IDF 0.808 -> 0.847 against 0.854, and
cost the confusable cells 0.006-0.048 AP, all still far above self-confidence; bench/README.md.)

**Whether to trust ``T``, and which noise model the labels follow**: engine/noise_trust.py (``assess``:
the guards; ``structure_evidence``: class pairs against random flips on held-out rows), whose
verdicts ``score_labels`` turns into a score, a count and notes. The held-out test runs where a random-flip
model finds errors enough to test (``enough_to_test``: 1% of the rows, or fewer that it singles out; 31).
A label that reads as a parent of others (engine/parent_labels.py: a topic beside its intents) is read first:
the probabilities grouped so that its rows are right for its children's texts, and it does not count against a
child's label (banking77test+hier clean: 299 flagged, then 66; LABEL_VERSION 34).

**The flags.** Not a fixed cut on the score: the ``k`` lowest-scored rows, ``k`` the number of
label errors estimated. cleanlab's own estimate (``num_label_issues``, the confident joint's
off-diagonal) also counts honest confusions, by 2.5-4x on the long-tail TF-IDF set of
bench/quality.py, so it is capped by a second estimate: with a trusted posterior, the rows whose
label is more likely wrong than right; with self-confidence, the maximum-likelihood rate of the
noise model the held-out test prefers: random flips, ``P(given = y | x) = (1 - r) q_y + r (1 -
q_y) / (K - 1)`` (``q``: the sharpened probabilities; EM over ``r``), which counts a row only
when the model gives its label far less than its own confusions would, or ``T``'s class pairs
(``r sum_t q_t D[y, t]`` for the flips), which also counts flips the classifier partly learned.
A model's count is not its EM rate times the rows (``flip_counts.counted_flips``): a classifier trained on the
noisy labels learns part of the flips (with few classes most: 0.6-0.9 of the floor ``r / (K - 1)``
on bench/quality.py's three-class sets, 0.02-0.3 with 77 classes), so a flipped row keeps that
floor on its label, its EM posterior of a flip stays below 1 (0.5-0.7 on average there), and the
rate counted 0.61-0.84x the flips at 10% there. The count is the rows whose posterior of a flip is
above 0.5, over the share of flips that would be: simulated by flipping the rows the classifier
agrees with (mostly clean) to each destination the model allows (0.70-0.95 on the bench's noisy
cells; against the flips' own share: +0.03 on average under random flips with random-flip
destinations, -0.01 under pair swaps with ``T``'s, +0.13 under flips to the nearest class, whose
rows sit nearer that class, so there it still under-counts). Rows more likely flipped than not
also leave out most honest confusions, which the EM rate adds up (ag_news with TF-IDF vectors, 2%
flips to the nearest class: 264 of its 348). Below a share of ``flip_counts.MIN_FLIP_DETECTION`` the rate
stays as it is, unless 9 rows or more are counted at a share of 0.25 or more (LABEL_VERSION 28, flip_counts).
An undecided held-out test (share met, z short: a small set) counts with the larger of the two models (28).
Where held-out rows back cleanlab's rates per class (engine/class_rates.py), the count is that model's
(``flip_counts.rated_flips``): one rate for all missed the flips of a class that flips often, which the
classifier partly learned (bench/README.md, session 23: a third of one class of ``+rmerge6`` flipped, 45 counted
for 154; 29).
A class under ``TINY_CLASS_ROWS`` rows is one the classifier barely saw out of fold: every row of
it gets little probability on its label, so its posterior of a flip is near 1 and it ranks among
the lowest whether wrong or not. Counted and flagged like the others, such a class was flagged
whole (the demo's 3-row class: its 2 honest rows among 14 flags for 11 planted errors). Its rows
add the rate's share to a count, and the class gets at most its share of the flags, its
lowest-scored rows (``lowest_scored``); on the 251 cached bench runs: AP and paths unchanged,
no-noise flags equal or lower, mean F1 0.7873 -> 0.7876 (long-tail and fine50 up to +0.03 under
flips to the nearest class, down to -0.02 under random flips, some of which land in tiny classes).
But random flips land per class, not per row, so with many tiny classes most of their rows can be
flips from elsewhere (bench/quality.py's ``+scatter``, 5%: 161 flagged for 278 flips): a tiny
class's strays (``flip_counts.stray_rows``: rows the classifier places each in a sure other class
of its own) are counted and flagged as any row (250 flagged there; LABEL_VERSION 27).
The cap left the ranking as it was: an honest row of such a class still scored among the lowest,
its label's few percent beside a spread over classes the classifier never learned to rule out. So
its score is the path's own (self-confidence or the posterior) on the two-way contest between its
label and its likeliest other class (``two_way_contest``): a flip into the class, or out of it,
keeps a sure rival and stays low; an honest row without one rises. On the 251 cached runs: AP up
on 77 runs (up to +0.027: long-tail, fine50, zipf50, split), down on 2 by < 0.0001, flag counts
and paths unchanged (LABEL_VERSION 13; bench/README.md). With a weak classifier a flip into such a
class has an unsure true class as well (0.3-0.5), and the contest lifted it with the honest rows
(weak-vector cells at 1-2% random flips: about 0.01 AP below self-confidence). A row whose rival
reaches its class's confident-learning threshold (``class_thresholds``: the mean probability of
that class on the rows labelled with it; confident learning would count the row as that class)
keeps its probabilities as they are (a class under ``MIN_ROWS_PER_CLASS`` rows is never a sure
rival). On 205 cached runs with tiny classes: weak vectors +0.0011 AP on average (up to +0.011 a
cell), TF-IDF -0.0009, MiniLM -0.0002, flags and paths unchanged (LABEL_VERSION 15; bench/README.md,
session 12).
With two classes there is no held-out test and no model count: every flip goes to the one other
class, so the classifier learns the flips' floor (its probability of a clean row's label stays
near ``1 - r``) and the fixed power leaves flipped rows looking right: on bench/quality.py's
two-class sets with 5-10% flips the rows below 0.5 were 0.76-0.96x the flips (cleanlab's count
0.99-1.17x). There the rows below 0.5 are counted with the power that best explains the given
labels through ``T`` (``fitted_sharpness``: 2-3.25 there, now 0.96-1.11x the flips). (Doing so on
every posterior without a model count raised the flags on clean many-class sets by 19-37%; fitting
the power for every count cost the many-class TF-IDF sets 0.02-0.07 F1; bench/README.md.)
Cleanlab's count no longer caps that one (LABEL_VERSION 30): with flips out of one class only,
nothing flips into it, so its confident-learning threshold (the class's mean probability on the rows
labelled with it) stays at its clean rows' level, and the flips the classifier partly learned sit
under it (ag_news two topics, a quarter of one flipped: cleanlab 278-284 for 380, the fitted power
351-361; bench/README.md, session 24 (quality24b)).
On the guards' path (the estimate untrusted) the two-class flip model was one rate both ways, and with flips out of
one class only its rate came out 0 (the classifier already gives the flipped rows part of their label, and a rate
both ways costs likelihood on every sure row of the other class): banking77 in two groups, a third of the smaller
flipped into the larger, 0 flagged for 1,000. There each class's own rate (``class_rates.one_way_noise``) counts
where held-out rows back it over a classifier biased toward one class with one rate both ways (``one_way_evidence``,
z at least ``MIN_STRUCTURE_Z``; such a bias also reads as flips out of one class), uncapped by cleanlab's count, as
above, and the score is the posterior on those rates (each at least ``MIN_NOISE_RATE``): self-confidence ranked
the other class's honest doubts among the flips (AP 0.70-0.74 there, now 0.93-0.94; LABEL_VERSION 32;
bench/README.md, session 25 (quality25)). The posterior's path uses the same model where it is backed (161 cached
cells, all flips out of one class: AP +0.003 to +0.133; its count as before; LABEL_VERSION 33).
Which label's rows rank first is then the ratio of ``T``'s two flip rates, and cleanlab's tilts where
the classifier honestly confuses one class for the other more than the reverse (a weak set with
random flips: 0.01-0.03 AP below self-confidence), so held-out rows decide between cleanlab's two
rates and one rate both ways (engine/class_rates.py; LABEL_VERSION 24).
Figures: bench/README.md (quality).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.class_rates import class_rate_noise, floored_rates, one_way_model, one_way_words, two_class_noise
from engine.flag_order import passed_over_note, tiny_share
from engine.flip_counts import MIN_FLIP_DETECTION, MIN_FLIP_ROWS, counted_flips, flip_rate, rated_flips, stray_rows
from engine.label_probs import FLOOR, SHARPNESS, clean_probs as _clean, sharpened as _sharpened
from engine.label_signal import label_signal, no_signal_note, weak_note
from engine.neighbour_labels import neighbour_cut
from engine.noise_matrix import MIN_NOISE_RATE, TINY_CLASS_ROWS, flip_destinations, noise_matrix, without_tiny_classes
from engine.noise_trust import (
    MAX_CONDITION, MIN_KAPPA, MIN_ROWS_PER_CLASS, MIN_STRUCTURE_SHARE, MIN_STRUCTURE_Z, assess, mixed_note,
    mixed_up_classes, stratified_halves, structure_evidence, unlearned_note,
)
from engine.pair_backing import SELF_CONFIDENCE_WEIGHT, log_odds_pool, pair_backing_z
from engine.parent_labels import grouped_probs, parent_like
from engine.score_finish import finished_score
from engine.wording import counted, counted_verb

#: The powers ``fitted_sharpness`` tries (two classes: the count's power, see the module docstring).
SHARPNESS_GRID = tuple(float(power) for power in np.arange(1.0, 4.01, 0.25))


@dataclass
class LabelScores:
    """The label check's verdict: scores, flags, and how they were reached."""

    score: np.ndarray  # 0..1, low = likely a wrong label
    flags: np.ndarray  # the ``estimated_issues`` lowest scores
    estimated_issues: int  # label errors estimated (the number flagged)
    method: str  # "noise-aware posterior" or "self-confidence"
    notes: list[str] = field(default_factory=list)
    diagnostics: dict[str, float | str | None] = field(default_factory=dict)
    parents: list[dict] = field(default_factory=list)  # labels that read as parents (engine/parent_labels.py)


def label_posterior(
    labels: np.ndarray, pred_probs: np.ndarray, *, sharpness: float = SHARPNESS, noise: np.ndarray | None = None
) -> np.ndarray:
    """Per-row probability (0..1, low = likely a label issue) that the given label is right.

    Trusts the noise estimate unconditionally; ``score_labels`` decides whether to use it."""
    labels = np.asarray(labels, dtype=np.int64)
    probs = _clean(pred_probs)
    if noise is None:
        noise = noise_matrix(labels, probs)
    weights = probs**sharpness * noise[labels]  # row i: prior p(t | x) times P(given = y_i | true = t)
    return weights[np.arange(len(labels)), labels] / weights.sum(axis=1)


def fitted_sharpness(labels: np.ndarray, probs: np.ndarray, noise: np.ndarray) -> float:
    """The power in ``SHARPNESS_GRID`` under which the given labels are likeliest through ``T``:
    ``mean log sum_t q_t T[given, t]``, ``q`` the probabilities raised to it (renormalised)."""
    rows = np.arange(len(labels))
    loglik = [np.mean(np.log(np.maximum((_sharpened(probs, power) @ noise.T)[rows, labels], 1e-300)))
              for power in SHARPNESS_GRID]
    return SHARPNESS_GRID[int(np.argmax(loglik))]


def lowest_scored(score: np.ndarray, labels: np.ndarray, count: int, strays: np.ndarray | None = None) -> np.ndarray:
    """The ``count`` lowest-scored rows, but of a class under ``TINY_CLASS_ROWS`` rows at most its
    share of the count, rounded up (its lowest-scored rows): out of fold the classifier barely saw
    such a class, so every row of it scores low, wrong or not (module docstring). Rows in
    ``strays`` (``flip_counts.stray_rows``) are ranked as any other."""
    flags = np.zeros(len(score), dtype=bool)
    if count <= 0:
        return flags
    sizes = np.bincount(labels)
    share = np.ceil(sizes * count / len(score)).astype(np.int64)
    taken = np.zeros_like(sizes)
    left = count
    for row in np.argsort(score, kind="stable"):
        label = labels[row]
        if sizes[label] < TINY_CLASS_ROWS and (strays is None or not strays[row]):
            if taken[label] >= share[label]:
                continue
            taken[label] += 1
        flags[row] = True
        left -= 1
        if left == 0:
            break
    return flags


def class_thresholds(labels: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Confident learning's per-class thresholds: the mean probability of class ``c`` over the rows
    labelled ``c``; 1 (never reached) for a class under ``MIN_ROWS_PER_CLASS`` rows, whose few rows
    the classifier barely learned, so their mean says nothing about when that class is sure (the
    tests' weak 50-class synthetic: with every class's threshold, 0.02-0.15 AP below self-confidence)."""
    from engine.datalab_rule import class_means  # the same mean Datalab's rule reads (one place)

    counts, means = class_means(labels, probs)
    return np.where(counts >= MIN_ROWS_PER_CLASS, means, 1.0)


def two_way_contest(labels: np.ndarray, probs: np.ndarray, thresholds: np.ndarray | None = None) -> np.ndarray:
    """Each row's probabilities kept only for its given label and its most likely other class
    (the rest at ``FLOOR``), renormalised: the contest between the label and the row's best
    alternative. A class the classifier barely saw gets little probability on every row, the rest
    spread over classes it never learned to rule out; that spread says nothing about whether the
    label or its rival is right (module docstring). With ``thresholds`` (``class_thresholds``), a
    row whose rival reaches its class's threshold (confident learning would count it as that
    class) keeps its probabilities as they are: its rival is sure, so it is no contest."""
    rows = np.arange(len(labels))
    others = np.array(probs, dtype=np.float64)
    others[rows, labels] = -np.inf
    rival = others.argmax(axis=1)
    contest = np.full(probs.shape, FLOOR)
    contest[rows, labels] = probs[rows, labels]
    contest[rows, rival] = probs[rows, rival]
    contest /= contest.sum(axis=1, keepdims=True)
    if thresholds is not None:
        sure = probs[rows, rival] >= thresholds[rival]
        contest[sure] = probs[sure]
    return contest


def uniform_flip_rate(labels: np.ndarray, pred_probs: np.ndarray, *, sharpness: float = SHARPNESS) -> float:
    """Maximum-likelihood rate ``r`` of ``P(given = y | x) = (1 - r) q_y + r (1 - q_y) / (K - 1)``
    (``q``: the sharpened probabilities), by EM from ``r`` = 0.1."""
    labels = np.asarray(labels, dtype=np.int64)
    if pred_probs.shape[1] < 2 or len(labels) == 0:
        return 0.0
    return flip_rate(labels, _sharpened(pred_probs, sharpness))


def enough_to_test(random_flips: int, seen: float, n_rows: int) -> bool:
    """Whether a random-flip model finds errors enough for the held-out test between class pairs and random flips
    (``structure_evidence``): ``MIN_NOISE_RATE`` of the rows, or, fewer, rows it singles out: ``MIN_FLIP_ROWS`` or
    more counted at a simulated share of flips seen (``seen``) of ``MIN_FLIP_DETECTION`` or more, where its count is
    rows read off the probabilities, not a rate spread over the classifier's floors (engine/flip_counts.py). Under 1%
    of random flips on many classes the untested posterior ranked them up to 0.32 AP below self-confidence, the
    honest class-pair confusions dominating ``T`` (bench/README.md, session 24 (quality24); LABEL_VERSION 31); with
    few classes the share stays low (``+rmerge6``, 6 labels: 0.003-0.1), a random flip there is not told from a
    pair's, and the posterior is kept."""
    return random_flips >= MIN_NOISE_RATE * n_rows or (random_flips >= MIN_FLIP_ROWS and seen >= MIN_FLIP_DETECTION)


def untested_why(two_classes: bool) -> str:
    """Why the held-out test between class pairs and random flips did not run (a note's words)."""
    return "with two classes, the only one" if two_classes else "random flips leave almost none"


def score_labels(labels: np.ndarray, pred_probs: np.ndarray, copies: np.ndarray | None = None,
                 neighbours: np.ndarray | None = None, datalab_count: int | None = None) -> LabelScores:
    """Score every row's label, decide which estimate to trust, and flag the likely errors.
    ``copies`` (engine/label_copies.py): the rows whose exact text is also another label's; a note
    on a weak classifier's flags says how many of them are such rows."""
    from cleanlab.count import compute_confident_joint, estimate_joint

    labels = np.asarray(labels, dtype=np.int64)
    probs = _clean(pred_probs)
    parents = parent_like(labels, probs)  # a coarse label beside its finer ones: right for their texts too
    if parents:
        probs = _clean(grouped_probs(labels, probs, parents))
    n_rows = len(labels)
    rows = np.arange(n_rows)
    self_confidence = probs[rows, labels]
    confident = compute_confident_joint(labels, probs)
    cleanlab_count = int(confident.sum() - np.trace(confident))  # num_label_issues(off_diagonal)
    joint = np.asarray(estimate_joint(labels, probs, confident_joint=confident), dtype=np.float64)
    noise = without_tiny_classes(noise_matrix(labels, probs, joint), labels, joint)
    mixed = mixed_up_classes(labels, probs, [found["class"] for found in parents])
    diagnostics, reasons = assess(labels, probs, noise, joint, mixed)
    notes: list[str] = [note for note in (mixed_note(diagnostics),) if note]
    q = _sharpened(probs, SHARPNESS)
    tiny_rows = np.bincount(labels, minlength=probs.shape[1])[labels] < TINY_CLASS_ROWS
    strays = np.zeros(n_rows, dtype=bool)  # a tiny class's strays count as any row (flip_counts.stray_rows)
    if tiny_rows.any():
        strays[tiny_rows] = stray_rows(labels[tiny_rows], probs[tiny_rows], class_thresholds(labels, probs))
    barely = tiny_rows & ~strays
    uniform_flips, uniform_seen = counted_flips(labels, q, set_aside=barely)
    uniform_count = int(round(uniform_flips))
    # the likelihoods can only tell the noise models apart where random flips account for some
    # rows: flips the classifier partly learned (none left to a random-flip model) are systematic
    two_classes = probs.shape[1] == 2  # every flip goes to the other class: the two models are one
    # (the test's threshold counts tiny classes' rows as any others', as before LABEL_VERSION 12)
    random_flips, random_seen = counted_flips(labels, q) if tiny_rows.any() else (uniform_flips, uniform_seen)
    tested_rows = n_rows
    if "mixed_up_classes" in diagnostics:  # a set-aside group's mix is no random flip (noise_trust.mixed_up_classes)
        outside = ~np.isin(labels, mixed)
        (random_flips, random_seen), tested_rows = counted_flips(labels[outside], q[outside]), int(outside.sum())
    testable = not two_classes and enough_to_test(int(round(random_flips)), random_seen, tested_rows)
    evidence = structure_evidence(labels, probs) if testable else None
    if evidence is not None:
        diagnostics.update(structure_share=round(evidence["share"], 4), structure_z=round(evidence["z"], 2))
    pairs = evidence is not None and evidence["share"] >= MIN_STRUCTURE_SHARE and evidence["z"] >= MIN_STRUCTURE_Z
    learned = diagnostics.get("condition_number_learned")  # set where T is ill-conditioned (noise_trust.assess)
    if pairs and len(reasons) == 1 and learned is not None and learned <= MAX_CONDITION:
        reasons = []  # only through classes the model never predicts, and held-out rows back T's pairs
        notes.append(unlearned_note(diagnostics))
    posterior_noise = noise
    if reasons:
        score = self_confidence
        method = "self-confidence"
        diagnostics["noise_model"] = "untrusted"
        # the count comes from the noise model the held-out likelihood prefers: random flips, or
        # T's class pairs (its destinations, not its ill-conditioned inverse), whose flips the
        # classifier partly learned and a random-flip model therefore misses; where random flips
        # leave too few errors to test (untestable), the errors are systematic, as on the
        # posterior's path below (split halves with flips to the twin half: 48 counted for 500)
        systematic = pairs or not testable
        model = "class-pair" if systematic else "uniform-flip"
        model_count = uniform_count
        which = "the better one on held-out rows" if testable else untested_why(two_classes)
        if systematic:
            pair_flips, pair_seen = counted_flips(labels, q, flip_destinations(noise), set_aside=barely)
            model_count = int(round(pair_flips))
            diagnostics.update(class_pair_estimate=model_count, class_pair_detection=round(pair_seen, 4))
        one_way = one_way_model(labels, q, diagnostics) if two_classes else None
        if one_way is not None:  # one rate both ways misses flips out of one class: each class's own rate
            one_way_flips, one_way_seen = rated_flips(labels, q, one_way, set_aside=barely)
            model_count = int(round(one_way_flips))
            diagnostics.update(one_way_estimate=model_count, one_way_detection=round(one_way_seen, 4))
            model, which = "one-way", one_way_words(one_way, diagnostics)
            # the score too: self-confidence ranks the honest doubts of the class nothing flips out of among the
            # flips (banking77 in two groups, a third of one flipped: AP 0.70-0.74, on these rates 0.93-0.94)
            posterior_noise = floored_rates(one_way)
            score, method = label_posterior(labels, probs, noise=posterior_noise), "noise-aware posterior"
            diagnostics["noise_model"] = "one-way"
        # flips out of one class: cleanlab's count is no cap, as on the posterior's path (LABEL_VERSION 30): nothing
        # flips into that class, so its threshold stays at its clean rows' level and the flips sit under it
        estimated = model_count if model == "one-way" else min(cleanlab_count, model_count)
        notes.append("label scores: cleanlab's noise estimate is not trusted because " + "; ".join(reasons) + (
            f". label_score is the noise-aware posterior on a {model} noise model ({which})" if model == "one-way"
            else ". label_score is Datalab's own self-confidence"))
        if estimated != cleanlab_count and (estimated < cleanlab_count or model == "one-way"):
            notes.append(f"label issues: cleanlab's confident joint counts {cleanlab_count:,} likely label errors, "
                         f"read from the same untrusted estimate; "
                         + ("that one-way model" if model == "one-way" else f"a {model} noise model ({which})")
                         + f" explains the labels with {estimated:,}, so the {estimated:,} lowest-scored rows are "
                         f"flagged{tiny_share(labels)}" + ("; cleanlab's count misses flips out of a class that few rows flip into, whose "
                                       "threshold stays as high as its clean rows" if estimated > cleanlab_count else ""))
    elif evidence is not None and not pairs:
        score = self_confidence
        method = "self-confidence"
        diagnostics["noise_model"] = "uniform"
        estimated = min(cleanlab_count, uniform_count)
        # class pairs gain enough but z falls short: undecided, so not the random-flip count alone, which
        # misses flips to look-alike classes (bench/README.md, session 22: small15 confusable 5%, 8 for 22)
        undecided = evidence["share"] >= MIN_STRUCTURE_SHARE
        if undecided:
            pair_flips, pair_seen = counted_flips(labels, q, flip_destinations(noise), set_aside=barely)
            diagnostics.update(class_pair_estimate=int(round(pair_flips)), class_pair_detection=round(pair_seen, 4))
            estimated = min(cleanlab_count, max(uniform_count, diagnostics["class_pair_estimate"]))
        # flips landing at random, but some classes flipping more than others (engine/class_rates.py)
        rated, rates_z = class_rate_noise(labels, probs, q, stratified_halves(labels), MIN_STRUCTURE_Z)
        diagnostics["class_rates_z"] = round(rates_z, 2)
        if rated is not None:
            posterior_noise, score, method = rated, label_posterior(labels, probs, noise=rated), "noise-aware posterior"
            diagnostics["noise_model"] = "class rates"
            # the count from the model the score uses: one rate for all misses the flips of a class that flips
            # often, which the classifier partly learned (bench/README.md, session 23: +rmerge6 oneclass)
            rated_count, rated_seen = rated_flips(labels, q, rated, set_aside=barely)
            diagnostics.update(class_rate_estimate=int(round(rated_count)), class_rate_detection=round(rated_seen, 4))
            estimated = min(cleanlab_count, max(int(round(rated_count)),
                                                diagnostics["class_pair_estimate"] if undecided else 0))
        scorer = ("the noise-aware posterior on cleanlab's flip rate per class" if rated is not None
                  else "Datalab's own self-confidence")
        notes.append(f"label scores: {scorer}, because on held-out rows random flips explain "
                     f"the given labels as well as cleanlab's class-pair noise matrix (its gain: "
                     f"{evidence['share']:.0%} of the most class pairs could add, z {evidence['z']:.1f}; the "
                     f"noise-aware posterior needs {MIN_STRUCTURE_SHARE:.0%} and z {MIN_STRUCTURE_Z:g}), and under "
                     f"random flips the posterior ranks rows as self-confidence does"
                     + (f", but cleanlab's rates per class explain them better than one rate for all "
                        f"(z {rates_z:.1f}), "
                        f"so a row's score weighs how often its class and the others flip" if rated is not None else "")
                     + f". The {estimated:,} lowest-scored rows are flagged (label errors estimated"
                     + (", by the flip rates per class" if rated is not None else "")
                     + (", the larger count of the two noise models: the held-out test cannot tell them apart"
                        if undecided else "") + ")" + tiny_share(labels))
    else:
        one_way = None
        if two_classes:  # cleanlab's rates or one shared rate, whichever held-out rows back (engine/class_rates.py)
            posterior_noise, readings = two_class_noise(labels, probs, q, noise, stratified_halves(labels),
                                                        MIN_STRUCTURE_Z)
            diagnostics.update(readings)
            one_way = one_way_model(labels, q, diagnostics)  # flips out of one class: each class's own rate
            if one_way is not None:
                posterior_noise = floored_rates(one_way)
                diagnostics["two_class_rates"] = "one-way"
        score = label_posterior(labels, probs, noise=posterior_noise)
        method = "noise-aware posterior"
        diagnostics["noise_model"] = "class pairs"
        # rows both estimates call likely wrong: cleanlab's count, at most the rows whose label
        # is more likely wrong than right (the confident joint also counts honest confusions);
        # where the held-out test chose class pairs, at most that model's maximum-likelihood count
        # too, as in the fallback (sure regression probabilities put more rows below 0.5: the
        # long-tail TF-IDF set flagged 2.1x the flips at 5%, 1.3-1.5x with this cap)
        below = score < 0.5
        if two_classes:  # the classifier learned the flips' floor: the power the labels fit (docstring)
            power = fitted_sharpness(labels, probs, noise)
            diagnostics["count_sharpness"] = power
            below = label_posterior(labels, probs, sharpness=power, noise=noise) < 0.5
        # two classes: the rows below 0.5 at the fitted power alone (cleanlab's count misses flips out of one
        # class: nothing flips into it, so its confident-learning threshold stays at its clean rows' level; docstring)
        estimated = int(np.sum(below)) if two_classes else min(cleanlab_count, int(np.sum(below)))
        if evidence is not None:
            pair_flips, pair_seen = counted_flips(labels, q, flip_destinations(noise), set_aside=barely)
            diagnostics.update(class_pair_estimate=int(round(pair_flips)), class_pair_detection=round(pair_seen, 4))
            estimated = min(estimated, diagnostics["class_pair_estimate"])
        if evidence is not None:
            why = (f"on held-out rows, the label errors follow cleanlab's class-pair noise matrix rather than "
                   f"random flips (gain {evidence['share']:.0%} of the most a class pair could add, "
                   f"z {evidence['z']:.1f})")
        elif two_classes:
            why = ("with two classes every flip goes to the other class, so its noise matrix is the noise model" + (
                f", with {one_way_words(one_way, diagnostics)}" if one_way is not None else
                f" (on held-out rows its two flip rates beat one rate both ways, z {diagnostics['class_rates_z']:.1f})"
                if diagnostics["two_class_rates"] == "cleanlab" else
                ", at one rate both ways: on held-out rows cleanlab's two rates do no better (z "
                f"{diagnostics['class_rates_z']:.1f}), so rows rank as by self-confidence"))
        else:
            found = "no label errors" if uniform_count == 0 else "only " + counted(uniform_count, "label error")
            why = (f"a random-flip model finds {found} while cleanlab counts {cleanlab_count:,}: errors the "
                   f"classifier partly learned are systematic")
        if two_classes and estimated > cleanlab_count:
            why += (f"; {counted_verb(estimated, 'row', 'are')} flagged as more likely wrong than right, where "
                    f"cleanlab's confident joint counts {cleanlab_count:,}: it misses flips out of a class that few "
                    f"rows flip into, whose threshold stays as high as its clean rows")
        if cleanlab_count == 0 and estimated == 0:  # no reason to give: neither model finds an error (a clean file)
            notes.append("label scores: the noise-aware posterior; cleanlab's confident joint counts no likely "
                         "label errors, so no row is flagged")
        else:
            notes.append(f"label scores: the noise-aware posterior, because {why}; a row's score weighs how "
                         f"often its label replaces its likely class")
    # untested class pairs that held-out rows do not back either: lean toward self-confidence (engine/pair_backing.py)
    untested = method == "noise-aware posterior" and evidence is None and not two_classes and cleanlab_count > 0
    if untested:
        diagnostics["pair_backing_z"] = round(pair_backing_z(labels, probs, q, stratified_halves(labels)), 2)
    lean = untested and diagnostics["pair_backing_z"] < MIN_STRUCTURE_Z
    score = finished_score(labels, probs, q, score, method, posterior_noise, tiny_rows, diagnostics, notes)
    if lean:
        own = finished_score(labels, probs, q, self_confidence, "self-confidence", posterior_noise, tiny_rows, {}, [])
        score = log_odds_pool(own, score, SELF_CONFIDENCE_WEIGHT)
        diagnostics["self_confidence_weight"] = SELF_CONFIDENCE_WEIGHT
        notes.append(f"label scores lean toward self-confidence (weight {SELF_CONFIDENCE_WEIGHT:g} of the two, pooled "
                     f"as log-odds): on held-out rows cleanlab's class pairs explain the given labels no better "
                     f"than no flips at all (z {diagnostics['pair_backing_z']:.1f}, under {MIN_STRUCTURE_Z:g}), so the "
                     f"errors may as well be slips between look-alike classes; the count flagged is the posterior's")
    flags = lowest_scored(score, labels, estimated, strays)
    estimated, flags = neighbour_cut(labels, score, estimated, strays, flags, neighbours, datalab_count, diagnostics)
    notes.extend(filter(None, [passed_over_note(labels, score, flags)]))  # flags out of the score's order, said
    diagnostics.update(cleanlab_estimate=cleanlab_count, uniform_flip_estimate=uniform_count,
                       uniform_flip_detection=round(uniform_seen, 4))
    signal = label_signal(labels, probs)
    diagnostics["label_signal_kappa"] = round(signal["kappa"], 4)
    no_signal = no_signal_note(signal)  # kappa, or where under its cut the ranking's AUC (a rare class: rare40)
    diagnostics.update({"label_signal_auc": round(signal["auc"], 4)} if "auc" in signal else {},
                       no_label_signal=bool(no_signal))
    # a weak classifier (the guard's kappa): its flags are uncertain, and the summary says so (weak_note)
    diagnostics["weak_classifier"] = no_signal is None and diagnostics["kappa"] < MIN_KAPPA
    largest = float(np.bincount(labels).max() / len(labels)) if len(labels) else 0.0
    weak = weak_note(diagnostics, probs.shape[1], flags, copies, largest) if diagnostics["weak_classifier"] else None
    notes[:0] = [note for note in (no_signal, weak) if note]
    diagnostics["parent_like_classes"] = len(parents)
    return LabelScores(score=score, flags=flags, estimated_issues=estimated, method=method,
                       notes=notes, diagnostics=diagnostics, parents=parents)

