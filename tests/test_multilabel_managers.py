"""The multi-label audit through cleanlab's issue-manager registry (task="multilabel"): textaudit's
managers registered by task, failures as notes via CheckFailed, progress as engine.progress.Progress,
and textaudit's label verdict in place of Datalab's."""

from __future__ import annotations

import numpy as np
import pytest

from engine.multilabel_audit import label_scores, run_datalab_multilabel
from engine.progress import Progress


def _data(n: int = 80, k: int = 4, seed: int = 0):
    rng = np.random.default_rng(seed)
    probs = rng.uniform(0.02, 0.98, size=(n, k)).astype(np.float32)
    sets = [tuple(int(j) for j in np.flatnonzero(rng.uniform(size=k) < 0.4)) or (0,) for _ in range(n)]
    features = rng.normal(size=(n, 8)).astype(np.float32)
    return sets, probs, features


def test_managers_are_registered_for_the_multilabel_task_only() -> None:
    from cleanlab.datalab.internal.issue_manager_factory import REGISTRY
    from cleanlab.datalab.internal.task import Task

    from engine.multilabel_managers import MULTILABEL_MANAGERS, TextauditMultilabelIssueManager, register_multilabel_managers

    register_multilabel_managers()
    register_multilabel_managers()  # idempotent
    assert REGISTRY[Task.MULTILABEL]["label"] is TextauditMultilabelIssueManager
    for manager in MULTILABEL_MANAGERS:
        assert REGISTRY[Task.MULTILABEL][manager.issue_name] is manager
    assert REGISTRY[Task.CLASSIFICATION]["label"] is not TextauditMultilabelIssueManager


def test_without_textaudit_datalab_gives_cleanlabs_own_answer() -> None:
    from cleanlab import Datalab
    from cleanlab.multilabel_classification.filter import find_label_issues
    from cleanlab.multilabel_classification.rank import get_label_quality_scores

    from engine.multilabel_managers import register_multilabel_managers

    register_multilabel_managers()
    sets, probs, _ = _data()
    labels = [list(s) for s in sets]
    lab = Datalab(data={"label": labels}, label_name="label", task="multilabel", verbosity=0)
    lab.find_issues(pred_probs=probs, issue_types={"label": {}})
    issues = lab.get_issues("label")
    assert "datalab_label_score" not in issues
    assert np.allclose(issues["label_score"], get_label_quality_scores(labels, probs))
    assert (issues["is_label_issue"].to_numpy() == find_label_issues(labels, probs)).all()


def test_textaudit_verdict_is_datalabs_flag_on_rows_with_a_change_and_keeps_datalabs_beside() -> None:
    from engine.multilabel_audit import suggestions

    sets, probs, features = _data(seed=1)
    output = run_datalab_multilabel(sets, probs, None, features=features, issue_types=("label",))
    issues = output.issues
    score = issues["label_score"].to_numpy()
    flags = issues["is_label_issue"].to_numpy(bool)
    datalab = issues["datalab_is_label_issue"].to_numpy(bool)
    missing, extra = suggestions(sets, probs)
    changed = np.array([bool(m or e) for m, e in zip(missing, extra)])
    assert np.allclose(score, label_scores(sets, probs))
    assert flags.any() and (flags == (datalab & changed)).all() and "datalab_label_score" in issues
    info = output.info["label"]
    assert info["num_label_issues"] == int(flags.sum()) == info["estimated_label_issues"]
    assert info["label_score_method"] == "weakest per-label agreement"


def test_a_failing_check_is_a_note_and_the_others_still_run(monkeypatch, capsys) -> None:
    from engine.issue_managers import TextauditOutlierIssueManager

    def broken(self, run, *args, **kwargs):
        raise ValueError("no outliers today\nsecond line")

    monkeypatch.setattr(TextauditOutlierIssueManager, "_find_issues_for", broken)
    sets, probs, features = _data(seed=2)
    seen: list[Progress] = []
    output = run_datalab_multilabel(sets, probs, None, features=features,
                                    issue_types=("label", "outlier", "near_duplicate"), progress=seen.append)
    assert "outlier not checked: no outliers today" in output.notes
    assert "is_outlier_issue" not in output.issues
    assert "is_label_issue" in output.issues and "is_near_duplicate_issue" in output.issues
    assert capsys.readouterr().out == ""  # nothing printed: the failure came back as CheckFailed
    assert all(isinstance(p, Progress) and p.stage == "audit" for p in seen)
    assert [p.message for p in seen] == ["label", "outlier", "near_duplicate", "done"]


def test_the_manager_raises_check_failed_when_called_for_textaudit() -> None:
    from cleanlab import Datalab

    from engine.issue_managers import CheckFailed
    from engine.multilabel_managers import MultilabelRunContext, TextauditMultilabelIssueManager

    sets, probs, _ = _data(seed=3)
    lab = Datalab(data={"label": [list(s) for s in sets]}, label_name="label", task="multilabel", verbosity=0)
    run = MultilabelRunContext(labels=np.zeros(0, dtype=np.int64), pred_probs=probs, sets=sets)
    manager = TextauditMultilabelIssueManager(lab, textaudit=run)
    with pytest.raises(CheckFailed) as failed:
        manager.find_issues(pred_probs=probs[:, :2], textaudit=run)  # wrong width: cleanlab raises
    assert failed.value.issue_type == "label" and failed.value.reason
