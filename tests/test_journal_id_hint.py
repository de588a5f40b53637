"""Decisions made with ``--id-column id`` and replayed without it are matched by text alone; when
some cannot be applied (a duplicated text moved, an edited text) the report says to pass the id
column, which would have matched them. It said only 'not applied'."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "label"])
        writer.writerows(rows)
    return path


def test_unapplied_decisions_made_with_an_id_column_name_it(tmp_path: Path, capsys) -> None:
    rows = [(f"r{i}", "text number 1" if i == 5 else f"text number {i}", "ab"[i % 2]) for i in range(8)]
    data = _write(tmp_path / "d.csv", rows)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
        writer.record("relabel", 5, label_after="a", issue_type="label")
    # a journal from before session 14, whose lines have no row_hash to tell the copies apart by
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    journal.write_text("".join(json.dumps({k: v for k, v in line.items() if k != "row_hash"}) + "\n"
                               for line in lines))
    moved = _write(tmp_path / "moved.csv", list(reversed(rows)))
    out = tmp_path / "out.csv"
    assert main(["export", str(moved), "--journal", str(journal), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "made with --id-column id: pass --id-column id to match rows by id" in err, err
    assert main(["export", str(moved), "--journal", str(journal), "-o", str(out), "--id-column", "id"]) == 0
    assert "--id-column id" not in capsys.readouterr().err
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:  # all apply: nothing to say
        assert not any("--id-column" in line for line in reader.load_report), reader.load_report
