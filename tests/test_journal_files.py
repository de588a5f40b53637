"""The corrections journal: which files may be a journal, and which row a replayed decision names."""

from __future__ import annotations

import os

import pytest
from test_corrections import ROWS, data_csv, dataset, journal_path, write_csv  # noqa: F401 - fixtures

from engine import corrections
from engine.corrections import Journal
from engine.load import load_dataset


# --------------------------------------------------------------------------- which files may be a journal


def _one_error_line(err: str, needle: str) -> None:
    lines = [line for line in err.strip().splitlines() if line.startswith("textaudit:")]
    assert "Traceback" not in err and len(lines) == 1 and needle in lines[0], err


def test_the_data_file_is_refused_as_journal(data_csv, dataset):
    """Defect 3: `--journal small.csv` then one decision cut the last data row and appended JSON."""
    before = data_csv.read_bytes()
    with pytest.raises(corrections.JournalError, match="is the data file itself") as error:
        Journal.open(data_csv, dataset)
    # the default journal is in the current folder (engine.paths.default_journal_path); it said 'beside the data'
    assert "(the default is <data stem>.corrections.jsonl in the current folder)" in error.value.message
    with pytest.raises(corrections.JournalError, match="is the data file itself"):
        Journal.open(data_csv, dataset, read_only=True)
    assert data_csv.read_bytes() == before
    assert not data_csv.with_name(data_csv.name + ".lock").exists()


def test_a_file_that_is_not_a_journal_is_refused_untouched(dataset, tmp_path):
    readme = tmp_path / "notes.txt"
    readme.write_bytes(b"my notes\nline two without newline")  # a torn-looking last line
    single = tmp_path / "one.jsonl"
    single.write_bytes(b'{"text": "a", "label": "x"}')  # one JSON object, no newline
    for path in (readme, single):
        before = path.read_bytes()
        with pytest.raises(corrections.JournalError, match="is not a textaudit journal"):
            Journal.open(path, dataset)
        assert path.read_bytes() == before


def test_symlinked_journal_and_lock_are_refused(dataset, journal_path, tmp_path):
    """A link was followed and its target's last line cut."""
    target = tmp_path / "elsewhere.jsonl"
    with Journal.open(target, dataset) as journal:
        journal.record("exclude", 1, issue_type="outlier")
    with open(target, "ab") as handle:
        handle.write(b'{"v":1,"seq":9')  # a torn last line: a writable open would cut it
    before = target.read_bytes()
    journal_path.symlink_to(target)
    for read_only in (False, True):
        with pytest.raises(corrections.JournalError, match="is a symbolic link"):
            Journal.open(journal_path, dataset, read_only=read_only)
    assert target.read_bytes() == before
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to(tmp_path / "created-through-link.jsonl")
    with pytest.raises(corrections.JournalError, match="is a symbolic link"):
        Journal.open(dangling, dataset)
    assert not (tmp_path / "created-through-link.jsonl").exists()
    fresh = tmp_path / "fresh.jsonl"
    (tmp_path / "fresh.jsonl.lock").symlink_to(target)
    with pytest.raises(corrections.JournalError, match="lock"):
        Journal.open(fresh, dataset)
    assert target.read_bytes() == before


def test_a_torn_first_entry_is_still_a_journal(dataset, journal_path):
    """A crash during the very first write leaves only the start of an entry: still a journal."""
    journal_path.write_bytes(b'{"v":1,"seq":1,"gro')
    with Journal.open(journal_path, dataset) as journal:
        assert journal.decisions() == {} and "torn" in journal.load_report[0]
    assert journal_path.read_bytes() == b""


def test_fifo_journal_is_refused_without_blocking(dataset, tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(corrections.JournalError, match="not a regular file"):
        Journal.open(fifo, dataset)


def test_browse_and_export_refuse_a_bad_journal_in_one_line(data_csv, tmp_path, capsys, monkeypatch):
    import tui.launch

    from tui.cli import main

    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the TUI started"))
    before = data_csv.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(data_csv)
    out = tmp_path / "out.csv"
    for journal, needle in ((data_csv, "is the data file itself"), (link, "is a symbolic link")):
        assert main(["browse", str(data_csv), "--journal", str(journal), "--model", "tfidf"]) == 1
        _one_error_line(capsys.readouterr().err, needle)
        assert main(["export", str(data_csv), "--journal", str(journal), "-o", str(out)]) == 1
        _one_error_line(capsys.readouterr().err, needle)
    assert data_csv.read_bytes() == before and not out.exists()


# --------------------------------------------------------------------------- replay matches the row it was made on

DUPS = [("r0", "same words", "a"), ("r1", "pin change", "b"), ("r2", "balance", "c"),
        ("r3", "same words", "a"), ("r4", "card lost", "b"), ("r5", "top up", "c")]


def test_resorted_file_with_duplicate_texts_keeps_the_exclude_on_its_id(tmp_path, journal_path):
    """Defect 6: an exclude recorded for one id removed another row (same text) after a re-sort."""
    data = write_csv(tmp_path / "dups.csv", DUPS)
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.record("exclude", 3, issue_type="near_duplicate")  # r3, not r0
    write_csv(data, [DUPS[i] for i in (3, 1, 2, 0, 4, 5)])  # r3 now first, r0 at position 3
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        assert journal.decisions().keys() == {0}  # where r3 is now
        assert "1 decision followed its row to a new position" in "\n".join(journal.load_report)
    write_csv(data, [DUPS[i] for i in (0, 1, 2, 5, 4)])  # r3 gone; r0 (same text) stays at 0
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        assert journal.decisions() == {} and journal.unapplied == 1
        assert "no row of the dataset has the id it was made on (id 'r3')" in "\n".join(journal.load_report)


def test_without_ids_label_before_guards_duplicate_texts(tmp_path, journal_path):
    # the copies agree in every other column, so row_hash cannot tell them apart either
    rows = [("x", "same words", "a"), ("1", "pin change", "b"), ("2", "balance", "c"), ("x", "same words", "b")]
    data = write_csv(tmp_path / "d.csv", rows)
    with Journal.open(journal_path, load_dataset(data)) as journal:
        journal.record("relabel", 3, label_after="c", issue_type="label")
    write_csv(data, [rows[i] for i in (3, 1, 2, 0)])  # position 3: the same text, label a
    with Journal.open(journal_path, load_dataset(data)) as journal:
        assert journal.decisions() == {} and journal.unapplied == 1
        assert "the row's label changed since" in "\n".join(journal.load_report)


def test_without_ids_a_unique_text_is_followed_and_a_repeated_one_is_not(tmp_path, journal_path):
    data = write_csv(tmp_path / "d.csv", DUPS)
    with Journal.open(journal_path, load_dataset(data)) as journal:
        journal.record("exclude", 1, issue_type="outlier")  # "pin change": unique
        journal.record("keep", 4, issue_type="label")  # "card lost": unique
    moved = [DUPS[i] for i in (5, 4, 3, 2, 1, 0)]
    moved[3] = ("r4", "card lost", "b")  # "card lost" now twice, row for row alike: which one was kept is unknown
    write_csv(data, moved)
    with Journal.open(journal_path, load_dataset(data)) as journal:
        assert {row: d.action for row, d in journal.decisions().items()} == {4: "exclude"}
        report = "\n".join(journal.load_report)
        assert "now belongs to several rows" in report and "1 decision followed its row" in report


def test_a_group_applies_all_or_nothing_and_says_so(tmp_path, journal_path):
    """Defect 10: half a near-duplicate group applied, with exit 0 and a warning only."""
    data = write_csv(tmp_path / "d.csv")
    dataset = load_dataset(data, id_column="id")
    with Journal.open(journal_path, dataset) as journal:
        journal.record_group([("exclude", 2, None), ("exclude", 5, None)], issue_type="near_duplicate")
        journal.record("keep", 0, issue_type="label")
        assert journal.unapplied == 0 and journal.unapplied_summary() is None
    edited = [list(row) for row in ROWS]
    edited[5][1] = "balance check, edited"
    write_csv(data, edited)
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        assert journal.decisions().keys() == {0}  # row 2 is NOT excluded without row 5
        report = "\n".join(journal.load_report)
        assert "1 decision group matched only in part" in report
        assert journal.unapplied == 2
        assert "2 journal decisions NOT applied" in journal.unapplied_summary()
        assert journal.undo() == [0] and journal.undo() == []


def test_an_undone_group_that_no_longer_matches_is_not_reported(tmp_path, journal_path):
    """20,000 excludes, undone, then one row of the file edited: export said '20,000 journal
    decision(s) NOT applied' and 'skipped 1 undo/redo line(s)' (the undo no longer found its group).
    The undo pairs with its (now empty) group and an undone decision is no news; a later decision
    that does not match is still reported, and a redo brings the report back."""
    data = write_csv(tmp_path / "d.csv")
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.record_group([("exclude", 2, None), ("exclude", 5, None), ("exclude", 1, None)],
                             issue_type="near_duplicate")
        journal.undo()
        journal.record("keep", 0, issue_type="label")
    edited = [list(row) for row in ROWS]
    edited[5][1] = "balance check, edited"
    edited[0][2] = "b"  # the kept row's label changed: that decision is still the user's, unapplied
    write_csv(data, edited)
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        report = "\n".join(journal.load_report)
        assert "undo/redo" not in report and "matched only in part" not in report and "text changed" not in report
        assert "1 decision not applied: the row's label changed since" in report
        assert journal.unapplied == 1 and journal.decisions() == {}
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.undo()  # the keep
        journal.redo()
        journal.redo()  # nothing more to redo: the keep cleared the exclude group's redo
    write_csv(data)  # back as it was: every decision applies again
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        assert journal.unapplied == 0 and set(journal.decisions()) == {0}


def test_export_summary_line_says_part_of_the_journal_was_skipped(tmp_path, journal_path, capsys):
    """Defect 10: a partly matching journal exported with exit 0 and warnings only."""
    from engine.export import export_corrected
    from tui.cli import main

    data = write_csv(tmp_path / "d.csv")
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.record_group([("exclude", 2, None), ("exclude", 5, None)], issue_type="near_duplicate")
        journal.record("keep", 0, issue_type="label")
    edited = [list(row) for row in ROWS]
    edited[5][1] = "balance check, edited"
    write_csv(data, edited)
    summary = export_corrected(load_dataset(data, id_column="id"), journal_path, tmp_path / "out.csv")
    assert summary.excluded == 0 and summary.rows_written == 6
    assert "2 journal decisions NOT applied" in summary.line()
    argv = ["export", str(data), "--id-column", "id", "--journal", str(journal_path), "-o", str(tmp_path / "o2.csv")]
    assert main(argv) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "NOT applied" in out[0] and "1 group only partly matching" in out[0]


def test_demo_refuses_a_journal_that_is_not_one(tmp_path, capsys, monkeypatch):
    import tui.launch

    from tui.cli import main

    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the TUI started"))
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n")
    assert main(["demo", "--journal", str(notes)]) == 1
    _one_error_line(capsys.readouterr().err, "is not a textaudit journal")
    assert notes.read_text() == "# my notes\n"


@pytest.mark.parametrize("how", ["deleted", "replaced", "moved"])
def test_a_journal_deleted_or_replaced_while_open_refuses_to_write(how, dataset, journal_path, tmp_path):
    """After 'rm *.jsonl' with the app open, every later decision went into the deleted file and
    was lost at exit while the app said it was saved. The write is refused and says why."""
    with Journal.open(journal_path, dataset) as journal:
        journal.record("exclude", 1, issue_type="outlier")
        if how == "deleted":
            journal_path.unlink()
        elif how == "replaced":
            journal_path.unlink()
            journal_path.write_bytes(b"")
        else:
            journal_path.rename(tmp_path / "moved.jsonl")
        with pytest.raises(corrections.JournalWriteError, match="deleted, moved or replaced"):
            journal.record("exclude", 2, issue_type="outlier")
        assert set(journal.decisions()) == {1}  # the refused decision is not shown as made
        with pytest.raises(corrections.JournalWriteError, match="NOT saved"):
            journal.undo()


def test_a_hard_link_to_an_open_journal_is_refused_as_a_second_writer(dataset, journal_path, tmp_path):
    """The writer's lock was '<name>.lock', one per name: an app on a hard link of a journal another
    app held got its own lock, and both appended to the one file."""
    from engine.corrections import Journal
    from engine.journal_file import JournalLocked

    with Journal.open(journal_path, dataset) as journal:
        journal.record("keep", 0, issue_type="label")
        twin = tmp_path / "twin.jsonl"
        os.link(journal_path, twin)
        with pytest.raises(JournalLocked, match="under another name"):
            Journal.open(twin, dataset)
        with Journal.open(twin, dataset, read_only=True) as reader:
            assert reader.decision(0).action == "keep"
        journal.record("exclude", 1, issue_type="outlier")  # the holder still writes
    with Journal.open(twin, dataset) as again:  # released on close
        assert again.decision(1).action == "exclude"


def test_a_journal_in_a_folder_that_does_not_exist_is_refused(tmp_path, dataset, capsys):
    """`--journal /typo/dir/j.jsonl` created the whole folder tree (the lock library makes the lock's
    parents) and saved there without a word; an export to a missing folder is refused, so is this."""
    from tui.cli import main

    journal = tmp_path / "typo" / "dir" / "j.jsonl"
    with pytest.raises(corrections.JournalError, match="folder .*typo/dir does not exist; create it first"):
        Journal.open(journal, dataset)
    assert not (tmp_path / "typo").exists()
    assert main(["demo", "--journal", str(journal)]) == 2  # as an export -o there (tests/test_exit_codes_files.py)
    _one_error_line(capsys.readouterr().err, f"journal {journal}: folder {journal.parent} does not exist")
    assert not (tmp_path / "typo").exists()


def test_an_id_in_no_row_is_named_not_a_row_that_is_there(tmp_path, journal_path):
    """hostile23: ids '007' (a CSV read as text) decided, then the same data as JSON Lines, where the id is
    7: the decision was refused, rightly, as 'row not in the dataset (rows 7)', though row 7 was there."""
    import pandas as pd

    frame = pd.DataFrame({"id": [f"{i:03d}" for i in range(10)], "text": [f"text number {i}" for i in range(10)],
                          "label": ["ab"[i % 2] for i in range(10)]})
    data = tmp_path / "d.csv"
    frame.to_csv(data, index=False)
    with Journal.open(journal_path, load_dataset(data, id_column="id")) as journal:
        journal.record("exclude", 7, issue_type="outlier")
    frame.assign(id=range(10)).to_json(tmp_path / "d.jsonl", orient="records", lines=True)
    with Journal.open(journal_path, load_dataset(tmp_path / "d.jsonl", id_column="id")) as journal:
        report = "\n".join(journal.load_report)
        assert journal.decisions() == {} and journal.unapplied == 1
        assert "no row of the dataset has the id it was made on (id '007')" in report, report
        assert "rows 7" not in report, report
