"""A CSV joined to another with its header (``cat a.csv b.csv``, ``to_csv(path, mode='a')`` run
twice) reads the second header as a row: it was audited as the text 'text' with a class 'label' of
its own, without a word. The load now says which rows repeat the header."""

from __future__ import annotations

from engine import load_dataset

ROWS = "a cat,pet\na dog,pet\nthe car,thing\nthe bus,thing\n"


def test_a_header_repeated_inside_a_csv_is_said(tmp_path):
    path = tmp_path / "joined.csv"
    path.write_text("text,label\n" + ROWS + "text,label\n" + ROWS, encoding="utf-8")
    notes = [w for w in load_dataset(path).warnings if "header" in w]
    assert notes == ["1 row repeats the header ('text', 'label'; row 4, counted from 0): a file joined to another "
                     "with its header (cat, to_csv(mode='a'))? It is audited as data; drop it"]


def test_joined_text_columns_and_a_tsv_count_every_repeat(tmp_path):
    path = tmp_path / "joined.tsv"
    body = "".join(f"{t}\tx\t{lab}\n" for t, lab in (line.split(",") for line in ROWS.splitlines()))
    path.write_text(("title\tbody\ttopic\n" + body) * 3, encoding="utf-8")
    dataset = load_dataset(path, text_column="title+body", label_column="topic")
    assert [w for w in dataset.warnings if "header" in w] == [
        "2 rows repeat the header ('title', 'body', 'topic'; rows 4, 9, counted from 0): a file joined to another "
        "with its header (cat, to_csv(mode='a'))? They are audited as data; drop them"]


def test_a_text_that_only_names_its_column_is_no_header(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("text,label\n" + ROWS + "text,pet\nlabel,thing\n", encoding="utf-8")
    assert not [w for w in load_dataset(path).warnings if "header" in w]


def test_the_joined_files_byte_order_mark_does_not_hide_its_header(tmp_path):
    """``cat`` of two files saved by Excel: the second header starts with the BOM, read as part of the row."""
    path = tmp_path / "joined.csv"
    path.write_bytes(("\ufefftext,label\n" + ROWS).encode("utf-8") * 2)
    assert [w[:46] for w in load_dataset(path).warnings if "header" in w] == [
        "1 row repeats the header ('text', 'label'; row"]


def test_a_corrected_copy_numbers_the_header_row_as_the_file_does(tmp_path):
    """``audit --apply-journal`` says the notes of the corrected copy: with a row above the header
    excluded it said 'row 3' of a header on the file's row 4."""
    from engine.corrections import Journal
    from engine.reaudit import corrected_dataset

    path = tmp_path / "joined.csv"
    path.write_text("text,label\n" + ROWS + "text,label\n" + ROWS, encoding="utf-8")
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("exclude", 1, issue_type="label")
    corrected = corrected_dataset(dataset, journal)[0]
    notes = [w for w in corrected.warnings if "header" in w]
    assert len(notes) == 1 and notes[0].startswith("1 row repeats the header ('text', 'label'; row 4, counted from 0)")
