"""A row with more than k exact copies ties with them all at distance 0, and the search keeps the copies first by
index: the non-IID test read that as an order. A shuffled file with many copies said 'NOT i.i.d.' (review39:
1,500 banking77 rows + 600 copies of 10 of them, shuffled: p 0; the distinct rows alone p 0.77). Copies that sit
together in the file are still an order."""

from __future__ import annotations

import numpy as np

from engine.audit import run_datalab
from engine.non_iid_ties import untie_duplicates
from engine.neighbours import build_graph


def _p_value(features: np.ndarray) -> float:
    n = len(features)
    labels = np.random.default_rng(1).integers(0, 2, n)
    graph = build_graph(features, k=10).to_csr()
    output = run_datalab(labels, np.full((n, 2), 0.5, dtype=np.float32), graph, features=features,
                         issue_types=("non_iid",))
    return output.info["non_iid"]["p-value"]


def _copies(n: int = 300, groups: int = 4, each: int = 40) -> np.ndarray:
    rng = np.random.default_rng(3)
    features = rng.standard_normal((n, 16)).astype(np.float32)
    features[n - groups * each:] = np.repeat(features[:groups], each, axis=0)  # 160 copies of 4 rows, at the end
    return features / np.linalg.norm(features, axis=1, keepdims=True)


def test_shuffled_copies_are_no_evidence_of_row_order() -> None:
    features = _copies()
    shuffled = features[np.random.default_rng(5).permutation(len(features))]
    assert _p_value(shuffled) > 0.05


def test_copies_together_are_still_an_order() -> None:
    assert _p_value(_copies()) < 0.05


def test_untie_draws_among_the_copies_only() -> None:
    choices = np.array([[1, 2], [0, 2], [0, 1], [0, 1], [5, 0], [4, 0]])  # rows 0-3 copies; 4, 5 a pair
    distances = np.array([[0, 0], [0, 0], [0, 0], [0, 0], [0, .5], [0, .5]], dtype=np.float32)
    untied = untie_duplicates(choices, distances, 0)
    assert all(set(untied[row]) <= {0, 1, 2, 3} - {row} and len(set(untied[row])) == 2 for row in range(4))
    assert (untied[4:] == choices[4:]).all()  # not every neighbour a copy: kept


def test_many_copies_are_drawn_without_shuffling_them_all(monkeypatch) -> None:
    """Each tied row's draw was choice(G - 1, k, replace=False), which shuffles all G - 1 copies: G² work, 50,000
    copies of one text 51 s CPU (diff39). The draws are still k distinct other copies, the other rows kept."""
    shuffled = []

    class Counting(np.random.RandomState):
        def choice(self, a, size=None, replace=True, p=None):  # noqa: ANN001, ANN202 - numpy's own signature
            if not replace:
                shuffled.append(a if isinstance(a, int) else len(a))
            return super().choice(a, size, replace, p)

    monkeypatch.setattr(np.random, "RandomState", Counting)
    copies, k = 1000, 5
    choices = np.array([[(row + j + 1) % copies for j in range(k)] for row in range(copies)] + [[0] * k] * 3)
    distances = np.r_[np.zeros((copies, k)), np.full((3, k), 0.5)]
    untied = untie_duplicates(choices, distances, 0)
    assert sum(shuffled) <= 4 * k * len(choices), sum(shuffled)
    assert all(len(set(untied[row])) == k and row not in untied[row] and untied[row].max() < copies
               for row in range(copies))
    assert (untied[copies:] == choices[copies:]).all()
    assert (untied == untie_duplicates(choices, distances, 0)).all()  # the seed's draw
