"""The lean non-IID permutation test gives exactly cleanlab's p-value and scores."""

from __future__ import annotations

import numpy as np
import pytest

from engine.issue_managers import RunContext, TextauditNonIIDIssueManager, register_managers
from engine.neighbours import build_graph


@pytest.mark.parametrize("sorted_by_class", [True, False])
def test_lean_permutation_test_matches_cleanlab(sorted_by_class, monkeypatch):
    from cleanlab import Datalab

    register_managers()
    rng = np.random.default_rng(3)
    labels = np.repeat(np.arange(4), 150)
    if not sorted_by_class:
        rng.shuffle(labels)
    centres = rng.standard_normal((4, 8)) * 2
    vectors = (centres[labels] + rng.standard_normal((len(labels), 8))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    graph = build_graph(vectors, k=10, method="exact").to_csr()
    lean_calls = []
    lean = TextauditNonIIDIssueManager._permutation_test

    def counted(self, num_permutations):
        lean_calls.append(self._lean)
        return lean(self, num_permutations)

    monkeypatch.setattr(TextauditNonIIDIssueManager, "_permutation_test", counted)

    def audit(**extra):
        lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
        lab.find_issues(knn_graph=graph, issue_types={"non_iid": extra})
        return lab.get_info("non_iid")["p-value"], lab.get_issues("non_iid")["non_iid_score"].to_numpy()

    p_original, scores_original = audit()  # no textaudit context: cleanlab's own test
    p_lean, scores_lean = audit(textaudit=RunContext(labels=labels))
    assert lean_calls == [False, True]
    assert p_lean == p_original
    np.testing.assert_array_equal(scores_lean, scores_original)
    assert (p_original < 0.05) == sorted_by_class  # the test itself still tells order apart
