"""A row relabelled to a new class is flagged again by the re-audit (a model of the other rows never saw a class of
one row), so it counts as Remaining, not as resolved, and the re-audit said nothing of why (ui37: 'Label issues
9 -> 5, Resolved 0+4' after a relabel to the new class New). The re-audit now says so (engine/reaudit, the screen and
the CLI's delta)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from engine.reaudit import Reaudit, delta_text, new_class_flags, new_class_line


def _audit(labels: list[int], names: list[str], flagged: list[bool]) -> SimpleNamespace:
    dataset = SimpleNamespace(labels=np.array(labels), class_names=names, is_multilabel=False)
    return SimpleNamespace(dataset=dataset, output=SimpleNamespace(issues=pd.DataFrame({"is_label_issue": flagged})))


def test_a_decided_row_flagged_in_a_new_class_is_said() -> None:
    before = _audit([0, 0, 1, 1, 0, 1], ["a", "b"], [True, True, True, False, False, False])
    # row 0 relabelled to the new class 'c', row 2 kept (an old class), row 5 excluded; row 1 flagged, undecided
    after = _audit([2, 0, 1, 1, 0], ["a", "b", "c"], [True, True, True, False, False])
    re = Reaudit(before=before, after=after, rows=np.arange(5), delta={}, decided=np.array([0, 2, 5]))
    assert new_class_flags(re) == {"c": (1, 1)}
    line = new_class_line(new_class_flags(re), {"c": "New"})
    assert line == ("1 row relabelled to a new class is still flagged as a label issue "
                    "(New has 1 row: too few for the model to learn)")
    assert "note: 1 row relabelled to a new class" in delta_text(re)
    after.output.issues["is_label_issue"] = [False, True, True, False, False]  # resolved: nothing to say
    assert new_class_flags(re) == {} and new_class_line({}) == ""


def test_a_new_class_of_many_rows_is_not_called_too_few() -> None:
    """diff37: the line said 'too few for the model to learn' of any new class, 30 rows too."""
    assert new_class_line({"c": (2, 30)}).endswith("(c has 30 rows: the model, fitted on the other rows, still "
                                                    "prefers another class)")
    assert new_class_line({"c": (1, 9)}).endswith("(c has 9 rows: too few for the model to learn)")

