"""The multi-label audit on the bundled multi-label demo: planted errors found, suggestions as set changes."""

from __future__ import annotations

import numpy as np
import pytest

from engine.demo_multilabel import build_demo_multilabel, demo_multilabel_path
from engine.multilabel import indicator
from engine.multilabel_audit import agreement, drop_cuts, label_scores, members, suggested_set, suggestions
from engine.multilabel_predict import ovr_logistic_probs


def test_shipped_demo_matches_the_generator(tmp_path) -> None:
    from engine.demo_multilabel import write_demo_multilabel

    written = write_demo_multilabel(tmp_path / "d.jsonl")
    assert written.read_bytes() == demo_multilabel_path().read_bytes()


def test_planted_label_errors_rank_high(ml_result) -> None:
    frame, planted = build_demo_multilabel()
    ids = list(frame["id"])
    wrong = {ids.index(i) for i in planted["missing"] + planted["extra"]}
    issues = ml_result.output.issues
    order = np.argsort(issues["label_score"].to_numpy(), kind="stable")
    top = set(order[: 2 * len(wrong)].tolist())
    assert len(wrong & top) >= 0.6 * len(wrong)
    flagged = set(np.flatnonzero(issues["is_label_issue"].to_numpy(bool)).tolist())
    assert flagged and len(flagged & wrong) >= 0.5 * len(flagged)  # most flags are planted errors


def test_suggestion_undoes_planted_changes(ml_result) -> None:
    frame, planted = build_demo_multilabel()
    dataset, issues = ml_result.dataset, ml_result.output.issues
    clean_rows = build_demo_multilabel()[0]
    names = dataset.class_names
    undone = 0
    planted_rows = [list(frame["id"]).index(i) for i in planted["extra"]]
    for row in planted_rows:
        after = suggested_set(dataset.label_sets[row], members(issues["missing_labels"][row]),
                              members(issues["extra_labels"][row]))
        given = {names[i] for i in dataset.label_sets[row]}
        # the planted extra label is the one the text does not mention: the suggestion drops some label
        undone += len({names[i] for i in after}) < len(given)
    assert undone >= 0.5 * len(planted_rows)
    assert len(clean_rows) == len(dataset)


def test_other_issue_types_run(ml_result) -> None:
    summary = ml_result.output.summary.set_index("issue_type")
    assert {"null", "label", "outlier", "near_duplicate", "non_iid"} <= set(summary.index)
    frame, planted = build_demo_multilabel()
    ids = list(frame["id"])
    issues = ml_result.output.issues
    assert issues["is_null_issue"][ids.index(planted["null"][0])]
    dup = issues["is_near_duplicate_issue"].to_numpy(bool)
    assert sum(dup[ids.index(i)] for i in planted["near_duplicate"]) >= 3
    assert any("class_imbalance" in note and "multi-label" in note for note in ml_result.notes)
    assert any("auditing as multi-label" in note for note in ml_result.notes)


def test_scores_and_suggestions_by_hand() -> None:
    probs = np.array([[0.9, 0.1, 0.7], [0.2, 0.6, 0.05]])
    sets = [(0,), (0, 1)]
    assert np.allclose(agreement(sets, probs), [[0.9, 0.9, 0.3], [0.2, 0.6, 0.95]])
    assert np.allclose(label_scores(sets, probs), [0.3, 0.2])
    missing, extra = suggestions(sets, probs)
    assert missing == [[2], []] and extra == [[], [0]]
    assert suggested_set((0, 1), [], [0]) == (1,)


def test_ovr_logistic_matches_sklearn() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 5)).astype(np.float32)
    y = np.stack([(x[:, 0] > 0), (x[:, 1] + 0.3 * x[:, 2] > 0.2), np.zeros(120, bool)], axis=1).astype(np.int8)
    ours = ovr_logistic_probs(x, y, x[:10], C=1.0)
    for k in range(2):
        reference = LogisticRegression(C=1.0, max_iter=2000, tol=1e-8).fit(x, y[:, k]).predict_proba(x[:10])[:, 1]
        assert np.allclose(ours[:, k], reference, atol=2e-3)
    assert np.allclose(ours[:, 2], 0.0)  # a label with no positive: its training rate


def test_issue_table_names_the_sets(ml_result) -> None:
    from engine.result import issue_table

    table = issue_table(ml_result)
    names = ml_result.dataset.class_names
    assert "given_labels" in table and "suggested_labels" in table
    row = int(np.argmin(table["label_score"].to_numpy()))
    assert table["given_labels"][row] == [names[i] for i in ml_result.dataset.label_sets[row]]
    change = set(table["missing_labels"][row]) | set(table["extra_labels"][row])
    assert change and set(table["suggested_labels"][row]) ^ set(table["given_labels"][row]) == change


def _suggestions_by_row(sets, probs, threshold=0.5):
    """The per-row definition the vectorised ``suggestions`` must match: missing at p >= threshold, wrong
    under the label's own cut (half its mean p on the rows it is given on, at most threshold)."""
    cut = []
    for k in range(probs.shape[1]):
        on = [float(probs[row, k]) for row, given in enumerate(sets) if k in given]
        cut.append(min(threshold, sum(on) / len(on) / 2) if on else threshold)
    missing, extra = [], []
    for row, given in enumerate(sets):
        p = probs[row]
        missing.append(sorted((k for k in range(p.size) if k not in given and p[k] >= threshold), key=lambda k: -p[k]))
        extra.append(sorted((k for k in sorted(given) if p[k] < cut[k]), key=lambda k: p[k]))
    return missing, extra


def test_a_given_label_is_likely_wrong_under_its_own_cut_not_a_flat_half() -> None:
    """A small label the model scores low everywhere (mean p 0.3 on its rows) is not suggested
    removed wholesale at p < 0.5 (Debian debtags: 79% of the uses of 20-50-row labels were); a row
    far under the label's own level still is; the cut is never over the threshold."""
    probs = np.array([[0.35, 0.9], [0.30, 0.8], [0.40, 0.45], [0.05, 0.2], [0.9, 0.05]])
    sets = [(0, 1), (0, 1), (0, 1), (0,), (1,)]
    assert np.allclose(drop_cuts(indicator(sets, 2).astype(bool), probs), [0.1375, 0.5 * (0.9 + 0.8 + 0.45 + 0.05) / 4])
    missing, extra = suggestions(sets, probs)
    assert extra == [[], [], [], [0], [1]]  # row 2's label 0 at 0.40 and label 1 at 0.45 stay
    assert missing == [[], [], [], [], [0]]
    assert drop_cuts(np.zeros((2, 1), bool), np.zeros((2, 1))).tolist() == [0.5]  # given on no row: 0.5
    assert drop_cuts(np.ones((2, 1), bool), np.full((2, 1), 0.99), threshold=0.3).tolist() == [0.3]  # at most it


def test_suggestions_equal_the_per_row_definition_with_ties() -> None:
    rng = np.random.default_rng(0)
    for _ in range(100):
        n, k = int(rng.integers(1, 30)), int(rng.integers(1, 8))
        probs = rng.choice([0.1, 0.49, 0.5, 0.7, 0.7, 0.9], size=(n, k)).astype(np.float32)
        sets = [tuple(sorted(set(rng.integers(0, k, rng.integers(0, k + 1)).tolist()))) for _ in range(n)]
        assert suggestions(sets, probs) == _suggestions_by_row(sets, probs)


def test_warm_started_folds_reach_the_cold_optimum(monkeypatch) -> None:
    from engine import multilabel_predict

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 6)).astype(np.float32)
    y = np.stack([x[:, 0] > 0, x[:, 1] - x[:, 2] > 0.3, x[:, 3] > 1.0], axis=1).astype(np.int8)
    first: list = []
    ovr_logistic_probs(x[:200], y[:200], x[200:], C=1.0, solution_out=first)
    assert first and first[0].shape == (7, 3)
    cold = ovr_logistic_probs(x[100:], y[100:], x[:100], C=1.0)
    warm = ovr_logistic_probs(x[100:], y[100:], x[:100], C=1.0, start=first[0])
    assert np.allclose(warm, cold, atol=2e-3)
    # the start is used: from the fold's own solution the solver has next to nothing left to do
    own: list = []
    ovr_logistic_probs(x[100:], y[100:], x[:100], C=1.0, solution_out=own)
    calls: list[int] = []
    real = multilabel_predict.lbfgs
    monkeypatch.setattr(multilabel_predict, "lbfgs",
                        lambda f, start, **kw: real(lambda t: (calls.append(1), f(t))[1], start, **kw))
    ovr_logistic_probs(x[100:], y[100:], x[:100], C=1.0, start=own[0])
    from_own = len(calls)
    calls.clear()
    ovr_logistic_probs(x[100:], y[100:], x[:100], C=1.0)
    assert from_own < len(calls) / 3


def test_pred_probs_of_label_sets_are_used_as_given(ml_result, tmp_path):
    """--pred-probs for label sets: one probability per label (rows need not sum to 1). The
    audit's own per-label probabilities given back give the audit's own label flags."""
    from engine.errors import DataError
    from engine.pipeline import AuditOptions, run_audit

    path = tmp_path / "probs.npy"
    np.save(path, ml_result.pred_probs)
    assert not np.allclose(ml_result.pred_probs.sum(axis=1), 1.0)  # per-label, not a distribution
    again = run_audit(demo_multilabel_path(),
                      AuditOptions(id_column="id", label_column="labels", pred_probs_path=str(path)))
    assert again.stage_cache_hits["predict"] is True
    np.testing.assert_array_equal(again.output.issues["is_label_issue"], ml_result.output.issues["is_label_issue"])
    np.save(path, np.clip(ml_result.pred_probs, 0, 1) * 1.5 + 0.01)
    with pytest.raises(DataError, match=r"within \[0, 1\]"):
        run_audit(demo_multilabel_path(), AuditOptions(id_column="id", label_column="labels", pred_probs_path=str(path)))
    np.save(path, ml_result.pred_probs[:, :3])
    with pytest.raises(DataError, match="one probability per label"):
        run_audit(demo_multilabel_path(), AuditOptions(id_column="id", label_column="labels", pred_probs_path=str(path)))


def test_the_label_regression_never_multiplies_dead_dimensions(monkeypatch) -> None:
    """As the single-label regression (tests/test_reaudit_graph.py): MiniLM's dead dimensions
    (~1e-33) would make subnormal products, computed in microcode; zeroed, with the same numbers."""
    from engine import multilabel_predict
    from engine.softmax_regression import TINY_FEATURE

    rng = np.random.default_rng(2)
    x = rng.normal(size=(120, 6)).astype(np.float32)
    x[:, 4] = rng.normal(size=120) * 1e-33  # a dead dimension
    y = np.stack([x[:, 0] > 0, x[:, 1] > 0.5], axis=1).astype(np.int8)
    seen = []
    real = multilabel_predict.lbfgs

    def lbfgs(loss_and_grad, start, **kwargs):
        seen.extend(cell.cell_contents for cell in loss_and_grad.__closure__ or ()
                    if isinstance(cell.cell_contents, np.ndarray) and cell.cell_contents.shape == (120, 6))
        return real(loss_and_grad, start, **kwargs)

    monkeypatch.setattr(multilabel_predict, "lbfgs", lbfgs)
    probs = ovr_logistic_probs(x, y, x[:20], C=1.0)
    assert seen and all(not np.any((np.abs(a) > 0) & (np.abs(a) < TINY_FEATURE)) for a in seen)
    zeroed = x.copy()
    zeroed[:, 4] = 0.0
    assert np.array_equal(probs, ovr_logistic_probs(zeroed, y, zeroed[:20], C=1.0))
