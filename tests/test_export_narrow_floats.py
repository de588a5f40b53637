"""A float32 column written to a text format: every cell was the expansion of its double
(0.1 -> 0.10000000149011612), so a Parquet -> CSV export changed every row of the column in a diff
although pandas writes 0.1. Now the shortest decimal that reads back as the same float32."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def narrow_values() -> np.ndarray:
    rng = np.random.default_rng(7)
    special = [0.1, 0.2, 1.5, -3.25, 1e-45, 3.4028235e38, -0.0, np.inf, -np.inf, np.nan, 16777216.0]
    random = rng.standard_normal(29) * 10.0 ** rng.integers(-30, 30, 29)
    return np.concatenate([special, random]).astype(np.float32)


@pytest.mark.parametrize("out", ["out.csv", "out.jsonl", "out.json", "out.tsv"])
@pytest.mark.parametrize("dtype", ["float32", "Float32"])
def test_float32_cells_read_back_exactly_and_shortest(tmp_path, out, dtype):
    values = narrow_values()
    score = pd.Series(values).astype(dtype)
    if dtype == "Float32":
        score[9] = pd.NA  # the nullable dtype's missing value, where the plain one has NaN
    frame = pd.DataFrame({"text": [f"text {i}" for i in range(len(values))], "label": ["a", "b"] * 20,
                          "score": score})
    source = tmp_path / "data.parquet"
    frame.to_parquet(source)
    dataset = load_dataset(source)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
    export_corrected(dataset, journal, tmp_path / out)
    if out.endswith(".jsonl"):
        back = [json.loads(line)["score"] for line in (tmp_path / out).read_text().splitlines()]
    elif out.endswith(".json"):
        back = pd.read_json(tmp_path / out, dtype=False)["score"].tolist()
    else:
        back = pd.read_csv(tmp_path / out, sep="\t" if out.endswith(".tsv") else ",")["score"].tolist()
    read = np.array([np.nan if v is None else v for v in back], dtype=np.float64).astype(np.float32)
    assert np.array_equal(read, values, equal_nan=True)
    assert np.array_equal(np.signbit(read), np.signbit(values))
    text = (tmp_path / out).read_text()
    assert "0.10000000149011612" not in text and "0.1" in text
