"""How many CPUs a cross-validation fold asks of Ray (engine/distributed/folds.fold_cpus)."""

from __future__ import annotations

import pytest

from engine.distributed.folds import HALVES, fold_cpus


@pytest.mark.parametrize(("largest_node", "cluster", "side_by_side", "expected"), [
    (2, 2, 1, 2),     # the cold first fold on this machine's 2-CPU instance: both halves at once
    (2, 2, 4, 1),     # the four warm folds share two CPUs: one each
    (16, 16, 1, 2),   # one 16-core node: never more than the regression's two halves
    (16, 16, 4, 2),
    (1, 8, 1, 1),     # eight 1-CPU nodes: a task cannot span nodes
    (4, 6, 4, 1),     # two for each of four folds is more than the cluster has
    (0, 0, 1, 1),     # a cluster that reports no CPU still gets one per task (never zero)
])
def test_a_fold_asks_for_one_cpu_per_half_where_the_cluster_has_them(largest_node, cluster, side_by_side, expected):
    assert fold_cpus(largest_node, cluster, side_by_side) == expected
    assert 1 <= fold_cpus(largest_node, cluster, side_by_side) <= HALVES
