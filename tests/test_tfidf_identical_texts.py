"""--model tfidf on texts that are all alike printed scikit-learn's 'RuntimeWarning: invalid value
encountered in divide' (TruncatedSVD's explained-variance ratio, 0 / 0) amid the progress lines."""

from __future__ import annotations

import warnings

import numpy as np

from engine.embed import _tfidf_vectors


def test_identical_texts_embed_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vectors = _tfidf_vectors(["same text here"] * 40)
    assert vectors.shape[0] == 40 and np.all(np.isfinite(vectors))
    assert np.allclose(vectors, vectors[0])  # one text, one vector
