"""The TF-IDF second view (engine/second_view.py): the pool and its weight fit on arrays, the
``--second-view none`` switch, and the cache keys of the two settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest


def _two_views() -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """40 rows, 2 classes. View A is sure of the given label of flip 0 (misses it) and unsure of
    clean rows 2-4; view B misses flip 1 and is unsure of clean rows 5-7."""
    n = 40
    labels = np.arange(n) % 2
    sure_a = np.full(n, 0.8)
    sure_b = np.full(n, 0.8)
    sure_a[[2, 3, 4]] = 0.45  # A alone ranks these clean rows below flip 0
    sure_b[[5, 6, 7]] = 0.45  # B alone ranks these below flip 1
    sure_a[0], sure_b[0] = 0.9, 0.01  # flip 0: only B sees it
    sure_a[1], sure_b[1] = 0.01, 0.9  # flip 1: only A sees it

    def probs(given: np.ndarray) -> np.ndarray:
        out = np.empty((n, 2))
        out[np.arange(n), labels] = given
        out[np.arange(n), 1 - labels] = 1 - given
        return out

    return probs(sure_a), probs(sure_b), labels, 0, 1


def test_the_pool_ranks_the_flips_each_view_alone_misranks():
    from engine.second_view import fit_view_weight, pool_views

    p_a, p_b, labels, flip_a, flip_b = _two_views()
    rows = np.arange(len(labels))

    def lowest_two(p: np.ndarray) -> set[int]:
        return set(np.argsort(p[rows, labels], kind="stable")[:2].tolist())

    assert lowest_two(p_a) != {flip_a, flip_b} and lowest_two(p_b) != {flip_a, flip_b}
    weight = fit_view_weight(p_a, p_b, labels)
    assert 0 < weight < 1  # the views are alike in quality: neither alone
    pooled = pool_views(p_a, p_b, weight)
    assert pooled.dtype == np.float32 and np.allclose(pooled.sum(axis=1), 1, atol=1e-6)
    assert lowest_two(pooled) == {flip_a, flip_b}


def test_the_weight_fit_keeps_a_useless_view_out_and_ties_go_to_the_main_view():
    from engine.second_view import fit_view_weight, pool_views

    p_a, _, labels, _, _ = _two_views()
    flat = np.full_like(p_a, 0.5)  # a view that knows nothing: any weight on it only costs log-loss
    assert fit_view_weight(p_a, flat, labels) == 0.0
    assert fit_view_weight(p_a, p_a, labels) == 0.0  # every weight the same loss: the smallest
    assert np.allclose(pool_views(p_a, flat, 0.0), p_a, atol=1e-6)
    assert fit_view_weight(flat, p_a, labels) == 1.0


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory: pytest.TempPathFactory, demo_csv: Path) -> Path:
    """60 demo rows (bundled model: a few seconds)."""
    frame = pd.read_csv(demo_csv)
    frame = frame[frame["label"].isin(["card_lost", "check_balance", "exchange_rate"])].head(60)
    path = tmp_path_factory.mktemp("views") / "small.csv"
    frame.to_csv(path, index=False)
    return path


def test_second_view_none_gives_the_single_view_pred_probs_and_keys_its_own_entries(small_csv, tmp_path):
    from engine.pipeline import AuditOptions, run_audit
    from engine.predict import cross_val_pred_probs
    from engine.result import summary_json

    cache = str(tmp_path / "cache")
    single = run_audit(small_csv, AuditOptions(second_view="none", issue_types=("label",), cache_root=cache))
    assert single.view_weight is None and summary_json(single)["pred_probs"] is None
    direct = cross_val_pred_probs(_vectors(single), single.dataset.labels, single.dataset.n_classes,
                                  neighbours=single.graph.indices)
    assert np.array_equal(single.pred_probs, direct.pred_probs)  # the model's own, nothing pooled in

    pooled = run_audit(small_csv, AuditOptions(issue_types=("label",), cache_root=cache))
    assert pooled.view_weight is not None
    assert summary_json(pooled)["pred_probs"] == f"all-MiniLM-L6-v2 + TF-IDF view (weight {pooled.view_weight:.2f})"
    # the setting is in the keys: the pooled run did not read the single view's entries back
    assert not pooled.stage_cache_hits["predict"] and not pooled.stage_cache_hits["audit"]
    if pooled.view_weight > 0:
        assert not np.array_equal(pooled.pred_probs, single.pred_probs)
    again = run_audit(small_csv, AuditOptions(second_view="none", issue_types=("label",), cache_root=cache))
    assert again.cache_hit and np.array_equal(again.pred_probs, single.pred_probs)
    pooled_again = run_audit(small_csv, AuditOptions(issue_types=("label",), cache_root=cache))
    assert pooled_again.cache_hit and np.array_equal(pooled_again.pred_probs, pooled.pred_probs)
    assert pooled_again.view_weight == pooled.view_weight


def _vectors(result) -> np.ndarray:
    from engine.pipeline import audit_vectors

    return audit_vectors(result.dataset, result.options)


def test_the_cli_takes_second_view_and_tfidf_alone_has_no_pool(small_csv, tmp_path):
    from engine.errors import UsageError
    from engine.pipeline import AuditOptions, run_audit, validate_options
    from tui.cli_parser import build_parser

    args = build_parser().parse_args(["audit", str(small_csv), "--second-view", "none"])
    assert args.second_view == "none"
    assert build_parser().parse_args(["audit", str(small_csv)]).second_view == "auto"
    with pytest.raises(UsageError):
        validate_options(AuditOptions(second_view="bogus"))
    alone = run_audit(small_csv, AuditOptions(model="tfidf", issue_types=("label",), cache_root=str(tmp_path)))
    assert alone.view_weight is None


def test_auto_leaves_the_view_out_above_its_rows_and_says_so(small_csv, tmp_path, monkeypatch):
    """--second-view auto (the default) pools the TF-IDF view up to AUTO_MAX_ROWS rows; above, the model's pred_probs
    alone (its memory grows with the rows: ~2 GB over the audit's own at 300k, scale39), with a note; tfidf pools it anyway."""
    import engine.second_view as second_view
    from engine.pipeline import AuditOptions, run_audit

    monkeypatch.setattr(second_view, "AUTO_MAX_ROWS", 5)
    cache = tmp_path / "cache"
    auto = run_audit(small_csv, AuditOptions(issue_types=("label",), cache_root=cache))
    assert auto.view_weight is None
    assert any(note.startswith("TF-IDF view left out:") and "--second-view tfidf" in note for note in auto.notes)
    forced = run_audit(small_csv, AuditOptions(second_view="tfidf", issue_types=("label",), cache_root=cache))
    assert forced.view_weight is not None
    assert not any(note.startswith("TF-IDF view left out:") for note in forced.notes)
