"""Journal lines record which of several identical rows they meant (``copy_index``, with the file's
``data_version``), so replay on other data (the export made with the journal, the file renamed) takes that
copy where the number of copies and the decided row's place tell it, and refuses the line, said, where they do
not (journal28; the export of the export relabelled a second copy: seeds 138, 196, 2292, 2301, 2308, 2726 of
journal27's fuzzer, 13 of 400 seeds of journal28's). Journals written before replay as they did."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

UNKNOWN = "which copy was decided is unknown"


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("text,label\n" + "".join(f"{text},{label}\n" for text, label in rows))
    return path


def _stale_exclusion_journal(tmp_path: Path) -> tuple[Path, Path]:
    """An exclusion from an earlier session, refused since (its row's text edited), above one of two
    identical rows relabelled in the next session, under a row that session excluded."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    rows = [("alpha", "b"), ("other", "b"), ("hello", "a"), ("hello", "a"), ("more", "b")]
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
    rows[0] = ("alpha edited", "b")
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        assert writer.decision(0) is None  # refused: its text changed
        writer.record("exclude", 1, issue_type="label")
        writer.record("relabel", 2, label_after="b", issue_type="label")  # the first copy
        writer.record("keep", 4, issue_type="label")  # applies on the export too: it is not another file's journal
    return data, journal


def test_the_export_of_the_export_leaves_the_other_copy_alone(tmp_path: Path) -> None:
    """journal28's fuzzer seed 11, made small: the stale exclusion was counted among the rows the export
    dropped above the copy, so the check that the copy moved up with the label found another row, and the
    relabel went to the other copy at its position: both copies 'b' in the export of the export."""
    data, journal = _stale_exclusion_journal(tmp_path)
    out, again = tmp_path / "out.csv", tmp_path / "again.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nalpha edited,b\nhello,b\nhello,a\nmore,b\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decision(2) is None and replayed.decision(1) is None
        assert any("the row already has the label it sets" in line for line in replayed.load_report)
    summary = export_corrected(load_dataset(out), journal, again)
    assert again.read_text() == out.read_text()  # was: 'hello,b' twice
    assert summary.relabelled == 0


def test_the_lines_say_which_copy(tmp_path: Path) -> None:
    data, journal = _stale_exclusion_journal(tmp_path)
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    relabel = lines[-2]
    assert (relabel["text_copies"], relabel["copy_index"]) == (2, 0)
    assert "copy_index" not in lines[1] and lines[0]["data_version"] != lines[1]["data_version"]
    assert lines[1]["data_version"] == lines[2]["data_version"]


def test_a_group_s_lines_are_the_bytes_one_line_at_a_time_writes(tmp_path: Path) -> None:
    """encode_group (a key press on several rows) and LineMaker.entry + encode_line (one row) agree on the
    new fields, in their place."""
    data = _write(tmp_path / "d.csv", [("hello", "a"), ("x", "b"), ("hello", "a"), ("hello", "b")])
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    with Journal.open(one, load_dataset(data)) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
    with Journal.open(many, load_dataset(data)) as writer:
        writer.record_group([("exclude", 2, None), ("keep", 1, None)], issue_type="near_duplicate")
    single = json.loads(one.read_text())
    first = json.loads(many.read_text().splitlines()[0])
    assert single["copy_index"] == first["copy_index"] == 1 and single["text_copies"] == 3
    assert list(single) == list(first)
    assert {k: v for k, v in single.items() if k not in ("ts", "group_size")} == \
           {k: v for k, v in first.items() if k not in ("ts", "group_size")}


def test_on_the_file_renamed_the_copy_relabelled_applies(tmp_path: Path) -> None:
    """The same rows under another name: the copy of the recorded index is at the line's position, and its
    relabel applies. An exclusion of one of the copies is still refused there (as since 636001d): the export
    made with the journal can hold the very rows of the file (a copy added after the last session, one
    excluded by it), and there excluding the copy would lose a row (journal28's --final-edit seed 364)."""
    rows = [("dup", "a"), ("other", "b"), ("dup", "a"), ("third", "b")]
    data, journal = _write(tmp_path / "d.csv", rows), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
        writer.record("relabel", 0, label_after="b", issue_type="label")
    moved = _write(tmp_path / "moved.csv", rows)
    with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
        assert reader.decision(0).label_after == "b" and reader.decision(2) is None
        assert any("which one was decided is unknown (rows 2)" in line for line in reader.load_report)


def test_an_export_with_the_rows_of_the_file_keeps_its_copies(tmp_path: Path) -> None:
    """Seed 364 of journal28's fuzzer (--final-edit), made small: a copy of a row added after the last session,
    another copy excluded in it: the export holds the file's very rows. Its copy's exclusion is not applied
    again there (a row lost in the export of the export)."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("dup", "a"), ("dup", "a"), ("other", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 1, issue_type="near_duplicate")
        writer.record("keep", 2, issue_type="label")
    _write(data, [("dup", "a"), ("dup", "a"), ("dup", "a"), ("other", "b")])
    out, again = tmp_path / "out.csv", tmp_path / "again.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\ndup,a\ndup,a\nother,b\n"
    export_corrected(load_dataset(out), journal, again)
    assert again.read_text() == out.read_text()


def test_re_sorted_under_another_name_the_copy_is_not_guessed_and_it_is_said(tmp_path: Path) -> None:
    rows = [("dup", "a"), ("other", "b"), ("dup", "a"), ("third", "b")]
    data, journal = _write(tmp_path / "d.csv", rows), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("keep", 1, issue_type="label")
    moved = _write(tmp_path / "moved.csv", [rows[1], rows[3], rows[0], rows[2]])
    with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
        assert sorted(reader.decisions()) == [0]  # 'other' followed its text; the copy's relabel refused
        assert any(line.startswith("1 decision not applied:") and UNKNOWN in line for line in reader.load_report)


def test_a_line_made_before_the_file_changed_does_not_name_a_copy_elsewhere(tmp_path: Path) -> None:
    """A relabel of a copy made on an earlier version of the file (rows added since): on the file itself it
    is matched by the rules before; on other data its place and index are of a file that is no more."""
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    rows = [("dup", "a"), ("other", "b"), ("dup", "a"), ("third", "b")]
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 2, label_after="b", issue_type="label")
    rows.insert(0, ("new first", "a"))
    _write(data, rows)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("keep", 0, issue_type="label")
    moved = _write(tmp_path / "moved.csv", rows)
    with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
        assert reader.decision(3) is None and reader.decision(1) is None
        assert any(UNKNOWN in line for line in reader.load_report)


def test_a_journal_written_before_replays_as_before(tmp_path: Path) -> None:
    """Lines without copy_index and data_version (journals written before session 28): the renamed file's
    copy is refused as before (engine/journal_replay: 'which one was decided is unknown')."""
    rows = [("dup", "a"), ("other", "b"), ("dup", "a"), ("third", "b")]
    data, journal = _write(tmp_path / "d.csv", rows), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
        writer.record("keep", 1, issue_type="label")
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    journal.write_text("".join(json.dumps({k: v for k, v in line.items() if k not in ("copy_index", "data_version")})
                               + "\n" for line in lines))
    moved = _write(tmp_path / "moved.csv", rows)
    with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
        assert sorted(reader.decisions()) == [1]
        assert any("which one was decided is unknown" in line for line in reader.load_report)
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert sorted(reader.decisions()) == [1, 2]


def test_a_text_copied_since_is_not_relabelled_by_position_on_the_export(tmp_path: Path) -> None:
    """journal28's fuzzer seed 2711, made small: a relabel of a text unique when decided (no copy_index), the file
    changed since (a copy of that row added above) and decided on again. On the file the relabel is refused (its
    text now on two rows, the position holds another); on the export its position held one of the copies, and
    the export of the export relabelled it. A line of an earlier version of its file names no copy elsewhere."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("x", "b"), ("hello", "a"), ("y", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="b", issue_type="label")
    _write(data, [("hello", "a"), ("x", "b"), ("hello", "a"), ("y", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        assert writer.decision(1) is None and writer.decision(2) is None  # refused: which copy is unknown
        writer.record("exclude", 1, issue_type="label")
        writer.record("keep", 3, issue_type="label")
    out, again = tmp_path / "out.csv", tmp_path / "again.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nhello,a\nhello,a\ny,b\n"
    export_corrected(load_dataset(out), journal, again)
    assert again.read_text() == out.read_text()  # was: 'hello,b' on the second copy


def test_a_relabel_replaced_by_a_keep_does_not_come_back_on_the_export(tmp_path: Path) -> None:
    """Seeds 140/213 of journal28's --final-edit runs, made small: one of two copies relabelled, then kept instead
    in a group whose other rows the export drops. On the export the group is refused; the relabel it replaced
    found its copy by copy_index and came back ('dup,b') unless the refused keep blocks that same copy."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    _write(data, [("z", "b"), ("dup", "a"), ("dup", "a"), ("x", "b"), ("w", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 2, label_after="b", issue_type="label")
        writer.record_group([("keep", 2, None), ("exclude", 0, None), ("exclude", 3, None)], issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\ndup,a\ndup,a\nw,b\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decisions() == {}  # was: row 1 relabelled to 'b' 
