"""The journal replayed on its own export leaves the export as it is (journal29, from journal28's fuzzer).

* A row whose text and other columns were on no other row when decided, given an identical copy since (in a
  later session, or after the last one): the file's replay took the decision by position, the export kept the
  other copy, and the export of the export excluded (seeds 2070, 2883: a row lost) or relabelled it. Now the
  decision is refused wherever several such rows are, the file too ('which one was decided is unknown').
* On data with the shape of the export made with the journal, a relabel of one of identical rows whose copy
  there still holds the label it was made on is not applied: the export holds it applied, or it was not
  applied when the export was made (seeds 2390, 2642: the file's relabel taken by position on another copy).
* A keep refused on other data names the copy where the relabel it replaced may have gone (seed 2004).
* With an --id-column, identical rows share their id: the copy rule holds as without one (seed 18 of --id),
  and a copy added since is refused as without one (seed 27 of --id).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

UNKNOWN = "which one was decided is unknown"


def _write(path: Path, rows: list[tuple[str, ...]], ids: bool = False) -> Path:
    head = "id,text,label\n" if ids else "text,label\n"
    path.write_text(head + "".join(",".join(row) + "\n" for row in rows))
    return path


def _load(path: Path, ids: bool = False):
    return load_dataset(path, id_column="id" if ids else None)


@pytest.mark.parametrize("ids", [False, True])
def test_a_row_copied_after_the_last_session_is_not_excluded_by_the_export_of_the_export(tmp_path: Path,
                                                                                         ids: bool) -> None:
    """Seed 2883 (--final-edit), small: 'hello' excluded, then a copy of its row added below it."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    first = [("x", "b"), ("hello", "a"), ("y", "b")]
    _write(data, [(f"i{n}", *row) for n, row in enumerate(first)] if ids else first, ids)
    with Journal.open(journal, _load(data, ids)) as writer:
        writer.record("exclude", 1, issue_type="label")
        writer.record("relabel", 2, label_after="a", issue_type="label")
    now = [first[0], first[1], first[1], first[2]]
    _write(data, [(f"i{n}", *row) for n, row in zip([0, 1, 1, 2], now)] if ids else now, ids)
    with Journal.open(journal, _load(data, ids), read_only=True) as reader:
        assert reader.decision(1) is None and reader.decision(2) is None  # was: row 1 excluded by its position
        assert reader.decision(3).label_after == "a"
        assert any(UNKNOWN in line and "(rows 1)" in line for line in reader.load_report), reader.load_report
    out = tmp_path / "out.csv"
    export_corrected(_load(data, ids), journal, out)
    with Journal.open(journal, _load(out, ids), read_only=True) as replayed:
        assert replayed.decisions() == {}  # was: the copy left excluded, a row lost in the export of the export


def test_a_row_copied_in_a_later_session_is_not_excluded_by_the_export_of_the_export(tmp_path: Path) -> None:
    """Seed 2070, small: the copy added before a later session whose lines leave the exclusion's line older."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("x", "b"), ("hello", "a"), ("y", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 1, issue_type="label")
    _write(data, [("x", "b"), ("hello", "a"), ("y", "b"), ("hello", "a")])
    with Journal.open(journal, load_dataset(data)) as writer:
        assert writer.decision(1) is None and writer.decision(3) is None
        writer.record("relabel", 2, label_after="a", issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nx,b\nhello,a\ny,a\nhello,a\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decisions() == {}


def test_a_relabel_of_a_row_copied_since_is_not_given_to_the_copy_on_the_export(tmp_path: Path) -> None:
    """The relabel of such a row: the file gave it to the row at its position, the export of the export to the
    other copy too (one decision, two rows relabelled)."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("x", "b"), ("hello", "a"), ("y", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="b", issue_type="label")
        writer.record("exclude", 0, issue_type="label")
    _write(data, [("x", "b"), ("hello", "a"), ("hello", "a"), ("y", "b")])
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nhello,a\nhello,a\ny,b\n"  # was: 'hello,b' first
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decisions() == {}  # was: the second copy relabelled too


def test_a_relabel_taken_by_position_on_another_copy_is_not_applied_again_on_the_export(tmp_path: Path) -> None:
    """Seeds 2390/2642 (--final-edit), small: a row excluded in the session deleted by hand afterwards (the data
    then has the export's shape), so the file's relabel of the first copy went by its position to the second;
    in the export the first copy still holds 'b', and the export of the export relabelled it too."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("gone", "a"), ("dup", "b"), ("dup", "b"), ("z", "a")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
        writer.record("exclude", 0, issue_type="label")
    _write(data, [("dup", "b"), ("dup", "b"), ("z", "a")])
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\ndup,b\ndup,a\nz,a\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decisions() == {}  # was: {0: relabel 'a'}, both copies 'a'
        assert any("which copy was decided is unknown" in line for line in replayed.load_report)


def test_a_keep_refused_on_the_export_blocks_the_relabel_it_replaced(tmp_path: Path) -> None:
    """Seed 2004 (--final-edit), small: one of two copies relabelled, the file changed (a row added), the same copy
    kept instead, the file back as it was and decided on again, then the other copy's text edited. On the file
    the keep is refused (fewer copies left) and blocks the relabel; on the export the relabel went to the one
    copy left while the refused keep, a line of an older version, named no row: the relabel came back."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    rows = [("dup", "b"), ("dup", "b"), ("z", "a"), ("w", "a")]
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="a", issue_type="label")
    _write(data, rows + [("new", "a")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("keep", 0, issue_type="label")
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("keep", 2, issue_type="label")
    _write(data, [("dup", "b"), ("dup edited", "b"), ("z", "a"), ("w", "a")])
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\ndup,b\ndup edited,b\nz,a\nw,a\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert sorted(replayed.decisions()) == [2]  # was: row 0 relabelled 'a' too


def test_with_an_id_column_the_export_of_the_export_leaves_the_other_copy_alone(tmp_path: Path) -> None:
    """test_journal_copy_index's stale-exclusion case with an --id-column (seed 18 of journal29's fuzzer --id): the
    copies share their id, so the id path took the other copy at the relabel's position."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    rows = [("1", "alpha", "b"), ("2", "other", "b"), ("3", "hello", "a"), ("3", "hello", "a"), ("4", "more", "b")]
    _write(data, rows, ids=True)
    with Journal.open(journal, _load(data, True)) as writer:
        writer.record("exclude", 0, issue_type="label")
    rows[0] = ("1", "alpha edited", "b")
    _write(data, rows, ids=True)
    with Journal.open(journal, _load(data, True)) as writer:
        assert writer.decision(0) is None  # refused: its text changed
        writer.record("exclude", 1, issue_type="label")
        writer.record("relabel", 2, label_after="b", issue_type="label")
        writer.record("keep", 4, issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(_load(data, True), journal, out)
    assert out.read_text() == "id,text,label\n1,alpha edited,b\n3,hello,b\n3,hello,a\n4,more,b\n"
    with Journal.open(journal, _load(out, True), read_only=True) as replayed:
        assert replayed.decision(2) is None  # was: relabelled 'b', both copies 'b'


@pytest.mark.parametrize("ids", [False, True])
def test_a_group_refused_on_the_file_for_a_row_copied_since_stays_refused_on_the_export(tmp_path: Path,
                                                                                        ids: bool) -> None:
    """Seed 234 of journal29's fuzzer (--id), small: a group excluding 'x' and a row whose text was unique, then the
    row copied and one copy excluded. On the file the group is refused (its text on two rows); on the export the
    other exclusion left one copy, the group's line took it, and the group dropped 'x' too (two rows lost)."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    first = [("x", "b"), ("hello", "a"), ("y", "b")]
    _write(data, [(f"i{n}", *row) for n, row in enumerate(first)] if ids else first, ids)
    with Journal.open(journal, _load(data, ids)) as writer:
        writer.record_group([("exclude", 1, None), ("exclude", 0, None)], issue_type="near_duplicate")
    now = [first[0], first[1], first[1], first[2]]
    _write(data, [(f"i{n}", *row) for n, row in zip([0, 1, 1, 2], now)] if ids else now, ids)
    with Journal.open(journal, _load(data, ids)) as writer:
        assert writer.decision(0) is None  # the group refused: which 'hello' it meant is unknown
        writer.record("exclude", 2, issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(_load(data, ids), journal, out)
    assert [line.split(",")[-2] for line in out.read_text().splitlines()[1:]] == ["x", "hello", "y"]
    with Journal.open(journal, _load(out, ids), read_only=True) as replayed:
        assert replayed.decisions() == {}  # was (0064735): rows 0 and 1 excluded
