"""Parquet files whose name is not UTF-8 (review37): a Latin-1 name such as ``caf\\xe9.parquet`` (read from the
command line as ``caf\\udce9``) said 'cannot parse as parquet: 'utf-8' codec can't encode character' as data,
and as an output (``export -o``, ``--issues-out``) 'a cell holds a lone surrogate' or exit 70: pyarrow encodes
a path as UTF-8. engine.paths.arrow_file hands pyarrow the file opened by Python where the name is not UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from engine.load import load_dataset

_ROWS = {"text": [f"row number {i}" for i in range(6)], "label": ["ab"[i % 2] for i in range(6)]}


def test_a_parquet_file_with_a_latin1_name_is_read(tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"caf\xe9.parquet")
    with open(name, "wb") as sink:
        pq.write_table(pa.table(_ROWS), sink)
    dataset = load_dataset(name)
    assert list(dataset.texts) == _ROWS["text"]


def test_an_export_to_a_latin1_parquet_name_is_written(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"{t},{y}\n" for t, y in zip(*_ROWS.values())))
    (tmp_path / "j.jsonl").write_text("")
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "TEXTAUDIT_DEBUG": ""}
    out = os.fsdecode(b"o\xe9.parquet")
    for extra in ([], ["--force"]):  # a new file, then over it
        done = subprocess.run([sys.executable, "-m", "tui.cli", "export", "d.csv", "--journal", "j.jsonl", "-o", out,
                               *extra], cwd=tmp_path, env=env, capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr
    with open(tmp_path / out, "rb") as source:
        assert pq.read_table(source).to_pydict() == _ROWS


def test_a_cache_folder_with_a_latin1_name_is_written_and_read(three_class_csv: Path, tmp_path: Path) -> None:
    """--cache-dir / TEXTAUDIT_CACHE_DIR named 'c\\xe9': the cache's Parquet entries went through pandas'
    to_parquet(path), 'internal error: UnicodeEncodeError', exit 70, on every audit."""
    from engine.pipeline import AuditOptions, run_audit

    options = AuditOptions(model="tfidf", cache_root=str(tmp_path / os.fsdecode(b"c\xe9")))
    first = run_audit(three_class_csv, options)
    again = run_audit(three_class_csv, options)
    assert not first.cache_hit and again.cache_hit
