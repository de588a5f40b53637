"""A label with a lone surrogate (JSON allows "\\ud800x"): the export keeps it and the issue table
writes it (U+FFFD outside JSON, said), where both ended in 'internal error: UnicodeEncodeError'."""

from __future__ import annotations

import json

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

LABEL = "\ud800x"


def _jsonl(tmp_path):
    path = tmp_path / "d.jsonl"
    rows = [{"text": f"row {i} says {'yes' if i % 2 else 'no'}", "label": LABEL if i % 2 else "b"} for i in range(30)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))  # ensure_ascii: "\ud800x" as an escape
    return path


def test_a_relabel_in_a_column_with_a_lone_surrogate_exports_exactly(tmp_path, capsys):
    data = _jsonl(tmp_path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after=LABEL, issue_type="label")
        writer.record("relabel", 1, label_after="b", issue_type="label")
    out = tmp_path / "out.jsonl"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0, capsys.readouterr().err
    lines = data.read_text().splitlines()
    lines[0] = lines[0].replace('"b"', '"\\ud800x"')
    lines[1] = lines[1].replace('"\\ud800x"', '"b"')
    assert out.read_text().splitlines() == lines


def test_the_issue_table_holds_a_lone_surrogate_label(tmp_path, capsys):
    data = _jsonl(tmp_path)
    base = ["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache")]
    assert main([*base, "--issues-out", str(tmp_path / "issues.jsonl")]) == 0, capsys.readouterr().err
    first = json.loads((tmp_path / "issues.jsonl").read_text().splitlines()[1])
    assert first["given_label"] == LABEL
    capsys.readouterr()
    assert main([*base, "--issues-out", str(tmp_path / "issues.csv")]) == 0
    err = capsys.readouterr().err
    assert ("textaudit: warning: --issues-out: 15 rows' given_label hold lone surrogates, which csv cannot store; "
            "written with U+FFFD (use .jsonl to keep them)") in err.splitlines()
    assert (tmp_path / "issues.csv").read_text(encoding="utf-8").splitlines()[2].split(",")[3] == "\ufffdx"


def test_a_new_label_with_a_lone_surrogate_in_a_text_column(tmp_path, capsys):
    """The column held no surrogate, so it was read as Arrow strings: widening it for the new label
    inferred Arrow strings again and every export (and --apply-journal) ended in 'internal error:
    UnicodeEncodeError', exit 70 (s17 hostile). JSON keeps it; CSV refuses it in one line."""
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": f"row {i}", "label": "ab"[i % 2]}) + "\n" for i in range(6)))
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="new" + LABEL, issue_type="label", allow_new_label=True)
    out = tmp_path / "out.jsonl"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    lines = data.read_text().splitlines()
    lines[0] = lines[0].replace('"a"', '"new\\ud800x"')
    assert out.read_text().splitlines() == lines
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 1
    assert capsys.readouterr().err == (f"textaudit: error: cannot write {tmp_path / 'out.csv'}: a cell holds a lone "
                                       "surrogate, which utf-8 cannot encode; export as .jsonl or .json (they keep it "
                                       "as an escape)\n")
