"""--label-sep given for a label column that holds no joined strings. On a Parquet list<string>
column the sets were parsed as lists, but recorded as joined by the separator, so an export wrote
a relabel to ['app'] as the text 'app', which Arrow turned into ['a', 'p', 'p'] (JSONL: "app" in a
column of lists), exit 0, nothing said. On an int (ClassLabel) column each int became a one-label
set and an export turned the column into strings ('0|1'). Both now stop in one line (s15 hostile)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import UsageError
from engine.load import load_dataset
from tui.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def test_a_column_of_lists_with_label_sep_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ml.parquet"
    pq.write_table(pa.table({"text": ["a b", "c d", "e f", "g h"],
                             "labels": [["app", "card"], ["app"], ["card"], ["app", "card"]]}), path)
    with pytest.raises(UsageError, match="holds lists, which are read as label sets by themselves; drop --label-sep"):
        load_dataset(path, label_sep="|")
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    out = tmp_path / "o.parquet"
    assert main(["export", str(path), "--label-sep", "|", "--journal", str(journal), "-o", str(out)]) == 2
    assert "drop --label-sep" in capsys.readouterr().err
    assert load_dataset(path).label_form.kind == "list"  # without it, as before


def test_an_int_column_with_label_sep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": i % 2}) + "\n" for i, t in enumerate("abcdef")))
    with pytest.raises(UsageError, match="holds int values, not labels joined by a separator"):
        load_dataset(path, label_sep="|")


def test_joined_strings_still_read(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("text,tags\nx,a|b\ny,b\nz,\nw,a\n")
    loaded = load_dataset(path, label_column="tags", label_sep="|")
    assert loaded.label_form.kind == "sep" and loaded.class_names == ["a", "b"]
