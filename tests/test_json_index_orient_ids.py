"""pandas' to_json(orient='index') of a frame indexed by text ids, {"u0": {"text": ..., "label": ...}},
was read as columns named by the ids and refused with "no text column 'text' (columns: u0, u1, u2)":
the row ids listed as columns, no cause named (s23 hostile). Row numbers as keys were already refused."""

from __future__ import annotations

import pandas as pd

from tui.cli import main


def test_rows_keyed_by_text_ids_are_refused_by_name(tmp_path, capsys) -> None:
    frame = pd.DataFrame({"uid": ["u0", "u1", "u2"], "text": ["a b", "c d", "e f"], "label": ["x", "y", "x"]})
    path = tmp_path / "rows.json"
    frame.set_index("uid").to_json(path, orient="index")
    assert main(["audit", str(path), "--model", "tfidf"]) != 0
    err = capsys.readouterr().err
    assert "orient='index'" in err and "orient='records'" in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()[-1]) > 0 and "no text column" not in err, err


def test_columns_keyed_by_text_ids_still_load(tmp_path) -> None:
    from engine.load import load_dataset

    path = tmp_path / "cols.json"
    pd.DataFrame({"text": ["a b", "c d"], "label": ["x", "y"]}, index=["u0", "u1"]).to_json(path)
    assert load_dataset(path).texts == ["a b", "c d"]
