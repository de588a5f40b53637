"""The noise-aware label score, the agreement-weighted regression, and Datalab's label columns."""

from __future__ import annotations

import numpy as np
import synthetic

from engine.audit import run_datalab
from engine.label_posterior import FLAG_BELOW, label_posterior, noise_matrix
from engine.neighbours import build_graph
from engine.predict import fold_agreement_weights, softmax_regression_probs


def clustered(n_per_class: int = 60, classes: int = 6, dim: int = 16, seed: int = 0):
    return synthetic.clustered(n_per_class, classes, dim, seed)


def confusable_probs(seed: int = 0):
    """pred_probs as a model trained on noisy labels gives them. Classes are paired (0,1),
    (2,3), (4,5); 12% of each class is flipped to its partner, and the model learned part of
    that, so a flipped row keeps 0.15-0.3 on its wrong label. 15% of rows are honest but
    borderline: right label at 0.25-0.4, the rest on a class of another pair, where nobody
    flips. Self-confidence cannot tell the two apart; the noise estimate can."""
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
    probs[rows, partner] = share
    probs[rows, truth] = 1.0 - share - 0.04
    borderline = ~flipped & (rng.random(len(truth)) < 0.15)
    own = rng.uniform(0.25, 0.4, borderline.sum())
    other = (truth[borderline] + 2) % classes
    probs[borderline] = 0.01
    probs[rows[borderline], truth[borderline]] = own
    probs[rows[borderline], other] = 1.0 - own - 0.04
    return given, probs, flipped


def test_scores_are_probabilities_and_flags_are_the_lowest_scores():
    given, probs, _ = confusable_probs()
    score = label_posterior(given, probs)
    assert score.shape == given.shape and np.all((score > 0) & (score <= 1))
    flagged = score < FLAG_BELOW
    assert flagged.any() and score[flagged].max() < score[~flagged].min()


def test_noise_matrix_columns_are_distributions_and_find_the_paired_flips():
    given, probs, _ = confusable_probs()
    noise = noise_matrix(given, probs)
    np.testing.assert_allclose(noise.sum(axis=0), 1.0, atol=1e-9)
    off = noise - np.diag(np.diag(noise))
    assert np.all(off.argmax(axis=0) == np.arange(6) ^ 1)  # each class leaks to its partner


def test_posterior_ranks_flips_to_a_similar_class_above_honest_borderline_rows():
    from sklearn.metrics import average_precision_score

    given, probs, flipped = confusable_probs()
    self_confidence = probs[np.arange(len(given)), given]
    plain = average_precision_score(flipped, -self_confidence)
    posterior = average_precision_score(flipped, -label_posterior(given, probs))
    assert posterior > plain + 0.05
    flags = label_posterior(given, probs) < FLAG_BELOW
    assert flags.any() and (flags & flipped).sum() / flags.sum() > 0.8  # precision of the flags


def test_fold_weights_never_read_held_out_labels():
    vectors, labels = clustered()
    neighbours = build_graph(vectors, k=5).indices
    train = np.arange(0, len(labels), 3)
    held_out = np.setdiff1d(np.arange(len(labels)), train)
    before = fold_agreement_weights(neighbours, labels, train)
    changed = labels.copy()
    changed[held_out] = (labels[held_out] + 1) % 6  # every held-out label changed
    np.testing.assert_array_equal(before, fold_agreement_weights(neighbours, changed, train))
    changed = labels.copy()
    changed[train[:20:2]] = (labels[train[:20:2]] + 1) % 6  # training labels do count
    assert not np.array_equal(before, fold_agreement_weights(neighbours, changed, train))


def test_fold_weights_are_low_for_a_row_whose_neighbours_reject_its_label():
    vectors, labels = clustered()
    neighbours = build_graph(vectors, k=5).indices
    noisy = labels.copy()
    noisy[3] = (labels[3] + 1) % 6
    weights = fold_agreement_weights(neighbours, noisy, np.arange(len(labels)))
    assert weights[3] == weights.min() and np.median(weights) > 0.8


def test_uniform_weights_leave_the_regression_unchanged():
    vectors, labels = clustered()
    plain = softmax_regression_probs(vectors[::2], labels[::2], vectors[1::2], 6, 10.0)
    weighted = softmax_regression_probs(
        vectors[::2], labels[::2], vectors[1::2], 6, 10.0, sample_weight=np.full(len(labels[::2]), 0.3)
    )
    np.testing.assert_allclose(plain, weighted, atol=1e-4)


def test_datalab_label_columns_summary_and_info_agree():
    given, probs, _ = confusable_probs()
    output = run_datalab(given, probs.astype(np.float32), None, issue_types=("label",))
    issues = output.issues
    assert {"is_label_issue", "label_score"} <= set(issues.columns)
    np.testing.assert_allclose(issues["label_score"], label_posterior(given, probs.astype(np.float32)))
    assert (issues["is_label_issue"] == (issues["label_score"] < FLAG_BELOW)).all()
    row = output.summary.set_index("issue_type").loc["label"]
    assert int(row["num_issues"]) == int(issues["is_label_issue"].sum()) == output.info["label"]["num_label_issues"]
    assert 0 < row["score"] <= 1
    assert f"Number of examples with this issue: {int(row['num_issues'])}" in output.report


def test_a_clean_dataset_still_ranks_its_rows():
    """With no estimated noise the score must not collapse to 1.0 for every row."""
    labels = np.repeat(np.arange(3), 50)
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.6, 0.99, size=len(labels))
    probs = np.full((len(labels), 3), 0.0)
    probs[np.arange(len(labels)), labels] = confidence
    probs[np.arange(len(labels)), (labels + 1) % 3] = 1 - confidence
    score = label_posterior(labels, probs)
    assert len(np.unique(np.round(score, 12))) > 100
    order = np.argsort(score)
    assert np.all(np.diff(confidence[order]) >= -1e-9)  # ranked by the given label's probability
