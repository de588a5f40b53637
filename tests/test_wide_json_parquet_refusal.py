"""A very wide JSON Lines, JSON or Parquet file whose text/label column is missing is refused before its
frame is built, with the line the whole read gave (a 50,000-key JSONL x 20 rows took 37 s CPU, JSON 41 s,
a 50,000-column Parquet 10 s; the CSV/TSV header check, beab950, did not cover them)."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine import json_readers, wide_header
from engine.errors import UsageError
from engine.load import load_dataset

WIDTH = wide_header.WIDE_COLUMNS + 1


def _write(path, names: list[str]) -> str:
    records = [{name: f"w{r % 2} {i}" for i, name in enumerate(names)} for r in range(4)]
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(records), path)
    elif path.suffix == ".json":
        path.write_text(json.dumps(records), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return str(path)


def _error(source: str, **options) -> str:
    with pytest.raises(UsageError) as caught:
        load_dataset(source, **options)
    return caught.value.message


def _no_read(*args, **kwargs):
    raise AssertionError("the whole file was read")


@pytest.mark.parametrize(("suffix", "options", "starts"), [
    (".jsonl", {}, "no text column 'text'"),
    (".json", {"text_column": "c1"}, "no label column 'label'"),
    (".parquet", {"text_column": "c1", "label_column": "nope"}, "no label column 'nope'"),
])
def test_refused_before_the_frame_is_built_with_the_same_line(tmp_path, monkeypatch, suffix, options, starts):
    source = _write(tmp_path / f"wide{suffix}", [f"c{i}" for i in range(WIDTH)])
    monkeypatch.setattr(wide_header, "WIDE_COLUMNS", 10**9)  # the old way: build the whole frame, then say it
    after_read = _error(source, **options)
    monkeypatch.setattr(wide_header, "WIDE_COLUMNS", WIDTH - 1)
    monkeypatch.setattr(json_readers, "_column", _no_read)  # each JSON column's values
    monkeypatch.setattr(pq, "read_table", _no_read)
    assert _error(source, **options) == after_read
    assert after_read.startswith(f"{source}: {starts}")


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_wide_file_whose_columns_are_there_still_loads(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(wide_header, "WIDE_COLUMNS", WIDTH - 1)
    names = [f"c{i}" for i in range(WIDTH)]
    names[5], names[7] = "text", "label"
    dataset = load_dataset(_write(tmp_path / f"named{suffix}", names))
    assert len(dataset) == 4 and (dataset.text_column, dataset.label_column) == ("text", "label")
