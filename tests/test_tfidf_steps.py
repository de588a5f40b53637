"""--model tfidf reported no progress until it ended (100k rows: 28 s quiet, 225 s on a busy machine,
~90% of it TruncatedSVD) and could not be cancelled. Its SVD now runs step by step (engine/tfidf.py):
progress moves and a cancel is honoured between steps, with vectors bit-identical to scikit-learn's."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from engine import tfidf
from engine.embed import embed_texts
from engine.errors import EmbedCancelled


@pytest.fixture(scope="module")
def texts(demo_csv) -> list[str]:
    return pd.read_csv(demo_csv)["text"].fillna("").tolist()


@pytest.mark.parametrize("shape", [(60, 200), (200, 60)])  # transposed (fewer rows than terms) and not
def test_the_svd_is_truncated_svd_bit_for_bit(shape) -> None:
    matrix = sp.random(*shape, density=0.1, format="csr", random_state=1, dtype=np.float64)
    expected = TruncatedSVD(n_components=20, random_state=0).fit_transform(matrix)
    steps: list[float] = []
    got = tfidf.truncated_svd(matrix, 20, step=steps.append)
    assert np.array_equal(got, expected)
    assert len(steps) == tfidf.SVD_STEPS and steps == sorted(steps) and steps[-1] == pytest.approx(1.0)


def test_the_vectors_are_those_of_tfidf_vectorizer_and_truncated_svd(texts) -> None:
    matrix = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit_transform(texts)
    before = normalize(TruncatedSVD(n_components=256, random_state=0).fit_transform(matrix)).astype(np.float32)
    alone = np.asarray((matrix[:, np.asarray((matrix > 0).sum(axis=0)).ravel() > 1] > 0).sum(axis=1)).ravel() == 0
    assert alone.sum() == 3  # the demo's Spanish and keyboard rows share no word; its empty row has none
    before[alone] = 0.0  # a text sharing no word: similarity 0 to each row, as in the matrix (engine/tfidf.py)
    assert np.array_equal(embed_texts(texts, model="tfidf", cancel=threading.Event()), before)  # steps in threads


def test_progress_moves_through_the_svd(texts) -> None:
    seen: list[tuple[int, int]] = []
    embed_texts(texts, model="tfidf", progress=lambda done, total: seen.append((done, total)))
    n = len(texts)
    assert {total for _, total in seen} == {n} and seen[-1] == (n, n)
    dones = [done for done, _ in seen]
    assert dones == sorted(dones)
    within_svd = [done for done in dones if tfidf.VECTORIZE_SHARE * n < done < n]
    assert len(within_svd) >= tfidf.SVD_STEPS - 2  # a report per step (the last ones may round to n)


def test_a_cancel_stops_between_svd_steps(texts) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > tfidf.VECTORIZE_SHARE * total:  # the SVD's first step done
            cancel.set()

    with pytest.raises(EmbedCancelled) as caught:
        embed_texts(texts, model="tfidf", progress=progress, cancel=cancel)
    assert len(caught.value.rows) == 0 and caught.value.vectors is None  # nothing to keep: vectors of the whole corpus
    assert len([done for done in seen if done > tfidf.VECTORIZE_SHARE * len(texts)]) == 1  # no step after it


def test_a_cancel_returns_while_a_step_still_runs() -> None:
    cancel, release = threading.Event(), threading.Event()
    cancel.set()
    steps = tfidf._Steps(10, None, cancel)
    with pytest.raises(EmbedCancelled):
        steps.run(lambda: release.wait(60))  # a LAPACK call that has not returned
    assert not release.is_set()
    release.set()


def test_a_cancelled_tfidf_audit_leaves_nothing_in_the_cache(demo_csv, tmp_path) -> None:
    from engine.pipeline import AuditOptions, run_audit

    options = AuditOptions(id_column="id", model="tfidf", cache_root=str(tmp_path / "cache"))
    cancel = threading.Event()

    def progress(report) -> None:
        if report.stage == "embed" and report.total > 1 and report.done > tfidf.VECTORIZE_SHARE * report.total:
            cancel.set()

    with pytest.raises(EmbedCancelled):
        run_audit(str(demo_csv), options, progress=progress, cancel=cancel)
    assert not [path for path in (tmp_path / "cache").rglob("*") if "embeddings" in path.parts and path.is_file()]
