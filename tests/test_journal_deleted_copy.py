"""Without --id-column, a decision made on one of two rows with the same text (told apart by another
column) went, once that row was deleted, to the other copy, silently: 'gamma atm,m1,a' relabelled,
the row deleted, and the export relabelled 'gamma atm,m2,a' (s22 hostile22; a replay fuzz of deleted,
inserted and re-sorted rows found 4 in 300 files). row_hash was checked only among several copies of
the text, so the one copy left took the decision. It is now not applied and reported when the one row
with the text differs in its other columns; a unique text re-sorted, a column added, or data without
other columns still follow the text as before."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def _replayed(tmp_path, before: list[str], after: list[str], decided: int = 0) -> tuple[dict, list[str]]:
    data, journal = _write(tmp_path / "d.csv", before), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", decided, label_after="b", issue_type="label")
    _write(data, after)
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        return reader.decisions(), reader.load_report


BEFORE = ["text,meta,label", "gamma atm,m1,a", "gamma atm,m2,a", "beta refund,m1,b", "alpha card,m2,b"]


def test_the_other_copy_left_at_the_position_is_not_decided(tmp_path):
    decisions, report = _replayed(tmp_path, BEFORE, [BEFORE[0], *BEFORE[2:]])
    assert decisions == {}
    assert any("1 decision not applied: the one row that has its text now differs from the decided row in its "
               "other columns" in line for line in report)


def test_the_other_copy_left_elsewhere_is_not_decided(tmp_path):
    decisions, _ = _replayed(tmp_path, BEFORE, [BEFORE[0], BEFORE[3], BEFORE[4], BEFORE[2]])
    assert decisions == {}


def test_a_unique_text_resorted_still_follows(tmp_path):
    before = ["text,meta,label", "gamma atm,m1,a", "beta refund,m1,b", "alpha card,m2,b"]
    decisions, _ = _replayed(tmp_path, before, [before[0], before[2], before[3], before[1]])
    assert list(decisions) == [2]


def test_a_column_added_since_still_follows(tmp_path):
    before = ["text,meta,label", "gamma atm,m1,a", "beta refund,m1,b", "alpha card,m2,b"]
    after = ["text,meta,label,extra", "beta refund,m1,b,x", "gamma atm,m1,a,y", "alpha card,m2,b,z"]
    decisions, _ = _replayed(tmp_path, before, after)
    assert list(decisions) == [1]


def test_no_other_columns_still_follow_the_text(tmp_path):
    before = ["text,label", "gamma atm,a", "gamma atm,a", "beta refund,b", "alpha card,b"]
    decisions, _ = _replayed(tmp_path, before, [before[0], *before[2:]])
    assert list(decisions) == [0]  # the copies were identical: either is the decided one


def test_the_same_data_in_another_format_still_follows(tmp_path):
    """A CSV's '0.50', '07', 'TRUE' are 0.5, 7.0, true once pandas saves it as JSON Lines: the row_hash
    differs, but the file is another one (the line's 'data'), where the text still decides."""
    import pandas as pd

    data, journal = _write(tmp_path / "d.csv", ["text,meta,flag,label", "gamma atm,0.50,TRUE,a",
                                                "beta refund,07,false,b", "alpha card,3,True,b"]), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("relabel", 1, label_after="a", issue_type="label")
    converted = tmp_path / "d.jsonl"
    pd.read_csv(data).iloc[[2, 1, 0]].to_json(converted, orient="records", lines=True)
    with Journal.open(journal, load_dataset(converted), read_only=True) as reader:
        assert sorted(reader.decisions()) == [1, 2]


def test_a_unique_text_whose_other_cells_were_edited_still_follows(tmp_path):
    """In the same file, a unique text's other cells edited since (a cell fixed by hand, or every
    number respelled by a spreadsheet's save: '0.50' -> '0.5') is still its row: only a text that
    had copies when decided (the line's text_copies) is refused where the one copy left differs.
    9a06541 reported every such decision as not applied."""
    before = ["text,meta,label", "gamma atm,0.50,a", "beta refund,m1,b", "alpha card,m2,b"]
    after = ["text,meta,label", "gamma atm,0.5,a", "beta refund,m1 fixed,b", "alpha card,m2,b"]
    decisions, report = _replayed(tmp_path, before, after)
    assert list(decisions) == [0] and not any("not applied" in line for line in report)
    (tmp_path / "sorted").mkdir()
    decisions, report = _replayed(tmp_path / "sorted", before, [after[0], after[2], after[1], after[3]], decided=1)
    assert list(decisions) == [0] and not any("not applied" in line for line in report)  # re-sorted too


def test_only_a_text_with_copies_carries_text_copies(tmp_path):
    data, journal = _write(tmp_path / "d.csv", BEFORE), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")  # 'gamma atm': two rows
        writer.record("relabel", 2, label_after="a", issue_type="label")  # 'beta refund': one
    import json

    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [line.get("text_copies") for line in lines] == [1, None]  # the copies differ in 'meta'


def _export(data: Path, journal: Path, out: Path) -> list[str]:
    from engine.export import export_corrected

    export_corrected(load_dataset(data), journal, out)
    return out.read_text().splitlines()


def test_an_exact_duplicate_excluded_keeps_its_copy_in_the_export_of_the_export(tmp_path):
    """Two identical rows, one excluded (a duplicate dropped): the export keeps the other, and the
    export of that export with the same journal dropped it too, silently: the text was gone (s22
    review22). The line says how many rows were identical (text_copies 2); with fewer left now the
    exclusion is reported, not applied (here nothing else applies, so the export is refused, naming
    it). In the file it was made on it still applies by position."""
    data, journal = _write(tmp_path / "train.csv", ["text,meta,label", "gamma atm,m1,a", "gamma atm,m1,a",
                                                     "beta refund,m1,b", "alpha card,m2,b"]), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 1, issue_type="near_duplicate")
    import json

    assert json.loads(journal.read_text().splitlines()[0])["text_copies"] == 2
    first = _export(data, journal, tmp_path / "clean.csv")
    assert first == ["text,meta,label", "gamma atm,m1,a", "beta refund,m1,b", "alpha card,m2,b"]
    import pytest

    from engine.errors import DataError

    with pytest.raises(DataError, match="1 exclusion not applied: the excluded row had identical copies"):
        _export(tmp_path / "clean.csv", journal, tmp_path / "again.csv")  # no decision left to apply: refused
    assert not (tmp_path / "again.csv").exists()
    with Journal.open(journal, load_dataset(tmp_path / "clean.csv"), read_only=True) as reader:
        assert reader.decisions() == {}
        assert any("1 exclusion not applied: the excluded row had identical copies and fewer of them are left"
                   in line for line in reader.load_report)
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert list(reader.decisions()) == [1]  # the file it was made on: by position, as before


def test_the_repeated_texts_are_found_when_the_journal_opens(tmp_path, monkeypatch):
    """text_copies (c129dfc) looked for the data's repeated texts on the first decision, in the key
    press that writes it: 0.2 s at 1M rows on the UI thread. A writable journal finds them when it
    opens (the app opens it in the audit worker); the key press only writes."""
    import pandas as pd

    data, journal = _write(tmp_path / "d.csv", BEFORE), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        def no_search(*args, **kwargs):
            raise AssertionError("the repeated texts were looked for in the key press")

        monkeypatch.setattr(pd.Series, "duplicated", no_search)
        writer.record("relabel", 0, label_after="b", issue_type="label")  # 'gamma atm': two rows
        writer.record_group([("exclude", 1, None), ("exclude", 2, None)], issue_type="label")
    import json

    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [line.get("text_copies") for line in lines] == [True, True, None]


def test_a_deleted_copy_in_a_renamed_or_moved_file_is_not_decided(tmp_path):
    """67bfa54 checked the one copy left only in the file the decision was made on (the line's
    'data', folder and name): the same data saved as d_v2.csv, or copied to another folder, gave
    the decision to the other copy again, silently (s22 review22)."""
    data, journal = _write(tmp_path / "d.csv", BEFORE), tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
    (tmp_path / "sub").mkdir()
    for name in ("d_v2.csv", "sub/d.csv"):
        moved = _write(tmp_path / name, [BEFORE[0], *BEFORE[2:]])
        with Journal.open(journal, load_dataset(moved), read_only=True) as reader:
            assert reader.decisions() == {}, name
            assert any("1 decision not applied: the one row that has its text now differs" in line
                       for line in reader.load_report), (name, reader.load_report)


def test_the_export_made_with_the_journal_keeps_the_other_copy(tmp_path):
    """A journal replayed on its own export (a supported workflow: test_journal_own_export): the
    excluded copy is gone from clean.csv, and 67bfa54's check (same file only) let the exclusion
    take the copy left, so exporting clean.csv again dropped 'gamma atm,m2,a' without a word."""
    from engine.export import export_corrected

    data, journal = _write(tmp_path / "train.csv", BEFORE), tmp_path / "train.corrections.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("keep", 3, issue_type="label")  # 'alpha card': applies in either file
    clean, again = tmp_path / "clean.csv", tmp_path / "again.csv"
    export_corrected(load_dataset(data), journal, clean)
    assert clean.read_text().splitlines() == [BEFORE[0], *BEFORE[2:]]
    summary = export_corrected(load_dataset(clean), journal, again)
    assert again.read_text() == clean.read_text() and (summary.excluded, summary.kept) == (0, 1)
    assert any("1 decision not applied: the one row that has its text now differs" in line
               for line in summary.warnings), summary.warnings
