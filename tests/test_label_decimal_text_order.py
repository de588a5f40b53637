"""A CSV keeps its cells as written, so labels that pandas once wrote as floats (an int column with a
gap becomes 1.0, 2.0, ... 12.0) are read as text. They were sorted as text ('1.0', '10.0', '11.0',
'12.0', '2.0'), so a scikit-learn ``--pred-probs`` in number order lined up with the wrong classes from
10 classes on. Plain numbers written as text now sort by value, as whole numbers already did; the
names keep their spelling."""

from __future__ import annotations

import pandas as pd

from engine.label_column import normalise_labels
from engine.load import load_dataset


def test_decimal_label_texts_sort_by_value(tmp_path) -> None:
    values = [f"{n}.0" for n in range(1, 13)]
    path = tmp_path / "grades.csv"
    pd.DataFrame({"text": [f"row {i}" for i in range(48)], "label": values * 4}).to_csv(path, index=False)
    data = load_dataset(path)
    assert data.classes == values  # '2.0' before '10.0'
    assert [data.classes[i] for i in data.labels] == values * 4


def test_mixed_spellings_of_numbers_sort_by_value_and_others_stay_names() -> None:
    _, classes, _, _ = normalise_labels(pd.Series(["0.5", "10", "2.25", "-1", "2.25"], name="y"))
    assert classes == ["-1", "0.5", "2.25", "10"]
    _, classes, _, _ = normalise_labels(pd.Series(["1.0", "10.0", "2.0", "b"], name="y"))
    assert classes == ["1.0", "10.0", "2.0", "b"]  # one name among them: every class sorts as text
    _, classes, _, _ = normalise_labels(pd.Series(["1e3", "2", "10"], name="y"))
    assert classes == ["10", "1e3", "2"]  # '1e3' is not written plainly: as text
