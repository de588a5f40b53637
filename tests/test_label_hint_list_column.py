"""The hint after 'every label in column X is unique' counts the other columns' distinct values to point at one
that repeats them. A column of lists (a Parquet list<int>, label sets) beside it made pandas' nunique raise
'unhashable type: numpy.ndarray': 'internal error: TypeError', exit 70, where the user had only named the
wrong --label-column (found by a random command-line run, /tmp/hostile26/cf/clifz.py seed 114). Such a column
is now counted by its cells' reprs, and named when it repeats values."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tui.cli import main

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit", "bus road", "cat pet"]


def test_a_list_column_beside_a_unique_label_column_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    pq.write_table(pa.table({"text": TEXTS, "tags": pa.array([[1], [2], None, [1], [2], [1]]),
                             "id": list(range(6))}), tmp_path / "d.parquet")
    assert main(["audit", "d.parquet", "--label-column", "id", "--model", "tfidf"]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert len(said) == 1 and "every label in column 'id' is unique" in said[0], said
    assert "'tags' repeat values" in said[0], said
