"""Hostile input, continued (tests/test_hostile_inputs.py holds the cases and helpers): labels that
read like missing values or look alike, paths refused before the app starts, errors naming the file."""

from __future__ import annotations

import json

import pytest
from test_hostile_inputs import BASE, REJECTED, assert_one_error_line, write_csv

from engine.errors import EXIT_DATA, TextauditError
from engine.load import load_dataset
from tui.cli import main


def test_a_label_that_reads_like_a_missing_value_is_said(tmp_path):
    """'NaN', 'None', 'null' written as label text (str() of a missing value) became classes
    without a word; they still count as classes (the data says so), with a note naming them."""
    rows = [*BASE[:27], *[(t, "NaN") for t, _ in BASE[27:]], (BASE[0][0] + " x", " null")]
    dataset = load_dataset(write_csv(tmp_path / "d.csv", rows))
    assert "NaN" in dataset.class_names and " null" in dataset.class_names
    notes = [w for w in dataset.warnings if "looks like a missing value" in w]
    assert notes == ["label ' null' (1 row) looks like a missing value but counts as a class; fill or drop those rows if it is one",
                     "label 'NaN' (3 rows) looks like a missing value but counts as a class; fill or drop those rows if it is one"]


@pytest.mark.parametrize("case", [c for c in REJECTED if c.name in ("missing file", "directory", "named pipe",
                                                                   "link loop", "spreadsheet", "gzipped csv")],
                         ids=lambda c: c.name)
def test_browse_refuses_a_bad_path_before_the_app_starts(case, tmp_path, capsys, monkeypatch):
    """`textaudit browse nope.csv` started the TUI to show 'Audit failed: ... Press q to quit.'
    (and a SIGTERM there printed a second line); the path is checked on the shell first."""
    import tui.launch

    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the app was started"))
    monkeypatch.chdir(tmp_path)
    source, extra = case.make(tmp_path)
    assert main(["browse", source, *extra]) == case.code
    assert_one_error_line(capsys.readouterr().err, case.needle)


def test_labels_that_differ_only_in_unicode_form_or_invisible_characters_are_said():
    """'caf\\u00e9' and 'cafe\\u0301' (the same word, precomposed and with a combining accent) and
    'spam\\u200b' beside 'spam' were two classes each, drawn alike, without a note."""
    from engine.label_column import lookalike_labels

    groups = lookalike_labels(sorted(["caf\u00e9", "cafe\u0301", "spam", "spam\u200b", "other"]))
    assert sorted(map(sorted, groups)) == [sorted(["caf\u00e9", "cafe\u0301"]), ["spam", "spam\u200b"]]




def test_spreadsheet_missing_and_error_values_look_like_missing_labels(tmp_path):
    """'#N/A' (what pandas' read_csv itself takes for missing) and a formula's '#VALUE!' were classes
    without a word, where 'NA' and 'null' had the note."""
    rows = [(t, ["#N/A", "#VALUE!", "tea"][i % 3]) for i, (t, _) in enumerate(BASE)]
    notes = [w for w in load_dataset(write_csv(tmp_path / "d.csv", rows)).warnings if "missing value" in w]
    assert [n.split(" (")[0] for n in notes] == ["label '#N/A'", "label '#VALUE!'"], notes

def test_minus_zero_looks_like_zero():
    """CSV labels '-0' and '0' (one number) were two classes without a note, where '+0' and '0' had one."""
    from engine.label_column import lookalike_labels

    assert sorted(map(sorted, lookalike_labels(["+0", "-0", "0", "1"]))) == [["+0", "-0", "0"]]

def test_a_lookalike_note_tells_the_labels_apart(tmp_path):
    rows = [(t, ["caf\u00e9", "cafe\u0301", "tea"][i % 3]) for i, (t, _) in enumerate(BASE)]
    notes = load_dataset(write_csv(tmp_path / "d.csv", rows)).warnings
    assert "labels 'cafe\\u0301', 'caf\\xe9' look alike but count as different classes" in notes, notes


def test_a_label_set_error_names_the_file(tmp_path):
    """'label column 'label' mixes lists and single values' was the one load error without the file's name."""
    path = tmp_path / "m.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": [l] if i % 2 else l}) + "\n" for i, (t, l) in enumerate(BASE)))
    with pytest.raises(TextauditError, match=r"^.*m\.jsonl: label column 'label' mixes lists and single values"):
        load_dataset(path)


def test_a_parquet_with_a_repeated_column_name_says_which(tmp_path, capsys):
    """pyarrow's 'Multiple matches for FieldRef.Name(label) in text: string' was the message."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [t for t, _ in BASE]
    table = pa.Table.from_arrays([pa.array(texts), pa.array([l for _, l in BASE]), pa.array(texts)],
                                 names=["text", "label", "label"])
    pq.write_table(table, tmp_path / "d.parquet")
    assert main(["audit", str(tmp_path / "d.parquet"), "--model", "tfidf"]) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, "d.parquet: the column name 'label' repeats; give each column its own name")


def test_nested_json_says_to_flatten_it(tmp_path, capsys):
    """A Label Studio style export ({"data": {"text": ...}}) was told to '--text-column data+annotations',
    which then fails on the dicts; it is told the column holds nested objects and how to flatten them."""
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([{"id": i, "data": {"text": t}, "annotations": [{"choice": l}]}
                                for i, (t, l) in enumerate(BASE)]))
    assert main(["audit", str(path), "--model", "tfidf"]) == 2
    assert_one_error_line(capsys.readouterr().err, "column 'data' holds nested objects (keys text): flatten them "
                          "first (pandas.json_normalize, then save as .jsonl)")


def test_fractional_number_labels_are_said(tmp_path):
    """A score or regression column (0.5, 1.5, 2.5) given as the label was audited as classes, silently."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [f"text {i}" for i in range(9)]
    pq.write_table(pa.table({"text": texts, "label": [0.5, 1.5, 2.5] * 3}), tmp_path / "f.parquet")
    (note,) = [w for w in load_dataset(tmp_path / "f.parquet").warnings if "fractional" in w]
    assert note == ("label column 'label' holds fractional numbers (0.5, 1.5, 2.5): each distinct value is a class "
                    "(3 classes); a score or a regression target is not a class label")
    pq.write_table(pa.table({"text": texts, "label": [1.0, 2.0, 3.0] * 3}), tmp_path / "w.parquet")  # whole: classes
    assert not [w for w in load_dataset(tmp_path / "w.parquet").warnings if "fractional" in w]


def test_fractional_number_labels_are_named_as_their_classes(tmp_path):
    """'{:g}' named the classes 0.3 and 0.30000000000000004 both '0.3' in the note (s17 hostile)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    labels = [0.30000000000000004, 0.3, 2.5e-07] * 3
    pq.write_table(pa.table({"text": [f"text {i}" for i in range(9)], "label": labels}), tmp_path / "f.parquet")
    dataset = load_dataset(tmp_path / "f.parquet")
    (note,) = [w for w in dataset.warnings if "fractional" in w]
    assert f"({', '.join(dataset.class_names)})" in note
    assert "(2.5e-07, 0.3, 0.30000000000000004)" in note
