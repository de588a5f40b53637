"""A relabel of one of several identical rows (no --id-column), replayed where only one copy is left at
another position, goes to that copy (journal27 item 3). Right after the copies were deduplicated by hand;
wrong where the decided row's text was edited instead (the relabel is then on its twin). The journal cannot
tell the two apart, so the decision still applies (the dedup is the common case) and the user is now told in
a line, where it said only 'followed its row to a new position'."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset

ROWS = [("same text", "b"), ("same text", "b"), ("other one", "a"), ("third row", "a")]
SAID = "1 decision on one of several identical rows went to the one copy left, at another position"


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("text,label\n" + "".join(f"{t},{l}\n" for t, l in rows))
    return path


def _relabelled_second_copy(tmp_path: Path) -> tuple[Path, Path]:
    data, journal = _write(tmp_path / "d.csv", ROWS), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
    return data, journal


def test_after_a_dedup_the_copy_left_takes_it_and_the_user_is_told(tmp_path: Path) -> None:
    data, journal = _relabelled_second_copy(tmp_path)
    _write(data, [ROWS[0], *ROWS[2:]])  # the other copy deleted
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0).label_after == "a"
        assert any(line.startswith(SAID) for line in replayed.load_report), replayed.load_report
        assert not any("followed" in line for line in replayed.load_report)


def test_after_the_decided_rows_text_was_edited_the_user_is_told_too(tmp_path: Path) -> None:
    data, journal = _relabelled_second_copy(tmp_path)
    _write(data, [ROWS[0], ("same text edited", "b"), *ROWS[2:]])
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0).label_after == "a"  # its twin: the line cannot tell
        assert any(line.startswith(SAID) and "text was edited" in line for line in replayed.load_report)


def test_on_the_data_it_was_made_on_nothing_is_said(tmp_path: Path) -> None:
    data, journal = _relabelled_second_copy(tmp_path)
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(1).label_after == "a" and replayed.decision(0) is None
        assert not replayed.load_report
