"""Re-audit warm start (issue 13 speed): the corrected audit refits the first audit's folds from
their stored solutions; its flags equal a cold fit of the same folds, and every fold's solver
starts far closer to its optimum than from zero. How many solver steps that saves depends on the
CPU's arithmetic (the demo's vectors), so it is measured in bench/review_latency.py, not here."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

import engine.softmax_regression as regression
from engine.corrections import Journal
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from engine.predict import FoldState, cross_val_pred_probs
from engine.reaudit import corrected_dataset, reaudit

sys.path.insert(0, str(Path(__file__).parent))
from test_review import _topic_frame  # noqa: E402


def _first_losses(monkeypatch) -> list[float]:
    """The loss at each solver run's start (one run per fold), in call order."""
    losses: list[float] = []
    real = regression.lbfgs

    def lbfgs(loss_and_grad, start, **kwargs):
        losses.append(float(loss_and_grad(np.array(start, dtype=np.float64))[0]))
        return real(loss_and_grad, start, **kwargs)

    monkeypatch.setattr(regression, "lbfgs", lbfgs)
    return losses


def _check_warm_equals_cold(source, dataset, options, before, journal_path: Path, monkeypatch) -> None:
    """Re-audit warm; then a cold fit of the same folds (zero solutions: the solver's own start);
    same flags, probabilities within the solver's tolerance, every warm fold started at a lower
    loss than its cold twin (the stored solution, not zero)."""
    losses = _first_losses(monkeypatch)
    warm = reaudit(source, options, journal_path, before=before)
    warm_starts = list(losses)
    assert any("refitted the audit's own folds" in note for note in warm.after.notes)
    assert warm.after.folds.fold_of.tolist() == before.folds.fold_of[warm.rows].tolist()  # the same folds
    corrected, rows, _, _ = corrected_dataset(dataset, journal_path)
    assert rows.tolist() == warm.rows.tolist()
    zero = FoldState(before.folds.fold_of[rows], np.zeros_like(before.folds.solutions))
    losses.clear()
    cold = run_audit(corrected, options, warm=zero)
    assert not cold.stage_cache_hits["predict"]  # its own cache key: another start
    assert cold.folds.fold_of.tolist() == warm.after.folds.fold_of.tolist()
    assert len(warm_starts) == len(losses) == before.folds.solutions.shape[0]  # one solver run per fold
    # folds may run in any order (threads): every warm start below every cold one (log K at zero)
    assert max(warm_starts) < 0.9 * min(losses), (warm_starts, losses)
    assert np.abs(cold.pred_probs - warm.after.pred_probs).max() < 0.01  # the solver's tolerance
    for name in ("label", "outlier", "near_duplicate"):
        column = f"is_{name}_issue"
        assert cold.output.issues[column].tolist() == warm.after.output.issues[column].tolist(), name


def _relabel_flagged(dataset, before, journal_path: Path, exclude: list[int]) -> None:
    """Relabel the flagged rows to their predicted class, but none of a class under 10 rows: the
    demo's 3-row class can be flagged whole, and a class relabelled away changes the class count,
    which no stored fold solution fits (a cold fit then; not what these tests compare)."""
    flagged = np.flatnonzero(before.output.issues["is_label_issue"].to_numpy())
    given = dataset.frame[dataset.label_column].astype(str)
    rare = set(given.value_counts()[lambda sizes: sizes < 10].index)
    flagged = np.array([row for row in flagged.tolist() if given.iloc[row] not in rare], dtype=int)
    assert len(flagged)
    with Journal.open(journal_path, dataset) as journal:
        for row in flagged.tolist():
            if row not in exclude:
                label = dataset.class_names[int(np.argmax(before.pred_probs[row]))]
                journal.record("relabel", row, label_after=label, issue_type="label")
        for row in exclude:
            journal.record("exclude", row, issue_type="outlier")


def test_warm_reaudit_flags_equal_a_cold_fit_of_the_same_folds(tmp_path: Path, monkeypatch):
    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    options = AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache"))
    before = run_audit(str(data), options)
    assert before.folds is not None and before.folds.solutions.shape[0] == 3
    dataset = load_dataset(str(data))
    journal_path = tmp_path / "topics.corrections.jsonl"
    _relabel_flagged(dataset, before, journal_path, exclude=[])  # TF-IDF: excluding rows changes the vectors
    _check_warm_equals_cold(str(data), dataset, options, before, journal_path, monkeypatch)


def test_warm_reaudit_with_excluded_rows_keeps_the_remaining_rows_folds(demo_result, tmp_path: Path, monkeypatch):
    dataset = demo_result.dataset
    assert demo_result.folds is not None
    journal_path = tmp_path / "demo.corrections.jsonl"
    _relabel_flagged(dataset, demo_result, journal_path, exclude=[3, 40])
    # the model's folds compared alone: the TF-IDF view's (cold, as the view is never warm) would add its solver runs
    options = replace(demo_result.options, second_view="none")
    _check_warm_equals_cold(dataset, dataset, options, demo_result, journal_path, monkeypatch)


def test_tfidf_with_excluded_rows_falls_back_to_a_cold_fit(tmp_path: Path):
    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    options = AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache"))
    before = run_audit(str(data), options)
    dataset = load_dataset(str(data))
    journal_path = tmp_path / "topics.corrections.jsonl"
    _relabel_flagged(dataset, before, journal_path, exclude=[7])
    again = reaudit(str(data), options, journal_path, before=before)
    # the corpus changed, so did the TF-IDF space: the stored solutions do not fit, nothing is claimed
    assert not any("refitted" in note for note in again.after.notes)
    assert again.after.folds is not None


def test_fold_state_that_does_not_fit_the_rows_is_ignored():
    rng = np.random.default_rng(0)
    features = rng.standard_normal((60, 4)).astype(np.float32)
    labels = np.repeat([0, 1, 2], 20)
    plain = cross_val_pred_probs(features, labels, 3, folds=3, classifier="logreg-knn")
    assert plain.folds is not None and plain.folds.solutions.shape == (3, 3, 5)
    for bad in (FoldState(plain.folds.fold_of[:-1], plain.folds.solutions),  # another row count
                FoldState(plain.folds.fold_of, plain.folds.solutions[:, :2]),  # another class count
                FoldState(np.where(plain.folds.fold_of == 2, 1, plain.folds.fold_of), plain.folds.solutions)):
        again = cross_val_pred_probs(features, labels, 3, folds=3, classifier="logreg-knn", warm=bad)
        assert np.array_equal(again.pred_probs, plain.pred_probs)
    same = cross_val_pred_probs(features, labels, 3, folds=3, classifier="logreg-knn", warm=plain.folds)
    assert same.folds.fold_of.tolist() == plain.folds.fold_of.tolist()
    assert np.abs(same.pred_probs - plain.pred_probs).max() < 0.01
