"""--model tfidf scored outliers on its SVD's kNN, where a text from another domain keeps only its common words and
sits among the others (tfidf42: 20 ag_news rows in banking77 train, outlier AP 0.13 / 0.11; on the raw TF-IDF rows
0.90 / 0.99). The outlier check now reads its k nearest rows on the sparse TF-IDF rows (engine/terms_neighbours.py).

The data: 1,200 texts of 20 topics (5 of 30 common words, 2 of the topic's 100 words), and a block of 12 texts of
the same common words and 4 words no other text has. On the SVD their median rank is in the hundreds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.sparse import csr_matrix

from engine.pipeline import AuditOptions, run_audit

AT, OFF = 600, 12  # the off-domain block's first row, and its size


def _words(rng: np.random.Generator, count: int, length: tuple[int, int] = (4, 9)) -> list[str]:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return ["".join(rng.choice(letters, rng.integers(*length))) for _ in range(count)]


def _frame(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    common = _words(rng, 30, (2, 5))
    topics = [_words(rng, 100) for _ in range(20)]
    rows = [(" ".join([*rng.choice(common, 5), *rng.choice(vocab, 2)]), f"topic{t}")
            for t, vocab in enumerate(topics) for _ in range(60)]
    off = [(" ".join([*rng.choice(common, 5), *_words(rng, 4)]), f"topic{i % 20}") for i in range(OFF)]
    rows = rows[:AT] + off + rows[AT:]
    return pd.DataFrame(rows, columns=["text", "label"])


def test_off_domain_block_ranks_top(tmp_path) -> None:
    result = run_audit(_frame(), AuditOptions(model="tfidf", issue_types=("outlier",),
                                               cache_root=str(tmp_path / "cache")))
    issues = result.output.issues
    assert {"outlier_score", "is_outlier_issue"} <= set(issues.columns)
    scores = issues["outlier_score"].to_numpy(dtype=np.float64)
    lowest = set(np.argsort(scores, kind="stable")[:OFF + 3].tolist())
    found = len(lowest & set(range(AT, AT + OFF)))
    assert found >= OFF - 2, f"{found} of {OFF} off-domain rows among the {OFF + 3} lowest outlier scores"  # old: 1
    assert result.output.info["outlier"]["knn_graph_source"] == "tfidf terms (exact)"


def _brute(rows: csr_matrix, k: int) -> np.ndarray:
    sims = (rows @ rows.T).toarray()
    np.fill_diagonal(sims, -np.inf)
    return -np.sort(-sims, axis=1)[:, :k]


def test_exact_knn_is_brute_force() -> None:
    """The lower bound from the shared graph's pairs drops no true neighbour: random neighbours given, copies,
    a row of no term and rows sharing a single term included."""
    from sklearn.preprocessing import normalize

    from engine.terms_neighbours import exact_knn

    rng = np.random.default_rng(3)
    dense = rng.random((300, 80)) * (rng.random((300, 80)) < 0.06)
    dense[10] = dense[11]  # a copy
    dense[20] = 0.0  # no term
    dense[30] = 0.0
    dense[30, 5] = 1.0
    rows = csr_matrix(normalize(dense))
    k = 7
    given = np.stack([rng.choice(np.delete(np.arange(300), row), k, replace=False) for row in range(300)])
    sims, cols = exact_knn(rows, given)
    assert np.allclose(sims, np.maximum(_brute(rows, k), 0.0), atol=1e-6)  # chosen on the float32 product
    assert (cols != np.arange(300)[:, None]).all() and (cols >= 0).all()
    assert all(len(set(row)) == k for row in cols.tolist())
    measured = np.asarray(rows[np.repeat(np.arange(300), k)].multiply(rows[cols.ravel()]).sum(axis=1)).reshape(300, k)
    assert np.allclose(measured, sims, atol=1e-9)
    assert sims[10, 0] == pytest.approx(1.0)  # its copy first


@pytest.mark.parametrize("search", ["exact_knn", "pairs_only"])
def test_rows_sharing_no_term_get_the_given_neighbours(search: str) -> None:
    """Four one-word rows, no word shared: no pair at all. '_best' built its one-pair mask on the empty arrays
    (np.r_[True, ...] is 1 long) and every audit of such data ended in 'internal error: IndexError' (lead, CI of
    3f3cbf8: tests/test_unchecked_counts' hello/world/foo/bar)."""
    import engine.terms_neighbours as terms

    rows = csr_matrix(np.eye(4))
    given = np.array([[1, 2], [0, 2], [0, 1], [0, 1]])
    sims, cols = getattr(terms, search)(rows, given)
    assert (sims == 0.0).all() and sorted(map(sorted, cols.tolist())) == sorted(map(sorted, given.tolist()))


def test_past_the_work_cap_the_graph_pairs_and_a_note(tmp_path, monkeypatch) -> None:
    import engine.terms_neighbours as terms_neighbours

    monkeypatch.setattr(terms_neighbours, "MAX_PRODUCTS", 0.0)
    result = run_audit(_frame(), AuditOptions(model="tfidf", issue_types=("outlier",),
                                               cache_root=str(tmp_path / "cache")))
    assert result.output.info["outlier"]["knn_graph_source"] == "tfidf terms (pairs)"
    assert any(note.startswith("outlier: measured on the texts' own TF-IDF terms over the kNN graph's pairs")
               for note in result.output.notes)


def test_cancel_between_chunks(tmp_path, monkeypatch) -> None:
    """A cancel while the terms' graph is searched stops the audit (Cancelled), not a note that outliers were not
    checked."""
    import threading

    import engine.terms_neighbours as terms_neighbours
    from engine.errors import Cancelled

    monkeypatch.setattr(terms_neighbours, "CHUNK_CELLS", 20 * 1212)  # 20 rows a chunk
    monkeypatch.setattr(terms_neighbours, "REPORT_S", 0.0)
    cancel = threading.Event()
    seen: list[str] = []

    def progress(report) -> None:
        if report.message.startswith("outlier: terms"):
            seen.append(report.message)
            cancel.set()

    with pytest.raises(Cancelled):
        run_audit(_frame(), AuditOptions(model="tfidf", issue_types=("outlier",), cache_root=str(tmp_path / "cache")),
                  progress=progress, cancel=cancel)
    assert seen == ["outlier: terms, 20/1,212 rows"]


def test_one_common_word_is_not_alone(tmp_path) -> None:
    """On the terms a text sharing one common word with the others is at similarity under 0.01 to them, not 0: it is
    not flagged as sharing nothing (engine/outlier_isolated.py's note would say no word of it is in another text; with
    0.01 there as on the SVD it was, 1 row). 600 texts of one common word and two of their own spread the rows, so
    Datalab's cut lies past it."""
    frame = _frame()
    rng = np.random.default_rng(7)
    common = frame["text"][0].split()[:3]  # common words, each in about a sixth of the texts
    spread = [" ".join([*rng.choice(common, 1), *_words(rng, 2)]) for _ in range(600)]
    lone = " ".join([common[0], *_words(rng, 120)])
    frame = pd.concat([frame, pd.DataFrame({"text": [*spread, lone], "label": ["topic0"] * 601})], ignore_index=True)
    from engine.tfidf import term_matrix

    rows = term_matrix(list(frame["text"])).tocsr()
    similarities = (rows[len(frame) - 1] @ rows.T).toarray().ravel()[:-1]
    assert 0.0 < similarities.max() < 0.01  # under 0.01 to every row, not 0
    result = run_audit(frame, AuditOptions(model="tfidf", issue_types=("outlier",), cache_root=str(tmp_path / "cache")))
    assert not any("nothing with any other row" in note for note in result.output.notes)
    assert not result.output.issues["is_outlier_issue"].iloc[-1]
