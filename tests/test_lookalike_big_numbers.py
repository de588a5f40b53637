"""Look-alike labels compared numbers as floats: integers past 2**53 (2**70 and 2**70 + 1, 64-bit ids used as
labels) and numbers past the float range (1e400, 1e401) were one float each, so a load of distinct classes noted
"labels '1180591620717411303424', '1180591620717411303425' look alike but count as different classes" (review33).
Numbers now compare exactly; "1" and "1.0", "-0" and "0" still look alike."""

from __future__ import annotations

import json

import pytest

from engine.label_column import lookalike_labels
from engine.load import load_dataset


@pytest.mark.parametrize("classes", [
    [2**70, 2**70 + 1, 2**70 + 2],
    [1234567890123456789, 1234567890123456790],
    ["1e400", "1e401"],
    ["9007199254740993", "9007199254740992"],
])
def test_distinct_numbers_do_not_look_alike(classes):
    assert lookalike_labels(classes) == []


@pytest.mark.parametrize("classes, group", [
    (["1", "1.0", "2"], ["1", "1.0"]),
    (["-0", "0", "1"], ["-0", "0"]),
    (["2.50", "2.5", "3"], ["2.50", "2.5"]),
    (["1e3", "1000", "2"], ["1e3", "1000"]),
    (["nan", "NaN", "x"], ["nan", "NaN"]),
    (["Card", "card ", "cash"], ["Card", "card "]),
])
def test_same_numbers_and_spellings_still_look_alike(classes, group):
    assert lookalike_labels(classes) == [group]


def test_big_integer_labels_load_without_a_lookalike_note(tmp_path):
    path = tmp_path / "big.jsonl"
    rows = [{"text": f"row {i} about {'cats dogs birds'.split()[i % 3]}", "label": 2**70 + i % 3} for i in range(12)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    dataset = load_dataset(path)
    assert dataset.n_classes == 3
    assert not [w for w in dataset.warnings if "look alike" in w], dataset.warnings
