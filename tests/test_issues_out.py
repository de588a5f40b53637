"""``audit --issues-out`` (engine/issues_out.py): never an input replaced, written atomically (a full disk leaves the
earlier table as it was), a carriage return quoted, a lone surrogate from JSON input kept or said."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_export import _audit_csv

from tui.cli import main


def test_issues_out_never_replaces_an_input(tmp_path, capsys):
    data = _audit_csv(tmp_path)
    original = data.read_bytes()
    feats = tmp_path / "f.npy"
    import numpy as np

    np.save(feats, np.eye(24, 8))
    for target in (data, tmp_path / "." / "v.csv", feats):
        code = main(["audit", str(data), "--model", "tfidf", "--features", str(feats), "--issues-out", str(target)])
        assert code == 2, target
        err = capsys.readouterr().err
        assert "--issues-out" in err and "is an input file" in err and len(err.strip().splitlines()) == 1
    assert data.read_bytes() == original


def test_issues_out_is_atomic_and_quotes_carriage_returns(tmp_path, capsys, monkeypatch):
    data = _audit_csv(tmp_path)
    target = tmp_path / "issues.csv"
    target.write_text("row,id,text,given_label\n0,0,previous run,a\n")  # an earlier table: replaceable

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    import engine.writers

    monkeypatch.setattr(engine.writers, "_encode", full_disk)
    code = main(["audit", str(data), "--model", "tfidf", "--issues-out", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err, err
    assert target.read_text() == "row,id,text,given_label\n0,0,previous run,a\n"  # untouched, and no temp left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issues.csv", "v.csv"]
    monkeypatch.undo()
    assert main(["audit", str(data), "--model", "tfidf", "--issues-out", str(target)]) == 0
    table = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert len(table) == 24 and table["text"][4].endswith("\rx")


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_issues_out_takes_a_lone_surrogate_from_json_input(tmp_path, capsys, suffix):
    words = "card pin balance transfer refund cash fee limit".split()
    rows = [{"text": f"{words[i % 8]} {words[(i * 3) % 8]} {i}", "label": "ab"[i % 2]} for i in range(24)]
    rows[3]["text"] = "bad \ud800 surrogate"
    data = tmp_path / "s.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    target = tmp_path / f"issues{suffix}"
    assert main(["audit", str(data), "--model", "tfidf", "--issues-out", str(target)]) == 0
    err = capsys.readouterr().err
    if suffix == ".jsonl":
        table = [json.loads(line) for line in target.read_text().splitlines()]
        assert table[3]["text"] == "bad \ud800 surrogate"  # JSON keeps it exactly
    else:
        table = pd.read_csv(target) if suffix == ".csv" else pd.read_parquet(target)
        assert table["text"][3] == "bad \ufffd surrogate" and "lone surrogates" in err
