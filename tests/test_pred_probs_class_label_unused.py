"""A saved dataset whose ClassLabel has names no row holds (a split without a rare class) and a
``--pred-probs`` from a model trained on every name (one column per name, as a datasets pipeline
gives): the refusal said '8 columns but the data has 6 classes ... in the ClassLabel's order'
without naming the two columns to drop (s17 hostile)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tui.cli import main


def test_the_columns_of_unused_names_are_named(tmp_path: Path, capsys) -> None:
    import datasets

    names = ["unused_a", "x", "y", "unused_b", "z"]
    labels = [1, 2, 4] * 10
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=names)})
    datasets.Dataset.from_dict({"text": [f"text {i}" for i in range(30)], "label": labels},
                               features=features).save_to_disk(str(tmp_path / "d"))
    probs = np.full((30, 5), 0.1)
    probs[np.arange(30), labels] = 0.6
    np.save(tmp_path / "p.npy", probs)
    argv = ["audit", str(tmp_path / "d"), "--pred-probs", str(tmp_path / "p.npy"), "--no-cache"]
    assert main(argv) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "textaudit: error: --pred-probs has 5 columns, one per name of the ClassLabel, but no row holds 2 of those "
        "names (columns 0 'unused_a', 3 'unused_b'): drop their columns, keeping the 3 classes the data has in the "
        "ClassLabel's order (by its ints) (expected shape (30, 3))")
    kept = probs[:, [1, 2, 4]]
    np.save(tmp_path / "p.npy", kept / kept.sum(axis=1, keepdims=True))
    assert main([*argv, "--issue-types", "label"]) == 0
