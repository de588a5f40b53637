"""A file re-sorted AND given a new column, replayed without --id-column.

``row_hash`` names the columns it covers; after a column was added, replay could not compare the
copies of a repeated text and let position decide. After a re-sort that put the other copy at the
decided position, a relabel and an exclude swapped between two records: exit 0, nothing said
(s14 hostile, left). The line's fingerprint is now computed again over the columns it covered;
where those are gone (a column renamed), copies that differ are reported, not guessed."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

ROWS = [("s0", "hello", "a"), ("s1", "dup", "b"), ("s2", "x", "a"), ("s3", "dup", "b"), ("s4", "y", "a")]
SWAPPED = (0, 3, 2, 1, 4)


def _write(path: Path, rows, header) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _decided(tmp_path: Path) -> Path:
    data, journal = _write(tmp_path / "d.csv", ROWS, ("src", "text", "label")), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")  # s1
        writer.record("exclude", 3, issue_type="label")  # s3
    return journal


def _export(data: Path, journal: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["export", str(data), "--journal", str(journal), "-o", str(out), "--force"])
    return code, capsys.readouterr().err


def test_a_column_added_and_the_rows_resorted(tmp_path: Path, capsys) -> None:
    journal = _decided(tmp_path)
    for header, row in ((("src", "text", "label", "note"), lambda r: r + ("n",)),
                        (("note", "src", "text", "label"), lambda r: ("n",) + r),
                        (("src", "n1", "text", "n2", "label"), lambda r: (r[0], "p", r[1], "q", r[2]))):
        data = _write(tmp_path / "wider.csv", [row(ROWS[i]) for i in SWAPPED], header)
        code, err = _export(data, journal, tmp_path / "out.csv", capsys)
        assert code == 0, err
        got = list(csv.reader((tmp_path / "out.csv").open()))[1:]
        # s1 relabelled, s3 excluded, where the old code relabelled s3 and dropped s1
        assert [(r[header.index("src")], r[header.index("label")]) for r in got] == [
            ("s0", "a"), ("s2", "a"), ("s1", "a"), ("s4", "a")], header
        assert "followed their row" in err


def test_a_renamed_column_reports_copies_it_cannot_tell_apart(tmp_path: Path, capsys) -> None:
    journal = _decided(tmp_path)
    data = _write(tmp_path / "renamed.csv", [ROWS[i] for i in SWAPPED], ("source", "text", "label"))
    code, err = _export(data, journal, tmp_path / "out.csv", capsys)
    assert code == 1 and "no decision applies" in err and "columns changed since" in err, err
    assert not (tmp_path / "out.csv").exists()


def test_copies_alike_in_the_columns_left_apply(tmp_path: Path, capsys) -> None:
    """With the telling column removed the copies are the same record now: either gives this output."""
    journal = _decided(tmp_path)
    data = _write(tmp_path / "narrow.csv", [(r[1], r[2], "n") for r in (ROWS[i] for i in SWAPPED)],
                  ("text", "label", "note"))
    code, err = _export(data, journal, tmp_path / "out.csv", capsys)
    assert code == 0 and "not applied" not in err, err
    assert (tmp_path / "out.csv").read_text().splitlines() == ["text,label,note", "hello,a,n", "dup,a,n", "x,a,n",
                                                               "y,a,n"]


def test_a_jsonl_whose_lines_order_their_keys_differently(tmp_path: Path, capsys) -> None:
    """A JSONL's columns follow its first line's keys: re-sorted so that a line with another key
    order leads, the other columns came in another order, row_hash could not compare the copies,
    and both decisions were refused (before row_hash's columns were looked for: one swapped)."""
    import json

    rows = [{"src": "s0", "m": 0, "text": "hello", "label": "a"}, {"m": 1, "src": "s1", "text": "dup", "label": "b"},
            {"src": "s2", "m": 2, "text": "x", "label": "a"}, {"src": "s3", "m": 3, "text": "dup", "label": "b"},
            {"src": "s4", "m": 4, "text": "y", "label": "a"}]
    data, journal = tmp_path / "d.jsonl", tmp_path / "j.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")  # s1
        writer.record("exclude", 3, issue_type="label")  # s3
    resorted, out = tmp_path / "r.jsonl", tmp_path / "out.jsonl"
    resorted.write_text("".join(json.dumps(rows[i]) + "\n" for i in (1, 3, 2, 0, 4)))
    assert list(load_dataset(resorted).frame.columns)[:2] == ["m", "src"]
    code, err = _export(resorted, journal, out, capsys)
    assert code == 0, err
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(row["src"], row["label"]) for row in got] == [("s1", "a"), ("s2", "a"), ("s0", "a"), ("s4", "a")]
