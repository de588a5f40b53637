"""TfidfVectorizer sorted its whole vocabulary in one ``sorted`` call, which holds Python's GIL throughout (100k
WordNet glosses, 728,575 terms: 10.6 s on 2 busy cores): the app's clock and keys stood still while the TF-IDF view
built in its worker. engine/tfidf.term_matrix sorts it in parts merged by Python code, which lets other threads run
between its steps. No timing: the size of each ``sorted`` call is recorded; and the values are scikit-learn's own."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.feature_extraction.text as sklearn_text
from sklearn.feature_extraction.text import TfidfVectorizer

import engine.tfidf
from engine.tfidf import term_matrix


def _texts() -> list[str]:
    rng = np.random.default_rng(4)
    vocab = [f"w{i:04d}" for i in range(3000)] + ["Straße", "naïve", "日本語 テキスト", "x", "ab"]
    return [" ".join(rng.choice(vocab, int(rng.integers(1, 12)))) for _ in range(800)] + ["", "a b c", "ab ab ab"]


def _stock(texts: list[str], **settings) -> object:
    return TfidfVectorizer(min_df=1, sublinear_tf=True, **settings).fit_transform(texts)


@pytest.mark.parametrize("max_terms", [None, 700])
def test_the_matrix_is_scikit_learns(max_terms, monkeypatch) -> None:
    monkeypatch.setattr(engine.tfidf, "SORT_PART", 97, raising=False)  # many parts
    texts = _texts()
    want = _stock(texts, ngram_range=(1, 2), max_features=max_terms)
    for got in (term_matrix(texts, max_terms=max_terms),
                term_matrix(texts, TfidfVectorizer(ngram_range=(1, 2)).build_analyzer(), max_terms)):
        assert got.shape == want.shape and got.dtype == want.dtype
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)
    if hasattr(engine.tfidf, "_vectorizer"):  # the vocabulary too, in its order
        ours = engine.tfidf._vectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=max_terms)
        theirs = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=max_terms)
        ours.fit(texts), theirs.fit(texts)
        assert list(ours.vocabulary_.items()) == list(theirs.vocabulary_.items())
        assert np.array_equal(ours.idf_, theirs.idf_)


def test_sorted_in_parts_is_sorted(monkeypatch) -> None:
    from engine.tfidf import sorted_in_parts

    monkeypatch.setattr(engine.tfidf, "SORT_PART", 13)
    rng = np.random.default_rng(5)
    terms = list(dict.fromkeys("".join(rng.choice(list("abcé日 "), int(rng.integers(1, 6)))) for _ in range(600)))
    assert len(terms) > 13 * 10
    assert sorted_in_parts(terms) == sorted(terms)
    assert sorted_in_parts(terms[:5]) == sorted(terms[:5])


def test_no_sort_of_the_whole_vocabulary_at_once(monkeypatch) -> None:
    part = 97
    monkeypatch.setattr(engine.tfidf, "SORT_PART", part, raising=False)
    calls: list[int] = []

    def recorded(items, *args, **kwargs):
        items = list(items)
        calls.append(len(items))
        return sorted(items, *args, **kwargs)

    monkeypatch.setattr(sklearn_text, "sorted", recorded, raising=False)  # the builtin, as each module sees it
    monkeypatch.setattr(engine.tfidf, "sorted", recorded, raising=False)
    matrix = term_matrix(_texts())
    assert matrix.shape[1] > 10 * part
    whole = [size for size in calls if size > part]
    assert not whole, f"sorted() of {whole} terms at once"  # the old code: the whole vocabulary
    assert calls  # the parts
