"""A journal line whose fields a hand edit gave another kind of JSON value is an unreadable line, reported and
skipped, as one whose required field is; the journal's other decisions still apply (crash30).

Found by setting each field of each line of an app-written journal to odd JSON values: a list or an object
as a relabel's ``label_after`` (on a line replacing an earlier decision) or as ``row_hash``, a ``text_copies``
that is not an int, a ``copy_index`` without its ``text_copies`` and a ``text_sha256`` that is not hexadecimal
ended ``textaudit export`` and every open of the journal in 'internal error' (exit 70: unhashable type 'list',
KeyError 'text_copies', invalid literal for int() with base 16)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import read_decisions
from engine.load import load_dataset

#: text, label, other: rows 0 and 2 identical (their lines record text_copies and copy_index), row 1 unique
ROWS = [("a1", "a", "x"), ("b1", "b", "y"), ("a1", "a", "x"), ("c1", "c", "z")]


def _journal(tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    with data.open("w", newline="") as handle:
        csv.writer(handle).writerows([("text", "label", "other"), *ROWS])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 3, issue_type="label")  # line 0: kept as written, must still apply
        writer.record("relabel", 0, label_after="b", issue_type="label")  # line 1: on a copy
        writer.record("exclude", 1, issue_type="label")  # line 2
        writer.record("relabel", 1, label_after="c", issue_type="label")  # line 3: replaces line 2
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert "copy_index" in lines[1] and "text_copies" in lines[1]
    return data, journal, lines


EDITS = [
    pytest.param(3, "label_after", ["c"], id="label_after-list"),
    pytest.param(3, "label_after", {"c": 1}, id="label_after-object"),
    pytest.param(1, "row_hash", ["x"], id="row_hash-list"),
    pytest.param(1, "text_copies", "2", id="text_copies-string"),
    pytest.param(1, "text_copies", None, id="text_copies-null"),
    pytest.param(1, "text_copies", "<gone>", id="copy_index-without-text_copies"),
    pytest.param(1, "text_sha256", "not hex", id="text_sha256-not-hex"),
]


@pytest.mark.parametrize(("line", "key", "value"), EDITS)
def test_a_field_edited_into_another_kind_is_an_unreadable_line_not_a_crash(tmp_path, line, key, value):
    data, journal, lines = _journal(tmp_path)
    if value == "<gone>":
        del lines[line][key]
    else:
        lines[line][key] = value
    journal.write_text("".join(json.dumps(entry) + "\n" for entry in lines))
    dataset = load_dataset(data)
    decisions, counts, report, _ = read_decisions(dataset, journal)  # raised TypeError/KeyError/ValueError
    assert decisions[3].action == "exclude", decisions  # the untouched line still applies
    if key != "text_sha256":  # a hash no text has: read, and not applied to any row
        assert f"skipped 1 unreadable line: {line + 1}" in report, report
    with Journal.open(journal, dataset) as writer:  # a writable open (the app's) too
        assert writer.decision(3).action == "exclude"


@pytest.mark.parametrize("history", ["undo", "redo"])
def test_an_undo_line_inside_a_decision_group_skips_that_group(tmp_path, history):
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    with data.open("w", newline="") as handle:
        csv.writer(handle).writerows([("text", "label", "other"), *ROWS])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 3, issue_type="label")
        writer.record_group([("exclude", 1, None), ("keep", 0, None)], issue_type="near_duplicate")
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    lines[2]["action"] = history  # the group's second line (ended every open in KeyError: 'undo', exit 70)
    journal.write_text("".join(json.dumps(entry) + "\n" for entry in lines))
    decisions, _, report, _ = read_decisions(load_dataset(data), journal)
    assert set(decisions) == {3} and "skipped 1 incomplete decision group" in report, (decisions, report)
