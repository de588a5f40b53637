"""Near-duplicate sets are joined without importing scipy's csgraph for a small graph.

Measured by ui26 (python -X importtime and timestamps, the demo reopened from the cache on 2
cores): the summary came up in about 1.3 s, and 0.15-0.35 s of it was importing scipy.sparse.csgraph
(with scipy.linalg and numpy.f2py) to join the demo's 38 near-duplicate rows into sets.
Graphs over tui.duplicate_sets.PYTHON_EDGES edges still go to scipy; both give the same sets.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tui.duplicate_sets as sets_module
from tui.duplicate_sets import connected_components, near_duplicate_sets

REPO = Path(__file__).resolve().parents[1]


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == label).tolist()) for label in np.unique(labels)}


@pytest.mark.parametrize("seed", range(6))
def test_the_python_components_are_scipys(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 200))
    edges = int(rng.integers(0, 2 * size))
    src, dst = rng.integers(0, size, edges), rng.integers(0, size, edges)
    ours = connected_components(size, src, dst)
    monkeypatch.setattr(sets_module, "PYTHON_EDGES", -1)
    theirs = connected_components(size, src, dst)
    assert _partition(ours) == _partition(theirs)


@pytest.mark.parametrize("seed", range(4))
def test_the_sets_are_the_same_either_way(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n = 300
    flagged = rng.random(n) < 0.3
    members = np.empty(n, dtype=object)
    for row in np.flatnonzero(flagged):
        members[row] = rng.integers(0, n, int(rng.integers(1, 4)))
    given, score = rng.integers(0, 5, n), rng.random(n)
    ours = [s.tolist() for s in near_duplicate_sets(flagged, members, given, score)]
    monkeypatch.setattr(sets_module, "PYTHON_EDGES", -1)
    theirs = [s.tolist() for s in near_duplicate_sets(flagged, members, given, score)]
    assert ours == theirs and ours


def test_a_small_graph_does_not_import_scipys_csgraph(tmp_path):
    code = (
        "import sys, numpy as np\n"
        "import tui.view\n"
        "from tui.duplicate_sets import near_duplicate_sets\n"
        "members = np.empty(4, dtype=object); members[0] = [1]; members[2] = [3, 1]\n"
        "sets = near_duplicate_sets(np.array([1, 0, 1, 0], bool), members, np.array([0, 1, 0, 0]),"
        " np.array([.1, .2, .3, .4]))\n"
        "assert [s.tolist() for s in sets] == [[0, 1, 2, 3]], sets\n"
        "print('scipy.sparse.csgraph' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
