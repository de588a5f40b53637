"""The trust guard's condition number read with its sampling error (engine/noise_trust.condition_upper), and a group
of classes whose labels are mixed among themselves read one way (engine/class_overlap.py): issue 17, session 27.
Seeds stand in for fold splits: each gives the same mixed group fresh estimation noise."""

from __future__ import annotations

import numpy as np
from synthetic import confusable_probs, mixed_group, sibling_classes

from engine.label_posterior import score_labels
from engine.noise_trust import MAX_CONDITION

SPLITS = range(6)


def test_a_mixed_group_takes_one_path_whatever_the_split():
    """The point condition number lands either side of the limit (old code: the posterior on some splits, flagging
    nearly every row of the group, self-confidence on others); its upper quantile does not."""
    verdicts = [score_labels(*mixed_group(seed)[:2]) for seed in SPLITS]
    points = [verdict.diagnostics["condition_number"] for verdict in verdicts]
    assert min(points) < MAX_CONDITION < max(points)  # the case: a point estimate that flips
    assert {verdict.method for verdict in verdicts} == {"self-confidence"}
    assert {verdict.diagnostics["noise_model"] for verdict in verdicts} == {"untrusted"}
    for verdict, point in zip(verdicts, points):
        if point <= MAX_CONDITION:
            assert verdict.diagnostics["condition_upper"] > MAX_CONDITION
            assert "ill-conditioned within its sampling error" in verdict.notes[0]
    counts = [verdict.estimated_issues for verdict in verdicts]
    assert max(counts) <= 1.5 * min(counts) and all(int(v.flags.sum()) == v.estimated_issues for v in verdicts)


def test_a_well_estimated_matrix_keeps_its_path():
    """Where T is estimated well its redraws agree with it, and the verdict is the same as before the bound."""
    for given, probs, _ in (confusable_probs(0), sibling_classes(0)):
        diagnostics = score_labels(given, probs).diagnostics
        assert diagnostics["condition_upper"] < 2 * diagnostics["condition_number"] < MAX_CONDITION


def test_the_overlap_note_counts_the_group_and_its_flags():
    """One reading of the group on either path: its rows, cleanlab's count of them as another class of the group,
    and how many of them the label check flags (the flags and the label-issue count stay one)."""
    from engine.class_overlap import overlap_note, overlapping_classes

    given, probs, mixed = mixed_group(0)
    truth = np.repeat(np.arange(20), 60)
    groups = overlapping_classes(given, probs)
    assert [group["classes"] for group in groups] == [[0, 1, 2, 3]]
    wrong = int(np.sum(given != truth))
    assert abs(groups[0].get("likely_mislabelled", -1) - wrong) <= 0.1 * wrong
    from engine.class_overlap import with_flags

    verdict = score_labels(given, probs)
    flagged = int(np.sum(verdict.flags & mixed))
    groups = with_flags(groups, given, verdict.flags)
    assert groups[0]["flagged"] == flagged
    note = overlap_note(groups, len(given))
    assert "cannot tell 4 classes apart (a group, 240 rows, 20%)" in note
    assert f"counts {groups[0]['likely_mislabelled']:,} of those rows as another class of the group" in note
    assert f"{flagged:,} of them are among the label issues" in note
