"""Label texts that are numbers sort by their exact value (engine/label_column.normalise_labels): 2d482da sorted
them by float(), under which whole numbers past 2**53 can be one value ('99999999999999999' and
'100000000000000000' are both 1e17), and the stable sort then kept their text order: 1e17 before 1e17 - 1, so a
--pred-probs in number order lined up with the wrong classes. Before 2d482da such whole numbers sorted by int()."""

from __future__ import annotations

import pandas as pd

from engine.label_column import normalise_labels


def test_big_whole_numbers_sort_by_their_exact_value() -> None:
    _, classes, _, _ = normalise_labels(pd.Series(["99999999999999999", "100000000000000000", "5"], name="y"))
    assert classes == ["5", "99999999999999999", "100000000000000000"]
    _, classes, _, _ = normalise_labels(pd.Series(["9007199254740993.5", "9007199254740993.25", "-1"], name="y"))
    assert classes == ["-1", "9007199254740993.25", "9007199254740993.5"]


def test_the_indices_follow_the_classes() -> None:
    values = ["100000000000000001", "99999999999999999", "100000000000000000", "99999999999999999"]
    codes, classes, _, _ = normalise_labels(pd.Series(values, name="y"))
    assert [classes[i] for i in codes] == values
