"""An --id-column whose id is repeated on rows that are NOT identical (their other columns differ): a
decision on one of them, replayed on the export made with the journal, went to the other row (journal27,
from review26's id fuzz: 2 of 400 seeds). The exclusion of the first of two rows sharing id 7, replayed on
the export, found id 7 and the text at its position, now the other row's, and dropped it too. Lines now
record ``id_copies`` (how many rows had the id, where more than one) and replay checks such a row's other
columns (``row_hash``) as the no-id path does: the other row is not taken."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [(7, "dup row", "x", "b"), (7, "dup row", "y", "b"), (0, "hello there", "z", "a"), (3, "more text", "z", "a")]


def _data(path: Path, rows: list[tuple] = ROWS) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, "src": s, "label": l}) + "\n" for i, t, s, l in rows))
    return path


def _texts(path: Path) -> list[tuple[str, str, str]]:
    return [(r["text"], r["src"], r["label"]) for r in map(json.loads, path.read_text().splitlines())]


def test_the_exclusion_replayed_on_its_export_leaves_the_other_row(tmp_path: Path) -> None:
    data, journal, out, again = _data(tmp_path / "d.jsonl"), tmp_path / "j.jsonl", tmp_path / "o.jsonl", tmp_path / "a.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("keep", 3, issue_type="label")
    assert [json.loads(line).get("id_copies") for line in journal.read_text().splitlines()] == [2, None]
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    assert _texts(out) == [("dup row", "y", "b"), ("hello there", "z", "a"), ("more text", "z", "a")]
    summary = export_corrected(load_dataset(out, id_column="id"), journal, again)
    assert _texts(again) == _texts(out)  # was: ('dup row', 'y') dropped too
    assert any("shared its id" in warning for warning in summary.warnings)


def test_a_relabel_replayed_on_its_export_goes_to_no_other_row(tmp_path: Path) -> None:
    rows = [ROWS[2], *ROWS[:2], ROWS[3], (5, "fifth text", "z", "b")]  # hello, dup x, dup y, more, fifth
    data, journal, out, again = _data(tmp_path / "d.jsonl", rows), tmp_path / "j.jsonl", tmp_path / "o.jsonl", tmp_path / "a.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("relabel", 1, label_after="a", issue_type="label")  # ('dup row', 'x'): the export's row 1 is 'y'
        writer.record("keep", 3, issue_type="label")
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    assert _texts(out) == [("dup row", "x", "a"), ("dup row", "y", "b"), ("more text", "z", "a"), ("fifth text", "z", "b")]
    export_corrected(load_dataset(out, id_column="id"), journal, again)
    assert _texts(again) == _texts(out)  # was: the 'y' row relabelled too


def test_the_decision_follows_its_row_among_rows_sharing_the_id_after_a_re_sort(tmp_path: Path) -> None:
    """Both rows still there, re-sorted: the decided one (its other columns) takes it, not the one at its position."""
    data, journal = _data(tmp_path / "d.jsonl"), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("relabel", 0, label_after="a", issue_type="label")  # ('dup row', 'x')
    _data(data, [ROWS[1], ROWS[0], *ROWS[2:]])
    with Journal.open(journal, load_dataset(data, id_column="id"), read_only=True) as replayed:
        assert replayed.decision(0) is None  # ('dup row', 'y') now at 0: was relabelled
        assert replayed.decision(1).label_after == "a"


def test_an_old_line_without_id_copies_still_applies(tmp_path: Path) -> None:
    data, journal = _data(tmp_path / "d.jsonl"), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 1, issue_type="label")
    journal.write_text(journal.read_text().replace(',"id_copies":2', ""))
    with Journal.open(journal, load_dataset(data, id_column="id"), read_only=True) as replayed:
        assert replayed.decision(1).action == "exclude" and replayed.decision(0) is None


def test_a_unique_id_whose_other_cell_was_edited_still_applies(tmp_path: Path) -> None:
    """Only a shared id makes another row's other columns matter: a unique id's row with a cell edited is its row."""
    rows = [(1, "dup row", "x", "b"), (2, "dup row", "y", "b"), (0, "hello there", "z", "a")]
    data, journal = _data(tmp_path / "d.jsonl", rows), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 0, issue_type="label")
    _data(data, [(1, "dup row", "edited", "b"), *rows[1:]])
    with Journal.open(journal, load_dataset(data, id_column="id"), read_only=True) as replayed:
        assert replayed.decision(0).action == "exclude"
