"""The ``-knn`` classifiers' pool of regression probabilities and kNN votes (issue 17): a
log-linear pool whose vote weight is fitted on the out-of-fold log-loss of the given labels."""

from __future__ import annotations

import numpy as np

from engine.predict import VOTE_WEIGHTS, finish_probs, knn_vote_probs, pooled_probs, vote_weight

K_NEIGHBOURS = 10


def votes_from_counts(counts: np.ndarray, labels: np.ndarray, n_classes: int, rng) -> np.ndarray:
    """Vote shares with ``counts[i]`` of 10 neighbours on row i's label, the rest on other classes."""
    votes = np.zeros((len(labels), n_classes))
    for i, (given, agree) in enumerate(zip(labels, counts)):
        votes[i, given] = agree
        others = rng.choice([c for c in range(n_classes) if c != given], K_NEIGHBOURS - agree)
        np.add.at(votes[i], others, 1)
    return votes / K_NEIGHBOURS


def model_probs(labels: np.ndarray, given_prob: np.ndarray, n_classes: int) -> np.ndarray:
    """``given_prob`` on each row's label, the rest spread over the other classes."""
    probs = np.repeat(((1 - given_prob) / (n_classes - 1))[:, None], n_classes, axis=1)
    probs[np.arange(len(labels)), labels] = given_prob
    return probs


def test_the_vote_weight_follows_the_better_estimate_and_degrades_to_either_one():
    """An accurate regression with votes that carry nothing: weight ~0 (the regression alone);
    an uninformative regression with accurate votes: weight near 1."""
    rng = np.random.default_rng(0)
    n_classes, n_rows = 8, 3000
    labels = rng.integers(0, n_classes, n_rows)
    random_votes = votes_from_counts(rng.binomial(K_NEIGHBOURS, 1 / n_classes, n_rows), labels, n_classes, rng)
    sure = model_probs(labels, rng.uniform(0.7, 0.99, n_rows), n_classes)
    assert vote_weight(sure, random_votes, labels, K_NEIGHBOURS) <= 0.1
    good_votes = votes_from_counts(rng.binomial(K_NEIGHBOURS, 0.85, n_rows), labels, n_classes, rng)
    flat = model_probs(labels, rng.uniform(0.1, 0.2, n_rows), n_classes)
    assert vote_weight(flat, good_votes, labels, K_NEIGHBOURS) >= 0.8
    assert VOTE_WEIGHTS[0] == 0.0 and VOTE_WEIGHTS[-1] == 1.0


def test_a_sure_regression_keeps_a_flip_below_an_honest_confusion():
    """The old fixed average (0.5 model + 0.5 votes) put a floor of half the vote share under the
    given label: a flip the regression is sure of (1e-4) with one neighbour carrying the wrong
    label scored 0.05, as an honest confusion the regression gives 0.1 with no neighbour
    agreeing. That is how flips to a random partner ranked among interleaved classes' honest
    confusions (banking77 split, pair-swap: AP 0.83-0.94 against the plain workflow's 0.94-0.96).
    The pool keeps the regression's near-zero where the votes add little."""
    rng = np.random.default_rng(1)
    n_classes = 6
    labels = rng.integers(0, n_classes, 1200)
    given_prob = rng.uniform(0.85, 0.99, len(labels))
    counts = rng.binomial(K_NEIGHBOURS, 0.5, len(labels))
    honest, flipped = np.arange(0, 60), np.arange(60, 120)
    given_prob[honest], counts[honest] = 0.1, 0
    given_prob[flipped], counts[flipped] = 1e-4, 1
    probs = model_probs(labels, given_prob, n_classes)
    votes = votes_from_counts(counts, labels, n_classes, rng)
    rows = np.arange(len(labels))
    averaged = (0.5 * probs + 0.5 * votes)[rows, labels]
    assert averaged[flipped].min() >= averaged[honest].max() - 1e-12  # the old blend: no separation
    weight = vote_weight(probs, votes, labels, K_NEIGHBOURS)
    assert weight < 0.5
    pooled = pooled_probs(probs, votes, K_NEIGHBOURS, weight)
    np.testing.assert_allclose(pooled.sum(axis=1), 1.0)
    score = pooled[rows, labels]
    assert score[flipped].max() < score[honest].min()


def test_finish_probs_pools_the_graphs_votes_with_the_fitted_weight():
    rng = np.random.default_rng(2)
    n_rows, n_classes = 300, 4
    labels = rng.integers(0, n_classes, n_rows)
    neighbours = np.stack([rng.choice(np.delete(np.arange(n_rows), i), K_NEIGHBOURS, replace=False)
                           for i in range(n_rows)])
    probs = rng.dirichlet(np.ones(n_classes), n_rows)
    out = finish_probs(probs.copy(), neighbours, labels, n_classes, "logreg-knn")
    votes = knn_vote_probs(neighbours, labels, n_classes)
    expected = pooled_probs(probs, votes, K_NEIGHBOURS, vote_weight(probs, votes, labels, K_NEIGHBOURS))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expected, atol=1e-6)
    plain = finish_probs(probs.copy(), None, labels, n_classes, "logreg")  # no graph: untouched
    np.testing.assert_allclose(plain, probs, atol=1e-6)
