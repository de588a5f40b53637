"""bench/quality.py's dataset variants (class shapes, weak embeddings) and its injected noise:
the helpers ``load_dataset`` composes (``banking77+fine50+proj10``); see bench/quality.py's docstring."""

from __future__ import annotations

import numpy as np

#: ``+projN``: the seed of the fixed random projection (the same matrix for every dataset)
PROJECTION_SEED = 2026


def projection_dims(variant: str) -> int | None:
    """N of a ``+projN`` variant (2..384), else None."""
    digits = variant[len("proj"):]
    if variant.startswith("proj") and digits.isdigit() and 2 <= int(digits) <= 384:
        return int(digits)
    return None


def projected(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Weak embeddings: the vectors through a fixed Gaussian random projection to ``dims``
    dimensions (seed ``PROJECTION_SEED``), rows L2-normalised. Class structure survives only
    coarsely, so the classifier errs often and in a structured way (nearby classes), as a weak
    real classifier does; labels play no part."""
    matrix = np.random.default_rng(PROJECTION_SEED).normal(size=(vectors.shape[1], dims))
    out = np.asarray(vectors, dtype=np.float64) @ matrix
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out.astype(np.float32)


def split_classes(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Every class in two by 2-means on its vectors: 2K classes, the halves of one class close."""
    from sklearn.cluster import KMeans

    out = labels * 2
    for c in np.unique(labels):
        rows = np.flatnonzero(labels == c)
        if len(rows) >= 4:
            halves = KMeans(2, n_init=3, random_state=0).fit_predict(vectors[rows])
            out[rows] += halves
    _, out = np.unique(out, return_inverse=True)
    return out


COARSE = tuple(f"coarse{n}" for n in range(2, 10))


def coarse_classes(vectors: np.ndarray, labels: np.ndarray, groups: int) -> np.ndarray:
    """Every class mapped to one of ``groups`` coarse classes: k-means on the class centroids
    (cosine), so a coarse class gathers similar fine ones, in sizes as uneven as the topics."""
    from sklearn.cluster import KMeans

    n_classes = int(labels.max()) + 1
    if groups >= n_classes:
        raise SystemExit(f"+coarse{groups} needs more than {groups} classes ({n_classes})")
    centroids = np.stack([vectors[labels == c].mean(axis=0) for c in range(n_classes)])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    group = KMeans(groups, n_init=10, random_state=0).fit_predict(centroids)
    _, group = np.unique(group, return_inverse=True)
    return group[labels]


def long_tail_rows(labels: np.ndarray) -> np.ndarray:
    """Rows kept for a long tail: two thirds of the classes (at random) keep every row; the
    last third shrink geometrically from full size to a single row, so about one class in six
    ends with 1-10 rows and one with exactly 1."""
    rng = np.random.default_rng(7)
    classes = rng.permutation(np.unique(labels))
    head = int(np.ceil(len(classes) * 2 / 3))
    tail = len(classes) - head
    keep = []
    for rank, c in enumerate(classes):
        rows = np.flatnonzero(labels == c)
        share = 0.0 if rank < head else (rank - head + 1) / tail  # 1/tail .. 1
        size = max(1, int(round(len(rows) ** (1.0 - share))))
        keep.append(rng.choice(rows, size, replace=False))
    return np.sort(np.concatenate(keep))


SHAPES = ("fine50", "zipf50", "binary", "imbalanced", "tiny", "skew95", "minor2", "scatter", "small15", "major60")
#: ``+fine50``'s tail: the sizes of its 8 smallest classes
FINE_TAIL = (1, 2, 3, 4, 6, 7, 8, 9)


def shape_rows(labels: np.ndarray, shape: str) -> np.ndarray:
    """Rows kept for a degenerate shape (``+fine50``, ``+binary``, ``+imbalanced``, ``+tiny``;
    see the module docstring); classes are drawn at random (seed 11), rows at random within them."""
    rng = np.random.default_rng(11)
    classes = rng.permutation(np.unique(labels))
    rows_of = [np.flatnonzero(labels == c) for c in classes]
    if shape == "fine50":
        sizes = [len(r) for r in rows_of[: 50 - len(FINE_TAIL)]] + list(FINE_TAIL)
    elif shape == "zipf50":  # 42 classes shrinking geometrically from 190 to 10 rows, then the tail
        head = 50 - len(FINE_TAIL)
        sizes = [min(len(r), round(190 * (10 / 190) ** (i / (head - 1)))) for i, r in enumerate(rows_of[:head])]
        sizes += list(FINE_TAIL)
    elif shape == "binary":
        sizes = [len(r) for r in rows_of[:2]]
    elif shape == "imbalanced":
        sizes = [len(rows_of[0]), max(1, round(len(rows_of[0]) / 99))]
    elif shape == "skew95":  # two classes, 95:5
        sizes = [len(rows_of[0]), max(1, round(len(rows_of[0]) * 5 / 95))]
    elif shape == "minor2":  # every class, one of them cut to 2% of its rows
        sizes = [max(1, round(len(rows_of[0]) * 0.02))] + [len(r) for r in rows_of[1:]]
    elif shape == "scatter":  # half the classes whole, the other half 1-3 rows each
        half = (len(rows_of) + 1) // 2
        sizes = [len(r) for r in rows_of[:half]] + [min(len(r), int(rng.integers(1, 4))) for r in rows_of[half:]]
    elif shape == "small15":  # session 22: a small set, 15 classes of 15-50 rows
        rows_of = rows_of[:15]
        sizes = [min(len(r), int(rng.integers(15, 51))) for r in rows_of]
    elif shape == "major60":  # session 22: one class whole at 60% of the rows, the others cut evenly
        others = sum(len(r) for r in rows_of[1:])
        cut = min(1.0, len(rows_of[0]) * 40 / 60 / max(others, 1))
        sizes = [len(rows_of[0])] + [max(1, round(len(r) * cut)) for r in rows_of[1:]]
    else:
        sizes = [15] * 4
    keep = [rng.choice(rows, size, replace=False) for rows, size in zip(rows_of, sizes)]
    return np.sort(np.concatenate(keep))


#: session 22's label variants: ``+rmergeN`` (random unions of classes), ``+other60`` (a catch-all)
RMERGE = tuple(f"rmerge{n}" for n in range(2, 10))


def random_merge(labels: np.ndarray, groups: int) -> np.ndarray:
    """``+rmergeN``: the classes dealt at random (seed 23) into N labels, so each label is a union of
    unrelated intents (unlike ``+coarseN``'s k-means groups of similar ones)."""
    n_classes = int(labels.max()) + 1
    if groups >= n_classes:
        raise SystemExit(f"+rmerge{groups} needs more than {groups} classes ({n_classes})")
    group = np.empty(n_classes, dtype=np.int64)
    group[np.random.default_rng(23).permutation(n_classes)] = np.arange(n_classes) % groups
    return group[labels]


def catch_all(labels: np.ndarray, share: float = 0.6) -> np.ndarray:
    """``+other60``: classes in random order (seed 29) merged into one catch-all label until it holds
    ``share`` of the rows (an "other" class of many intents); the rest keep their own labels."""
    counts = np.bincount(labels)
    order = np.random.default_rng(29).permutation(len(counts))
    taken = np.cumsum(counts[order])
    merged = order[: int(np.searchsorted(taken, share * len(labels))) + 1]
    out = labels.copy()
    out[np.isin(labels, merged)] = merged[0]
    _, out = np.unique(out, return_inverse=True)
    return out


def one_vs_rest(labels: np.ndarray, share: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """``+vsrest10`` (session 24's two-class holdout): classes in random order (seed 24) form the positive label
    until it holds ``share`` of the rows, every other class the negative one (a topic against the rest, as a
    spam or toxicity set); where the positive classes hold more (ag_news: one topic, 25%), their rows are cut at
    random to ``share``. Returns the rows kept and their labels (1 positive, 0 the rest)."""
    rng = np.random.default_rng(24)
    counts = np.bincount(labels)
    order = rng.permutation(len(counts))
    positive = np.isin(labels, order[: int(np.searchsorted(np.cumsum(counts[order]), share * len(labels))) + 1])
    rest = np.flatnonzero(~positive)
    wanted = int(round(share / (1 - share) * len(rest)))
    pos_rows = np.flatnonzero(positive)
    pos_rows = rng.choice(pos_rows, min(wanted, len(pos_rows)), replace=False)
    keep = np.sort(np.concatenate([rest, pos_rows]))
    return keep, positive[keep].astype(np.int64)


def first_words(texts: list[str], words: int) -> list[str]:
    """``+firstN``: every text cut to its first N words (a weak signal from the same encoder)."""
    return [" ".join(text.split()[:words]) for text in texts]


def first_words_count(variant: str) -> int | None:
    digits = variant[len("first"):]
    return int(digits) if variant.startswith("first") and digits.isdigit() and 1 <= int(digits) <= 50 else None


def later_copies(texts: list[str]) -> np.ndarray:
    """True on each row whose text already appeared earlier (``twin`` noise flips only these)."""
    seen: set[str] = set()
    out = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        out[i] = text in seen
        seen.add(text)
    return out


def duplicated_rows(n_rows: int) -> np.ndarray:
    """``+dup``: every row 2 or 3 times (exact copies; about 2.5x the rows), shuffled so the copies
    fall in different folds; the noise is injected after, so copies may disagree."""
    rng = np.random.default_rng(13)
    rows = np.repeat(np.arange(n_rows), rng.integers(2, 4, n_rows))
    return rows[rng.permutation(len(rows))]


def scattered_copies(n_rows: int, share: int = 10, seed: int = 17) -> np.ndarray:
    """``+scatter``'s exact duplicates: a tenth of the rows (at random) twice, shuffled (``+twins``:
    a fifth, seed 19)."""
    rng = np.random.default_rng(seed)
    rows = np.concatenate([np.arange(n_rows), rng.choice(n_rows, n_rows // share, replace=False)])
    return rows[rng.permutation(len(rows))]


#: ``sibling`` noise: the classes grouped into this many coarse groups (issue 17's hidden set: 50 in 6)
SIBLING_GROUPS = 6


def sibling_groups(centroids: np.ndarray) -> np.ndarray:
    """Each class's coarse group: k-means on the (unit) class centroids, at most ``SIBLING_GROUPS``
    groups and at least two classes a group on average."""
    from sklearn.cluster import KMeans

    groups = max(1, min(SIBLING_GROUPS, len(centroids) // 2))
    if groups == 1:
        return np.zeros(len(centroids), dtype=np.int64)
    return KMeans(groups, n_init=10, random_state=0).fit_predict(centroids).astype(np.int64)


def noise_targets(vectors: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """Per class: the nearest class by centroid (confusable) and a random partner (pair-swap).
    Per row (``ambiguous``): the runner-up class, the nearest centroid other than the row's own,
    and the row's margin, cosine to its own centroid minus cosine to that runner-up. Per class
    (``sibling``): its coarse group."""
    n_classes = int(labels.max()) + 1
    centroids = np.stack([vectors[labels == c].mean(axis=0) for c in range(n_classes)])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    similarity = centroids @ centroids.T
    np.fill_diagonal(similarity, -np.inf)
    order = np.random.default_rng(99).permutation(n_classes)
    partner = np.empty(n_classes, dtype=np.int64)
    partner[order[0::2][: len(order[1::2])]] = order[1::2]
    partner[order[1::2]] = order[0::2][: len(order[1::2])]
    if n_classes % 2:
        partner[order[-1]] = order[0]
    rows = np.asarray(vectors, dtype=np.float64)
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    to_centroid = rows @ centroids.T
    own = to_centroid[np.arange(len(labels)), labels]
    to_centroid[np.arange(len(labels)), labels] = -np.inf
    return {"confusable": similarity.argmax(axis=1), "pair-swap": partner,
            "runner_up": to_centroid.argmax(axis=1), "margin": own - to_centroid.max(axis=1),
            "group": sibling_groups(centroids)}


#: noise shapes beyond bench/quality.py's default three (session 18: never tuned on)
EXTRA_KINDS = ("ambiguous", "fewclass", "sibling", "twin", "sink", "oneclass")
#: ``fewclass``: the share of a noisy class's rows flipped
FEWCLASS_RATE = 0.25
#: ``oneclass`` (session 23): at most this share of the one noisy class's rows is flipped
ONECLASS_CAP = 0.5


def sink_class(labels: np.ndarray, seed: int) -> int:
    """``sink`` noise's catch-all class (session 23): drawn at random (``seed`` + 500) among the classes
    with at least the median class size, so the sink is a class annotators could default to, not a
    1-row class, and not chosen by looking at any score."""
    counts = np.bincount(labels)
    large = np.flatnonzero(counts >= np.median(counts[counts > 0]))
    return int(np.random.default_rng(seed + 500).choice(large))


def source_class(labels: np.ndarray, seed: int) -> int:
    """``oneclass`` noise's noisy class (session 23): the largest class, ties broken at random (``seed``
    + 600)."""
    counts = np.bincount(labels)
    largest = np.flatnonzero(counts == counts.max())
    return int(np.random.default_rng(seed + 600).choice(largest))


def flipped_rows(labels: np.ndarray, kind: str, count: int, rng: np.random.Generator,
                 targets: dict[str, np.ndarray]) -> np.ndarray:
    """Which rows an annotator gets wrong. ``ambiguous``: drawn with weight exp(-margin / tau)
    (tau half the margins' standard deviation), so rows near another class's centroid are flipped
    far more often, as a human errs on the unclear rows. ``fewclass``: classes in random order are
    noisy one after another, ``FEWCLASS_RATE`` of each one's rows, until ``count``; the rest clean.
    ``twin`` (session 22): only rows that repeat an earlier row's text, so each flip leaves two
    copies of one text with conflicting labels (``targets["copy"]``, set by bench/quality.py).
    ``sink`` (session 23): at random among the rows outside the sink class (``sink_class``).
    ``oneclass`` (session 23): at random among the rows of one large class (``source_class``), ``count``
    of them where that class holds them, else ``ONECLASS_CAP`` of its rows. Otherwise at random."""
    if kind == "ambiguous":
        margin = targets["margin"]
        weight = np.exp(-(margin - margin.min()) / max(0.5 * margin.std(), 1e-12))
        return rng.choice(len(labels), count, replace=False, p=weight / weight.sum())
    if kind == "fewclass":
        chosen: list[np.ndarray] = []
        left = count
        for c in rng.permutation(int(labels.max()) + 1):
            if left <= 0:
                break
            rows = np.flatnonzero(labels == c)
            chosen.append(rng.choice(rows, min(left, int(round(FEWCLASS_RATE * len(rows)))), replace=False))
            left -= len(chosen[-1])
        return np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
    if kind == "sink":
        outside = np.flatnonzero(labels != targets["sink"])
        return rng.choice(outside, min(count, len(outside)), replace=False)
    if kind == "oneclass":
        rows = np.flatnonzero(labels == targets["source"])
        return rng.choice(rows, min(count, int(ONECLASS_CAP * len(rows))), replace=False)
    if kind == "twin":
        copies = np.flatnonzero(targets["copy"])
        return rng.choice(copies, min(count, len(copies)), replace=False)
    return rng.choice(len(labels), count, replace=False)


def inject(labels: np.ndarray, kind: str, rate: float, seed: int, targets: dict[str, np.ndarray]):
    if kind == "sink":  # every flip into one catch-all class (annotators defaulting to "other")
        targets = {**targets, "sink": sink_class(labels, seed)}
    elif kind == "oneclass":  # class-conditional: flips only out of one large class
        targets = {**targets, "source": source_class(labels, seed)}
    rng = np.random.default_rng(seed)
    flipped = flipped_rows(labels, kind, int(round(rate * len(labels))), rng, targets)
    noisy = labels.copy()
    if kind == "sink":
        noisy[flipped] = targets["sink"]
    elif kind in ("uniform", "fewclass", "twin", "oneclass"):
        n_classes = int(labels.max()) + 1
        noisy[flipped] = (labels[flipped] + rng.integers(1, n_classes, len(flipped))) % n_classes
    elif kind == "ambiguous":
        noisy[flipped] = targets["runner_up"][flipped]
    elif kind == "sibling":  # a random other class of the row's coarse group (any other class if alone)
        group = targets["group"]
        for row in flipped:
            others = np.flatnonzero((group == group[labels[row]]) & (np.arange(len(group)) != labels[row]))
            if not len(others):
                others = np.flatnonzero(np.arange(len(group)) != labels[row])
            noisy[row] = rng.choice(others)
    else:
        noisy[flipped] = targets[kind][labels[flipped]]
    truth = noisy != labels
    return noisy, truth


#: session 25 (probe25)'s holdout variants: opt-in, never tuned on (bench/README.md "Session 25 (probe25)")
HOLDOUT25 = ("hier", "halftitle", "near", "news")
#: ``+hier``: the share of a parent topic's rows labelled with the parent alone
PARENT_SHARE = 0.25
#: ``+halftitle``: the share of the rows that carry their title instead of their description
TITLE_SHARE = 0.5
#: ``+near``: the share of the rows given 1-3 near copies
NEAR_SHARE = 1 / 3
#: ``+news``: the rows of each ag_news topic added to a banking77 set
NEWS_ROWS = 500


def parent_and_children(labels: np.ndarray, topic: np.ndarray, has_parent: np.ndarray,
                        share: float = PARENT_SHARE) -> np.ndarray:
    """``+hier`` (session 25): a hierarchy whose parents are labels too, as when part of a set was labelled only
    coarsely (a row labelled 'card' beside rows labelled 'card_lost'). ``topic[c]`` is class c's parent topic;
    in each topic with ``has_parent``, ``share`` of its rows (at random, seed 31) take the parent's label, numbered
    after the K fine classes (K + topic); the other rows, and every row of a topic without a parent, keep their
    fine label. A parent-labelled row is right, only coarse: it is no label error."""
    rng = np.random.default_rng(31)
    out = labels.copy()
    n_classes = int(labels.max()) + 1
    for t in np.flatnonzero(has_parent):
        rows = np.flatnonzero(np.isin(labels, np.flatnonzero(topic == t)))
        out[rng.choice(rows, int(round(share * len(rows))), replace=False)] = n_classes + t
    _, out = np.unique(out, return_inverse=True)
    return out


def title_rows(n_rows: int, share: float = TITLE_SHARE) -> np.ndarray:
    """``+halftitle`` (session 25): True on the rows (at random, seed 37) that carry their short title instead of
    their description: two sources of one label space (headlines and news blurbs), the signal weak on one."""
    return np.random.default_rng(37).random(n_rows) < share


FILLERS = ("hi, ", "hello ", "please help: ", "hey ")
ENDINGS = (" thanks", " asap", " please", "??")


def near_copy(text: str, rng: np.random.Generator) -> str:
    """One near copy of ``text``: 1-2 of lower case without end punctuation, a word dropped, two neighbouring
    words swapped, a greeting before, a word after, two letters of a word swapped (a typo); never the text itself."""
    out = text
    for edit in rng.choice(6, int(rng.integers(1, 3)), replace=False):
        words = out.split()
        if edit == 0:
            out = out.lower().rstrip(".?! ")
        elif edit == 1 and len(words) >= 4:
            del words[int(rng.integers(len(words)))]
            out = " ".join(words)
        elif edit == 2 and len(words) >= 2:
            i = int(rng.integers(len(words) - 1))
            words[i], words[i + 1] = words[i + 1], words[i]
            out = " ".join(words)
        elif edit == 3:
            out = FILLERS[int(rng.integers(len(FILLERS)))] + out
        elif edit == 4:
            out = out + ENDINGS[int(rng.integers(len(ENDINGS)))]
        else:
            long_words = [i for i, w in enumerate(words) if len(w) >= 4]
            if long_words:
                i = long_words[int(rng.integers(len(long_words)))]
                j = int(rng.integers(1, len(words[i]) - 2))
                w = words[i]
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                out = " ".join(words)
    return out if out != text else text + ENDINGS[0]


def near_copies(texts: list[str], share: float = NEAR_SHARE) -> tuple[np.ndarray, list[str]]:
    """``+near`` (session 25): ``share`` of the rows (at random, seed 41) get 1-3 near copies each (``near_copy``:
    the edits a paraphrasing or re-typing user makes, so no copy is an exact one), all rows shuffled so copies fall
    in different folds. Returns each row's original row and its text; noise is injected per row after, so near
    copies of one text may disagree, which the exact-copy check (engine/label_copies.py) does not see."""
    rng = np.random.default_rng(41)
    chosen = np.flatnonzero(rng.random(len(texts)) < share)
    origin = list(range(len(texts)))
    out = list(texts)
    seen = set(texts)
    for row in chosen:
        for _ in range(int(rng.integers(1, 4))):
            copy = near_copy(texts[row], rng)
            for _ in range(5):  # two copies of one row alike: edit again
                if copy not in seen:
                    break
                copy = near_copy(copy, rng)
            if copy in seen:
                continue
            seen.add(copy)
            origin.append(int(row))
            out.append(copy)
    order = rng.permutation(len(out))
    return np.asarray(origin, dtype=np.int64)[order], [out[i] for i in order]


def second_source_rows(labels: np.ndarray, per_class: int = NEWS_ROWS) -> np.ndarray:
    """``+news`` (session 25): the rows of the second source kept, ``per_class`` of each of its classes at random
    (seed 43), in file order."""
    rng = np.random.default_rng(43)
    keep = [rng.choice(np.flatnonzero(labels == c), min(per_class, int((labels == c).sum())), replace=False)
            for c in np.unique(labels)]
    return np.sort(np.concatenate(keep))
