"""Session 27 (holdout27)'s opt-in holdout variants, never tuned on (bench/README.md "Session 27 (holdout27)").

- ``X+rare3``: two labels, a rare positive (spam / fraud): classes in random order form the positive label until it
  holds 3% of the rows, cut at random to 3% (bench/quality_shapes.py ``one_vs_rest``; ag_news: one topic, 176 rows
  of 5,876; banking77test: 3 intents, 92 rows of 3,052). In two classes ``uniform``, ``pair-swap`` and
  ``confusable`` noise are the same flips.
- ``X+bal20``: a small balanced set, 20 classes at random, 100 rows each (banking77: 2,000 rows).
- ``X+few20``: a smaller one, 20 classes at random, 15-30 rows each (banking77: ~450 rows).
- ``X+shot10``: few-shot intents, every class cut to 10 rows at random (banking77: 77 x 10 = 770 rows): many
  classes, each under the label check's 20-row median guard.
- ``twin`` noise on ``X+near``: flips only on the near copies (a near copy whose original row came earlier), so each
  flip leaves a paraphrase-like pair under two labels (``copy_rows``).
"""

from __future__ import annotations

import numpy as np

HOLDOUT27 = ("rare3", "bal20", "few20", "shot10")
#: ``+rare3``: the positive label's share of the rows
RARE_SHARE = 0.03
#: seed of the classes and rows drawn by ``+bal20``, ``+few20``, ``+shot10``
SEED = 27


def holdout27_rows(labels: np.ndarray, variant: str) -> tuple[np.ndarray, np.ndarray]:
    """(rows kept, their labels renumbered 0..K-1) for one of ``HOLDOUT27``."""
    from bench.quality_shapes import one_vs_rest

    if variant == "rare3":
        return one_vs_rest(labels, RARE_SHARE)
    rng = np.random.default_rng(SEED)
    classes = rng.permutation(np.unique(labels))
    if variant in ("bal20", "few20"):
        classes = classes[:20]
    keep = []
    for c in classes:
        rows = np.flatnonzero(labels == c)
        size = {"bal20": 100, "few20": int(rng.integers(15, 31)), "shot10": 10}[variant]
        keep.append(rng.choice(rows, min(size, len(rows)), replace=False))
    keep = np.sort(np.concatenate(keep))
    _, out = np.unique(labels[keep], return_inverse=True)
    return keep, out


#: ``+near``'s origin row of each row, by spec (set by bench/quality_data.py ``load_dataset``)
NEAR_ORIGIN: dict[str, np.ndarray] = {}


def copy_rows(spec: str, texts: list[str]) -> np.ndarray:
    """``twin`` noise's rows: those repeating an earlier row's text exactly and, on ``+near`` specs, the near copies
    whose original (or an earlier copy of it) came earlier."""
    from bench.quality_shapes import later_copies

    out = later_copies(texts)
    origin = NEAR_ORIGIN.get(spec)
    if origin is not None and len(origin) == len(texts):
        seen: set[int] = set()
        for i, o in enumerate(origin):
            out[i] |= int(o) in seen
            seen.add(int(o))
    return out
