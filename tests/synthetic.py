"""Synthetic data shared by the engine tests: embeddings, and pred_probs with known label noise."""

from __future__ import annotations

import numpy as np

# the demo classes whose labels tests/conftest.py's ``mixed_result`` shuffles among their rows
MIXED = ["card_lost", "change_pin", "check_balance"]


def clustered(n_per_class: int, classes: int, dim: int = 16, seed: int = 0):
    """Unit vectors around ``classes`` well-separated centres, and their labels."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((classes, dim)) * 3
    labels = np.repeat(np.arange(classes), n_per_class)
    vectors = centres[labels] + rng.standard_normal((len(labels), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels


def predicted_probs(predicted: np.ndarray, n_classes: int, top: float = 0.9) -> np.ndarray:
    """pred_probs that put ``top`` on each row's predicted class and share the rest evenly."""
    probs = np.full((len(predicted), n_classes), (1 - top) / (n_classes - 1))
    probs[np.arange(len(predicted)), predicted] = top
    return probs


def confusable_probs(seed: int = 0, unlearned: float = 0.0):
    """pred_probs as a model trained on noisy labels gives them. Classes are paired (0,1),
    (2,3), (4,5); 12% of each class is flipped to its partner, and the model learned part of
    that, so a flipped row keeps 0.15-0.3 on its wrong label (``unlearned`` of the flips only
    0.01-0.05). 15% of rows are honest but borderline: right label at 0.25-0.4, the rest on a
    class of another pair, where nobody flips. Self-confidence cannot tell the two apart; the
    noise estimate can."""
    rng = np.random.default_rng(seed)
    classes, per_class = 6, 200
    truth = np.repeat(np.arange(classes), per_class)
    partner = truth ^ 1
    flipped = rng.random(len(truth)) < 0.12
    given = np.where(flipped, partner, truth)
    rows = np.arange(len(truth))
    probs = np.full((len(truth), classes), 0.01)
    share = rng.uniform(0.05, 0.12, len(truth))  # a clean row's learned leak to its partner
    share[flipped] = rng.uniform(0.15, 0.3, flipped.sum())
    barely = flipped & (rng.random(len(truth)) < unlearned)
    share[barely] = rng.uniform(0.01, 0.05, barely.sum())
    probs[rows, partner] = share
    probs[rows, truth] = 1.0 - share - 0.04
    borderline = ~flipped & (rng.random(len(truth)) < 0.15)
    own = rng.uniform(0.25, 0.4, borderline.sum())
    other = (truth[borderline] + 2) % classes
    probs[borderline] = 0.01
    probs[rows[borderline], truth[borderline]] = own
    probs[rows[borderline], other] = 1.0 - own - 0.04
    return given, probs, flipped


def sibling_classes(seed: int = 0, rate: float = 0.08):
    """pred_probs as a good classifier gives them on 20 classes in sibling pairs, 20% of rows
    honestly confused with a class of another pair, ``rate`` of the labels flipped to a random
    class (the model cannot learn random flips). cleanlab's noise matrix is well-conditioned
    (~1.5), but its class-pair structure is the model's honest confusions."""
    rng = np.random.default_rng(seed)
    n_classes = 20
    truth = np.repeat(np.arange(n_classes), 150)
    rows = np.arange(len(truth))
    logits = rng.normal(0.0, 1.0, (len(truth), n_classes))
    logits[rows, truth] += 5.0
    honest = rng.random(len(truth)) < 0.2
    logits[rows[honest], (truth[honest] + 2) % n_classes] += 5.0 + rng.normal(0.0, 1.0, honest.sum())
    flipped = rng.random(len(truth)) < rate
    given = truth.copy()
    given[flipped] = (truth[flipped] + rng.integers(1, n_classes, flipped.sum())) % n_classes
    probs = np.exp(logits)
    return given, probs / probs.sum(axis=1, keepdims=True), flipped


def sure_pairs(seed: int = 0, rate: float = 0.02):
    """pred_probs as a sure classifier gives them on 20 classes: 10% of rows honestly confused
    with a class of another pair (``t + 2``, given label at 0.01-0.2), ``rate`` of the labels
    flipped to the partner class (``t ^ 1``), which the out-of-fold model did not learn (given
    label at ~0.001): bench/quality.py's pair-swap 2% cells."""
    rng = np.random.default_rng(seed)
    n_classes = 20
    truth = np.repeat(np.arange(n_classes), 150)
    rows = np.arange(len(truth))
    logits = rng.normal(0.0, 1.0, (len(truth), n_classes))
    logits[rows, truth] += 8.0
    honest = rng.random(len(truth)) < 0.1
    logits[rows[honest], (truth[honest] + 2) % n_classes] += 8.0 + rng.uniform(0.5, 3.0, honest.sum())
    flipped = rng.random(len(truth)) < rate
    probs = np.exp(logits)
    return np.where(flipped, truth ^ 1, truth), probs / probs.sum(axis=1, keepdims=True), flipped


def weak_many_classes(seed: int = 0, rate: float = 0.06, largest: int = 200, tail: tuple[int, ...] = ()):
    """pred_probs as a weak classifier gives them on a long-tailed 50-class dataset (the hidden
    domain of issue 17): each class is confused with three siblings, the 14 classes of fewer
    than 10 rows are barely learned, accuracy ~0.64; ``rate`` of the labels flipped at random.
    ``largest`` rows in the first class; ``tail``: the sizes of the last classes instead."""
    rng = np.random.default_rng(seed)
    n_classes = 50
    sizes = np.maximum(1, (largest * np.arange(1, n_classes + 1) ** -0.9).astype(int))
    sizes[n_classes - len(tail):] = tail
    truth = np.repeat(np.arange(n_classes), sizes)
    rows = np.arange(len(truth))
    logits = rng.normal(0.0, 1.0, (len(truth), n_classes))
    logits[rows, truth] += np.where(sizes[truth] < 10, 1.5, 5.0) + rng.normal(0.0, 0.8, len(truth))
    for step in (1, 2, 3):
        logits[rows, (truth + step) % n_classes] += 2.3 + rng.normal(0.0, 1.5, len(truth))
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    flipped = rng.random(len(truth)) < rate
    given = truth.copy()
    given[flipped] = (truth[flipped] + rng.integers(1, n_classes, flipped.sum())) % n_classes
    return given, probs.astype(np.float32), flipped


def mixed_group(seed: int = 0, n_classes: int = 20, per_class: int = 60, group: int = 4):
    """pred_probs on ``n_classes`` classes (10% of rows honestly confused with the next class) whose first
    ``group`` classes had their labels shuffled among themselves and the model learned the mix: it spreads those
    rows over the group. cleanlab's ``T`` is then nearly rank 1 in that block, and its condition number, whose
    smallest singular value is estimation noise there, lands either side of ``MAX_CONDITION`` from seed to seed
    as it does from one fold split to the next (banking77 test's currency classes: 19-277). Returns the given
    labels, the probabilities, and which rows are in the group."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(n_classes), per_class)
    rows = np.arange(len(truth))
    logits = rng.normal(0.0, 1.0, (len(truth), n_classes))
    logits[rows, truth] += 6.0
    honest = rng.random(len(truth)) < 0.1
    logits[rows[honest], (truth[honest] + 1) % n_classes] += 6.0 + rng.normal(0.0, 1.0, honest.sum())
    mixed = truth < group
    logits[np.ix_(mixed, np.arange(group))] += 6.0 + rng.normal(0.0, 0.8, (mixed.sum(), group))
    logits[rows[mixed], truth[mixed]] -= 6.0
    given = truth.copy()
    given[mixed] = rng.permutation(truth[mixed])
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    return given, probs / probs.sum(axis=1, keepdims=True), mixed


def with_never_predicted_class(seed: int, rows: int, read_as: int | None = None):
    """``sure_pairs`` at 10% pair flips, half of them partly learned (their label keeps 0.02-0.15), plus a class of
    ``rows`` rows the model never predicts: its rows read as class ``read_as`` (None: a random class each, 0.9 on it),
    and a third of class 0's rows lean toward it (as WordNet's verb.creation, 38 rows, none predicted; the guard's
    tests/test_unlearned_classes.py and tests/test_lookalike_classes.py). Returns labels, probabilities, flips."""
    given, probs, flipped = sure_pairs(seed, 0.1)
    rng = np.random.default_rng(seed + 100)
    learned = np.flatnonzero(flipped & (rng.random(len(given)) < 0.5))
    probs[learned, given[learned]] = rng.uniform(0.02, 0.15, len(learned))
    probs /= probs.sum(axis=1, keepdims=True)
    new = probs.shape[1]
    probs = np.hstack([probs, np.full((len(given), 1), 1e-4)])
    lean = (given == 0) & (rng.random(len(given)) < 0.3)
    probs[lean, new] = rng.uniform(0.4, 0.8, lean.sum())
    extra = np.full((rows, new + 1), 1e-4)
    extra[:, new] = rng.uniform(0.01, 0.05, rows)
    extra[np.arange(rows), rng.integers(0, new, rows) if read_as is None else read_as] = 0.9
    probs = np.vstack([probs, extra])
    probs /= probs.sum(axis=1, keepdims=True)
    return (np.concatenate([given, np.full(rows, new)]), probs,
            np.concatenate([flipped, np.zeros(rows, dtype=bool)]))


def stand_in_sentence_model(monkeypatch) -> None:
    """engine.embed.embed_texts with the sentence model stood in for (no model load): a seeded unit vector of 8
    dimensions per text; ``--model tfidf`` and the TF-IDF view, which load no model, get the real vectors."""
    import engine.embed
    from engine.embed_model import TFIDF_MODEL, resolve_model_name

    real = engine.embed.embed_texts

    def stand_in(texts, model=None, **kwargs):
        if resolve_model_name(model) == TFIDF_MODEL:
            return real(texts, model=model, **kwargs)
        vectors = np.random.default_rng(len(texts)).standard_normal((len(texts), 8)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr(engine.embed, "embed_texts", stand_in)


def audit_notes(monkeypatch, tmp_path, texts: list[str], said: str, **options) -> list[str]:
    """The notes holding ``said`` of a label-only audit of ``texts`` (labels a, b, c in turn) in a CSV under
    ``tmp_path``, the sentence model stood in for (stand_in_sentence_model)."""
    import pandas as pd

    from engine.pipeline import AuditOptions, run_audit

    stand_in_sentence_model(monkeypatch)
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": texts, "label": ["a", "b", "c"] * (len(texts) // 3)}).to_csv(path, index=False)
    result = run_audit(path, AuditOptions(issue_types=("label",), cache_root=str(tmp_path / "c"), **options))
    return [note for note in result.notes if said in note]


def templated_frame(templates: tuple[str, ...], seed: int):
    """260 texts of 8 random words (over 256 rows: the SVD of --model tfidf reduces), 30 templated texts a template
    each with its own name ('{} - nonlocking stdio functions' -> 'name007_0 - ...'), then exact copies of the first
    10 texts; labels 0, 1, 2 in turn (a DataFrame of text, label)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    vocab = [f"word{i:04d}" for i in range(1500)]
    texts = [" ".join(rng.choice(vocab, 8)) for _ in range(260)]
    texts += [template.format(f"name{k:03d}_{j}") for j, template in enumerate(templates) for k in range(30)]
    texts += texts[:10]
    return pd.DataFrame({"text": texts, "label": [i % 3 for i in range(len(texts))]})
