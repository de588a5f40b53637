"""The export of the export must leave the export unchanged: the two row-dropping shapes of journal27's
replay fuzzer (seeds 2379 and 2159 of /tmp/journal27/fuzz.py), made small. Both are identical rows (text,
other columns and id alike) that replay cannot tell apart: a line refused on the data (which copy was
decided is unknown) was applied on the export, where the export's dropped rows put an identical copy at
the line's stored position, and a row was lost on re-export, silently."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def _write(path: Path, rows: list[tuple]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, "label": l}) + "\n" for i, t, l in rows))
    return path


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_repeated_id_refused_on_the_data_is_refused_on_its_export(tmp_path: Path) -> None:
    """Seed 2379: the exclusion of one of two identical rows sharing id 1 is refused on the re-sorted data
    (id 1 is on two rows, the stored position holds another id); on the export, whose first row (excluded)
    is gone, the stored position holds a copy with id 1, and the exclusion applied: one copy dropped."""
    data, journal = tmp_path / "data.jsonl", tmp_path / "j.jsonl"
    _write(data, [(1, "dup", "a"), (0, "other", "b"), (5, "gone", "c"), (1, "dup", "a")])
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 0, issue_type="label")  # one of the two identical id-1 rows
        writer.record("exclude", 2, issue_type="label")
        writer.record("keep", 1, issue_type="label")  # applies on the export too, so it is written
    _write(data, [(5, "gone", "c"), (1, "dup", "a"), (1, "dup", "a"), (0, "other", "b")])  # re-sorted in place
    out, again = tmp_path / "out.jsonl", tmp_path / "again.jsonl"
    first = export_corrected(load_dataset(data, id_column="id"), journal, out)
    assert [r["text"] for r in _rows(out)] == ["dup", "dup", "other"]  # the copy's exclusion refused: ambiguous
    assert any("not applied" in warning for warning in first.warnings)
    second = export_corrected(load_dataset(out, id_column="id"), journal, again)
    assert _rows(again) == _rows(out)  # was: one 'dup' copy dropped
    assert any("not applied" in warning for warning in second.warnings)  # said, not silent


def test_a_keep_on_a_copy_does_not_let_its_refused_group_apply_on_the_export(tmp_path: Path) -> None:
    """Seed 2159: a group (keep row 2, exclude row 0) refused on the data because row 2's text was edited
    since; on the export (row 1, a copy of row 2 excluded in the next session, gone) the keep's stored
    position holds row 3, row 2's identical copy (same id, text, label), the keep matched it, and the whole
    group applied: row 0 dropped on re-export."""
    data, journal = tmp_path / "data.jsonl", tmp_path / "j.jsonl"
    rows = [(5, "single", "c"), (3, "dup", "a"), (3, "dup", "a"), (3, "dup", "a"), (0, "other", "b")]
    _write(data, rows)
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record_group([("keep", 2, None), ("exclude", 0, None)], issue_type="near_duplicate")
    rows[2] = (3, "dup edited", "a")  # the kept row's text edited in place
    _write(data, rows)
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        assert 0 not in writer.decisions()  # the group refused: its kept row changed
        writer.record("exclude", 1, issue_type="label")  # one of the two copies left
        writer.record("keep", 4, issue_type="label")  # applies on the export too, so it is written
    out, again = tmp_path / "out.jsonl", tmp_path / "again.jsonl"
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    assert [r["text"] for r in _rows(out)] == ["single", "dup edited", "dup", "other"]
    second = export_corrected(load_dataset(out, id_column="id"), journal, again)
    assert _rows(again) == _rows(out)  # was: 'single' dropped
    assert any("not applied" in warning for warning in second.warnings)


def test_without_an_id_column_the_copy_refused_on_the_data_is_refused_on_its_export(tmp_path: Path) -> None:
    """Seed 2379's shape without an id column: the exclusion of one of two identical rows, refused on the
    re-sorted data (the stored position holds another text, two copies have it), applied on the export."""
    data, journal = tmp_path / "data.jsonl", tmp_path / "j.jsonl"
    _write(data, [(None, "dup", "a"), (None, "other", "b"), (None, "gone", "c"), (None, "dup", "a")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("exclude", 2, issue_type="label")
        writer.record("keep", 1, issue_type="label")
    _write(data, [(None, "gone", "c"), (None, "dup", "a"), (None, "dup", "a"), (None, "other", "b")])
    out, again = tmp_path / "out.jsonl", tmp_path / "again.jsonl"
    export_corrected(load_dataset(data), journal, out)
    assert [r["text"] for r in _rows(out)] == ["dup", "dup", "other"]
    second = export_corrected(load_dataset(out), journal, again)
    assert _rows(again) == _rows(out)
    assert any("not applied" in warning for warning in second.warnings)


def test_on_a_renamed_file_the_copy_is_not_guessed_and_it_is_said(tmp_path: Path) -> None:
    """The price of the rule, on purpose: a renamed file with all its identical copies left cannot be told from
    the export made with the journal, so the exclusion of one copy is refused there too, and said."""
    data, journal = tmp_path / "data.jsonl", tmp_path / "j.jsonl"
    rows = [(None, "dup", "a"), (None, "other", "b"), (None, "dup", "a"), (None, "third", "b")]
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
        writer.record("keep", 1, issue_type="label")
    moved = _write(tmp_path / "moved.jsonl", rows)
    with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
        assert sorted(reader.decisions()) == [1]
        assert any("which one was decided is unknown" in line for line in reader.load_report)
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:  # the file it was made on: applied
        assert sorted(reader.decisions()) == [1, 2]
