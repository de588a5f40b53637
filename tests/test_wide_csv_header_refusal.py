"""A very wide CSV/TSV whose text/label column is missing is refused from its header, before pandas reads
the file (review38: a 50,000-column CSV took ~40 s to say 'no text column'), with the line the read gave."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import readers, wide_header
from engine.errors import UsageError
from engine.load import load_dataset

WIDTH = wide_header.WIDE_COLUMNS + 1


def _write(path, header: list[str], sep: str = ",") -> str:
    rows = [sep.join(header)] + [sep.join(f"w{r % 2} {i}" for i in range(len(header))) for r in range(4)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _error(source: str, **options) -> str:
    with pytest.raises(UsageError) as caught:
        load_dataset(source, **options)
    return caught.value.message


@pytest.mark.parametrize(("suffix", "sep", "options", "starts"), [
    (".csv", ",", {}, "no text column 'text'"),
    (".tsv", "\t", {"text_column": "c1"}, "no label column 'label'"),
    (".csv", ",", {"text_column": "c1", "label_column": "nope"}, "no label column 'nope'"),
])
def test_refused_before_the_read_with_the_same_line(tmp_path, monkeypatch, suffix, sep, options, starts):
    source = _write(tmp_path / f"wide{suffix}", [f"c{i}" for i in range(WIDTH)], sep)
    monkeypatch.setattr(wide_header, "WIDE_COLUMNS", 10**9)  # the old way: read the whole file, then say it
    after_read = _error(source, **options)
    monkeypatch.setattr(wide_header, "WIDE_COLUMNS", WIDTH - 1)

    def no_read(*args, **kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(readers.pd, "read_csv", no_read)
    assert _error(source, **options) == after_read
    assert after_read.startswith(f"{source}: {starts}")


def test_a_wide_file_whose_columns_are_there_or_guessed_still_loads(tmp_path):
    header = [f"c{i}" for i in range(WIDTH)]
    header[5], header[7] = "text", "label"
    assert len(load_dataset(_write(tmp_path / "named.csv", header))) == 4
    header[5], header[7] = "sentence", "category"  # guessed from their values: read first
    dataset = load_dataset(_write(tmp_path / "guessed.csv", header))
    assert (dataset.text_column, dataset.label_column) == ("sentence", "category")


def test_nested_objects_still_found(tmp_path):
    frame = pd.DataFrame({"data": [{"text": "a", "meta": 1}, {"text": "b", "meta": 2}], "n": ["x", "y"]})
    source = tmp_path / "nested.jsonl"
    frame.to_json(source, orient="records", lines=True)
    assert "column 'data' holds nested objects (keys text, meta)" in _error(str(source))
