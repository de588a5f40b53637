"""A --model tfidf audit built its TF-IDF term matrix twice: for the vectors (engine/tfidf.tfidf_vectors), then again
for the near-duplicate check on the terms (engine/tfidf_confirm.tfidf_rows). The embed stage now hands its matrix on;
the audit stage builds one only where the vectors came from the cache, with the same result."""

from __future__ import annotations

import numpy as np
import pandas as pd

import engine.tfidf
from engine.pipeline import AuditOptions, run_audit

COLUMNS = ["is_near_duplicate_issue", "near_duplicate_score", "distance_to_nearest_neighbor", "nearest_neighbor"]


def _frame() -> pd.DataFrame:
    """300 texts of 6 random words, 20 of them copied with one word changed, 5 exact copies."""
    rng = np.random.default_rng(2)
    vocab = [f"term{i:03d}" for i in range(600)]
    texts = [" ".join(rng.choice(vocab, 6)) for _ in range(300)]
    texts += [text.rsplit(" ", 1)[0] + " other" for text in texts[:20]] + texts[20:25]
    return pd.DataFrame({"text": texts, "label": [i % 3 for i in range(len(texts))]})


def test_one_term_matrix_per_audit(tmp_path, monkeypatch) -> None:
    built = []
    real = engine.tfidf.term_matrix

    def counted(*args, **kwargs):
        matrix = real(*args, **kwargs)
        built.append(matrix)
        return matrix

    monkeypatch.setattr(engine.tfidf, "term_matrix", counted)
    frame = _frame()
    cache = str(tmp_path / "cache")
    cold = run_audit(frame, AuditOptions(model="tfidf", issue_types=("near_duplicate", "outlier"), second_view="none",
                                         cache_root=cache))
    assert len(built) == 1  # the old audit: 2, the vectors' and the check's
    # the vectors from the cache, the check computed: the audit stage builds the matrix, the same one
    warm = run_audit(frame, AuditOptions(model="tfidf", issue_types=("near_duplicate",), second_view="none",
                                         cache_root=cache))
    assert warm.stage_cache_hits["embed"] and not warm.stage_cache_hits["audit"]
    assert len(built) == 2
    first, second = built
    assert first.shape == second.shape and (first != second).nnz == 0
    assert np.array_equal(first.indices, second.indices) and np.array_equal(first.data, second.data)
    for column in COLUMNS:
        assert np.array_equal(cold.output.issues[column].to_numpy(), warm.output.issues[column].to_numpy()), column
    assert int(cold.output.issues["is_near_duplicate_issue"].sum()) >= 10  # the exact copies and their originals
