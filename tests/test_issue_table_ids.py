"""``--issues-out`` without ``--id-column``: the id column is empty, not the row number again."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tui.cli import main


def _data(tmp_path: Path) -> Path:
    words = {"card": "card visa payment declined", "pin": "pin code reset locked", "bal": "balance account money left"}
    rows = []
    for i in range(30):
        label = list(words)[i % 3]
        picked = words[label].split()
        rows.append({"id": 1000 + (7 * i) % 30, "text": f"{picked[i % 4]} {picked[(i + 1) % 4]} n{i}", "label": label})
    path = tmp_path / "d.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_an_issue_table_without_id_column_has_no_made_up_ids(tmp_path: Path, capsys) -> None:
    """The data's own 'id' column holds 1000..1029 in another order. The table's 'id' was 0..29, the
    row number under the data's column name: a merge on 'id' matched nothing or, with ids
    0..n-1, the wrong rows, and nothing was said."""
    data = _data(tmp_path)
    base = ["audit", str(data), "--model", "tfidf", "--folds", "3", "--cache-dir", str(tmp_path / "cache")]
    assert main([*base, "--issues-out", str(tmp_path / "a.csv")]) == 0
    err = capsys.readouterr().err
    assert "its id column is empty (no --id-column); pass --id-column id" in err
    table = pd.read_csv(tmp_path / "a.csv")
    assert list(table.columns[:3]) == ["row", "id", "text"]
    assert table["id"].isna().all() and table["row"].tolist() == list(range(30))

    assert main([*base, "--id-column", "id", "--issues-out", str(tmp_path / "b.parquet")]) == 0
    assert "its id column is empty" not in capsys.readouterr().err
    given = pd.read_csv(data, dtype=str)["id"].tolist()  # a CSV id is kept as its text
    assert pd.read_parquet(tmp_path / "b.parquet")["id"].tolist() == given
    assert main([*base, "--issues-out", str(tmp_path / "a.csv")]) == 0  # an earlier table: still replaced


def test_a_corrections_only_export_without_id_column_has_no_made_up_ids(tmp_path: Path, monkeypatch, capsys) -> None:
    """The same for ``export --corrections-only``: its id column held the row number, then it was
    empty throughout (a column that read as data: a merge on it matched nothing). Without
    ``--id-column`` the table has no id column: ``row`` (from 0) and ``text`` name each row."""
    from engine.corrections import Journal
    from engine.load import load_dataset

    monkeypatch.chdir(tmp_path)
    data = _data(tmp_path)
    with Journal.open(tmp_path / "d.corrections.jsonl", load_dataset(data)) as journal:
        journal.record("relabel", 1, label_after="card", issue_type="label", suggested_label="card")
        journal.record("exclude", 2, issue_type="outlier")
    assert main(["export", str(data), "-o", "c.csv", "--corrections-only"]) == 0
    assert "--corrections-only: it has no id column (no --id-column); pass --id-column id" in capsys.readouterr().err
    table = pd.read_csv(tmp_path / "c.csv")
    assert list(table.columns) == ["row", "text", "label_before", "label_after", "action"]
    assert table["row"].tolist() == [1, 2]
    assert main(["export", str(data), "-o", "c.jsonl", "--corrections-only"]) == 0  # no '"id": null'
    assert [set(json.loads(line)) for line in (tmp_path / "c.jsonl").read_text().splitlines()] == [
        {"row", "text", "label_before", "label_after", "action"}] * 2
    capsys.readouterr()
    assert main(["export", str(data), "--id-column", "id", "-o", "c.csv", "--corrections-only", "--force"]) == 0
    assert "its id column is empty" not in capsys.readouterr().err
    assert pd.read_csv(tmp_path / "c.csv")["id"].tolist() == [1007, 1014]
