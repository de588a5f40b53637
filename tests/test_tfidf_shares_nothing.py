"""--model tfidf: a text none of whose words is in another text is at similarity 0 to every row in the TF-IDF
matrix, but the truncated SVD gave it a direction of its own rounding, normalised to a unit vector (banking77
test with 10 such texts added: nearest similarity 0.17-0.41; 100k rows: 0.28-0.53), so the isolated-row rule
(engine/outlier_isolated.py, under 0.01 to every row) missed it. Its vector is now zero, as in the matrix."""

from __future__ import annotations

import numpy as np
import pytest

from engine import tfidf
from engine.embed import embed_texts
from engine.outlier_isolated import ISOLATED_SIMILARITY

TOPICS = {
    "card": "my card was lost stolen blocked frozen please help me today",
    "money": "send transfer money to my friend bank account abroad today",
    "pin": "change reset my pin code at the machine please today",
}
ALONE = ["qwzx vbnmk plokij", "zzyzx frobnicate quuxly", "xylograph jibbering snorkelwag"]


def _texts() -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(0)
    texts, labels = [], []
    for name, words in TOPICS.items():
        for _ in range(20):
            texts.append(" ".join(rng.choice(words.split(), size=6)))
            labels.append(name)
    for i, text in enumerate(ALONE):  # spread through the file
        texts.insert(10 + 20 * i, text)
        labels.insert(10 + 20 * i, "card")
    return texts, labels


def test_a_text_sharing_no_word_is_at_similarity_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tfidf, "COMPONENTS", 8)  # truncated, as 256 components are on big data
    texts, labels = _texts()
    vectors = embed_texts(texts, model="tfidf")
    alone = np.array([text in ALONE for text in texts])
    similarity = vectors[alone] @ vectors.T
    similarity[np.arange(alone.sum()), np.flatnonzero(alone)] = 0.0
    assert np.abs(similarity).max() < ISOLATED_SIMILARITY
    assert np.allclose(np.linalg.norm(vectors[~alone], axis=1), 1.0, atol=1e-5)  # the others keep their vectors
    from engine.audit import run_datalab

    codes = np.unique(labels, return_inverse=True)[1]
    probs = np.full((len(codes), 3), 0.1, dtype=np.float32)
    probs[np.arange(len(codes)), codes] = 0.8
    output = run_datalab(codes, probs, None, features=vectors, issue_types=("outlier",))
    assert output.issues["is_outlier_issue"].to_numpy()[alone].all()  # flagged, whatever Datalab's cut


def test_shares_a_term_reads_document_frequency() -> None:
    import scipy.sparse as sp

    matrix = sp.csr_matrix(np.array([[1, 0, 1, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1.0]]))
    assert tfidf.shares_a_term(matrix).tolist() == [True, True, False, False, False]
