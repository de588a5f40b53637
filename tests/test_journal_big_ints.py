"""A journal line edited by hand to hold an integer beyond int64 (a group id 2**63), or JSON nested
past the stack: every open stopped with 'internal error: OverflowError' (RecursionError), exit 70,
the app and export alike (s17 hostile). Such a line is now an unreadable line, reported and
skipped; the others apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journal_helpers import THREE_DECISIONS, recorded_journal

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _journal(tmp_path: Path) -> tuple[Path, Path]:
    return recorded_journal(tmp_path, THREE_DECISIONS)


def _edit(journal: Path, line: int, **fields: object) -> None:
    entries = [json.loads(text) for text in journal.read_text().splitlines()]
    entries[line].update(fields)
    journal.write_text("".join(json.dumps(entry) + "\n" for entry in entries))


@pytest.mark.parametrize("field, value", [("group", 2**63), ("group", -2**63 - 1), ("row", 10**30),
                                          ("seq", 2**64)])
def test_an_int_too_big_is_an_unreadable_line(tmp_path: Path, capsys, field: str, value: int) -> None:
    data, journal = _journal(tmp_path)
    _edit(journal, 2, **{field: value})
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "skipped 1 unreadable line: 3" in capsys.readouterr().err
    assert out.read_text().splitlines() == ["text,label", "a1,b", "a2,a", "b2,b"]


@pytest.mark.parametrize("seq, report", [(2**63 - 1, ["skipped 1 unreadable line: 3"]), (2**62 - 1, [])])
def test_decisions_after_a_big_seq_read_back(tmp_path: Path, seq: int, report: list[str]) -> None:
    """New lines are numbered on from the last seq: after 2**63 - 1 the next group id overflowed
    (the decision was written, then the app failed); after 2**62 - 1 they read back too."""
    data, journal = _journal(tmp_path)
    _edit(journal, 2, seq=seq)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 3, issue_type="label")
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert reader.load_report == report
        assert sorted(reader.decisions()) == [0, 1, 3] if report else [0, 1, 2, 3]


def test_a_line_nested_past_the_stack_is_an_unreadable_line(tmp_path: Path, capsys) -> None:
    """'[[[[...' 100,000 deep in a journal line: 'internal error: RecursionError', exit 70."""
    data, journal = _journal(tmp_path)
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join(lines[:2] + ['{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"] + lines[2:]) + "\n")
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "skipped 1 unreadable line: 3" in capsys.readouterr().err
    assert out.read_text().splitlines() == ["text,label", "a1,b", "a2,b", "b2,b"]


def test_a_file_of_one_line_nested_past_the_stack_is_not_a_journal(tmp_path: Path, capsys) -> None:
    """Without a newline it was taken for a torn first entry, after the same RecursionError."""
    data, journal = _journal(tmp_path)
    journal.write_text('{"v":' + "[" * 5_000 + "]" * 5_000 + "}")
    before = journal.read_bytes()
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 1
    assert "is not a textaudit journal" in capsys.readouterr().err
    assert journal.read_bytes() == before


def test_a_label_set_nested_past_the_stack_is_not_applied(tmp_path: Path, capsys) -> None:
    """A multi-label line whose label_after is '[[[[...' (parsed again as a set): exit 70."""
    data, journal = tmp_path / "d.jsonl", tmp_path / "j.jsonl"
    data.write_text("".join(json.dumps({"text": f"text {i}", "tags": [["x"], ["y"], ["x", "y"]][i % 3]}) + "\n"
                            for i in range(6)))
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after='["x","y"]', issue_type="label")
        writer.record("relabel", 1, label_after='["x"]', issue_type="label")
    _edit(journal, 0, label_after="[" * 100_000 + "]" * 100_000)
    out = tmp_path / "out.jsonl"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "1 relabel not applied: the label is not a class of this dataset (rows 0)" in capsys.readouterr().err
    assert [json.loads(line)["tags"] for line in out.read_text().splitlines()][:2] == [["x"], ["x"]]


def test_one_undo_line_that_matches_nothing_is_said_in_the_singular(tmp_path: Path, capsys) -> None:
    """'skipped 1 undo/redo line that do not match the decisions before them' (tmux, s17 hostile)."""
    data, journal = _journal(tmp_path)
    entry = json.loads(journal.read_text().splitlines()[0])
    entry.update(action="undo", target=999, seq=50, group=50)
    with journal.open("a") as handle:
        handle.write(json.dumps(entry) + "\n")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 0
    assert "skipped 1 undo/redo line that does not match the decisions before them" in capsys.readouterr().err
