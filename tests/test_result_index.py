"""The result index: a warm `textaudit audit` prints the same summary without the pipeline,
and anything that could change the summary is a miss."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from engine import result_index
from tui.cli import main


@pytest.fixture()
def small_csv(demo_csv, tmp_path):
    """A copy of the demo (its vectors are cached) that a test may change."""
    path = tmp_path / "small.csv"
    path.write_bytes(demo_csv.read_bytes())
    return path


def _audit(capsys, path, *extra: str, fmt: str = "json") -> str:
    assert main(["audit", str(path), "--id-column", "id", "--format", fmt, *extra]) == 0
    return capsys.readouterr().out


def _without_run_fields(out: str) -> dict:
    summary = json.loads(out)
    for key in ("timings_s", "result_index", "cache_hit", "stage_cache_hits"):
        summary.pop(key, None)
    return summary


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_an_indexed_summary_prints_what_the_pipeline_prints(small_csv, tmp_path, capsys, fmt):
    first = _audit(capsys, small_csv, fmt=fmt)
    indexed = _audit(capsys, small_csv, fmt=fmt)
    # --issues-out needs the per-row table, so it always runs the (cached) pipeline
    piped = _audit(capsys, small_csv, "--issues-out", str(tmp_path / "issues.csv"), fmt=fmt)
    if fmt == "json":
        assert json.loads(indexed)["result_index"] is True and json.loads(indexed)["cache_hit"] is True
        assert "result_index" not in json.loads(piped) and json.loads(piped)["cache_hit"] is True
        assert _without_run_fields(indexed) == _without_run_fields(piped)
        assert set(json.loads(indexed)["stage_cache_hits"]) == set(json.loads(piped)["stage_cache_hits"])
        # the first run may add notes of its own (vectors reused from another audit); all else is equal
        first_fields, indexed_fields = _without_run_fields(first), _without_run_fields(indexed)
        assert set(indexed_fields.pop("notes")) <= set(first_fields.pop("notes"))
        assert indexed_fields == first_fields
    else:
        assert indexed == piped
        assert set(indexed.splitlines()) <= set(first.splitlines())


def test_changed_data_is_a_miss(small_csv, capsys):
    before = json.loads(_audit(capsys, small_csv))
    table = pd.read_csv(small_csv)
    table = pd.concat([table, table.iloc[:3].assign(id=["x1", "x2", "x3"])])  # three more rows
    table.to_csv(small_csv, index=False)
    after = json.loads(_audit(capsys, small_csv))
    assert "result_index" not in after
    assert after["n_rows"] == before["n_rows"] + 3


def test_changed_options_are_a_miss(small_csv, capsys):
    _audit(capsys, small_csv)
    other = json.loads(_audit(capsys, small_csv, "--issue-types", "label,outlier"))
    assert "result_index" not in other and set(other["issue_counts"]) == {"label", "outlier"}
    assert json.loads(_audit(capsys, small_csv, "--issue-types", "label,outlier"))["result_index"] is True


def test_a_damaged_entry_is_a_miss_and_is_rewritten(small_csv, isolated_cache, capsys):
    _audit(capsys, small_csv)
    entries = sorted((isolated_cache / f"results-v{result_index.FORMAT}").glob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text())
        data["view"]["issue_counts"]["label"] = 10_000  # a forged count: the checksum no longer matches
        entry.write_text(json.dumps(data))
    out = json.loads(_audit(capsys, small_csv))
    assert "result_index" not in out and out["issue_counts"]["label"] != 10_000
    assert json.loads(_audit(capsys, small_csv))["result_index"] is True


def test_no_index_for_no_cache_or_a_journal(small_csv, tmp_path, capsys):
    fields = {"data": str(small_csv), "precision": "fp32", "device": "cpu"}
    assert result_index.index_key(fields, tmp_path) is not None
    assert result_index.index_key({**fields, "no_cache": True}, tmp_path) is None
    assert result_index.index_key({**fields, "apply_journal": "j.jsonl"}, tmp_path) is None
    assert result_index.index_key({**fields, "pred_probs": "p.npy"}, tmp_path) is None
    assert result_index.index_key({**fields, "data": str(tmp_path)}, tmp_path) is None  # a folder
    assert result_index.index_key({**fields, "format": "text"}, tmp_path) == result_index.index_key(fields, tmp_path)
    assert result_index.index_key({**fields, "folds": 3}, tmp_path) != result_index.index_key(fields, tmp_path)


def test_the_key_needs_neither_numpy_nor_pandas(small_csv, tmp_path):
    code = (
        "import sys; from engine.result_index import index_key; "
        f"assert index_key({{'data': {str(small_csv)!r}, 'precision': 'fp32', 'device': 'cpu'}}, "
        f"__import__('pathlib').Path({str(tmp_path)!r})); "
        "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
