"""A valid Parquet file with a time64[ns] column holding nanoseconds was refused as 'p.parquet:
cannot parse as parquet: Value 1 has non-zero nanoseconds', as if the file were broken. pandas
cannot hold the value, so it is still refused, naming the column, its type and what to do."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tui.cli import main


def test_the_column_pandas_cannot_hold_is_named(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    pq.write_table(pa.table({"text": ["a b", "c d"], "label": ["x", "y"],
                             "t64": pa.array([1, None], pa.time64("ns"))}), tmp_path / "p.parquet")
    (tmp_path / "p.corrections.jsonl").write_text("")
    assert main(["export", "p.parquet", "-o", "o.parquet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("textaudit: error: p.parquet: column 't64' (time64[ns]) cannot be read exactly (Value 1 has "
                   "non-zero nanoseconds); cast it to a type pandas holds (a string, or int64) and save the file "
                   "again"), err
