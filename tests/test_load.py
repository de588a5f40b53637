"""Loading: every source kind, column options, label mapping in sorted order."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine.errors import DataError, UsageError
from engine.load import load_dataset

ROWS = pd.DataFrame(
    {
        "doc": ["a", "b", "c", "d"],
        "text": ["hello there", "bye now", "hi again", "so long"],
        "label": ["greet", "leave", "greet", "leave"],
    }
)


def _write(frame: pd.DataFrame, path, kind: str) -> None:
    if kind == "csv":
        frame.to_csv(path, index=False)
    elif kind == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    elif kind == "json":
        path.write_text(json.dumps(frame.to_dict(orient="records")))
    elif kind == "parquet":
        frame.to_parquet(path, index=False)


@pytest.mark.parametrize("kind", ["csv", "jsonl", "json", "parquet"])
def test_reads_each_file_type(tmp_path, kind):
    path = tmp_path / f"data.{kind}"
    _write(ROWS, path, kind)
    dataset = load_dataset(path, id_column="doc")
    assert dataset.texts == ROWS["text"].tolist()
    assert dataset.classes == ["greet", "leave"]
    assert dataset.labels.tolist() == [0, 1, 0, 1]
    assert dataset.ids == ["a", "b", "c", "d"]


def test_reads_saved_hf_dataset_folder(tmp_path):
    import datasets

    folder = tmp_path / "saved"
    datasets.Dataset.from_pandas(ROWS).save_to_disk(str(folder))
    dataset = load_dataset(folder)
    assert dataset.texts == ROWS["text"].tolist()
    assert dataset.class_names == ["greet", "leave"]


def test_reads_a_dataframe_and_custom_columns():
    frame = ROWS.rename(columns={"text": "utterance", "label": "intent"})
    dataset = load_dataset(frame, text_column="utterance", label_column="intent")
    assert len(dataset) == 4 and dataset.n_classes == 2
    assert dataset.ids == [0, 1, 2, 3]  # row index when no id column


def test_int_labels_keep_their_values_and_sort_numerically():
    frame = pd.DataFrame({"text": list("abcdef"), "label": [10, 2, 2, 10, 33, 2]})
    dataset = load_dataset(frame)
    assert dataset.classes == [2, 10, 33]  # numeric order, not "10" < "2"
    assert dataset.labels.tolist() == [1, 0, 0, 1, 2, 0]
    assert all(isinstance(c, int) for c in dataset.classes)


def test_string_labels_sort_lexicographically_like_datalab():
    frame = pd.DataFrame({"text": list("abcd"), "label": ["b", "a", "c", "a"]})
    dataset = load_dataset(frame)
    assert dataset.classes == ["a", "b", "c"]
    assert dataset.labels.tolist() == [1, 0, 2, 0]


def test_a_csvs_whole_number_labels_sort_by_value_as_scikit_learn_orders_them(tmp_path):
    """A CSV keeps its cells as text: '10' sorted before '2', so a --pred-probs from scikit-learn
    (columns 0, 1, 2, ..., 10) was read against the wrong classes and flagged most rows."""
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "".join(f"row {i},{i % 12}\n" for i in range(24)))
    dataset = load_dataset(path)
    assert dataset.classes == [str(i) for i in range(12)]
    assert dataset.labels.tolist() == [i % 12 for i in range(24)]
    from engine.checks import column_order_note

    sklearn_order = np.full((24, 12), 0.01)
    sklearn_order[np.arange(24), np.arange(24) % 12] = 0.89
    assert column_order_note(sklearn_order, dataset.labels, dataset.class_names) is None
    named = load_dataset(pd.DataFrame({"text": list("abcd"), "label": ["007", "10", "2", "+1"]}))
    assert named.classes == ["+1", "007", "10", "2"]  # not all plain whole numbers: names, text order


def test_missing_column_suggests_the_closest_name(tmp_path):
    path = tmp_path / "d.csv"
    ROWS.rename(columns={"label": "lable"}).to_csv(path, index=False)  # no label-like name to guess
    with pytest.raises(UsageError, match="did you mean 'lable'"):
        load_dataset(path)


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_dataset(tmp_path / "absent.csv")


def test_hashes_split_texts_and_labels_apart():
    base = load_dataset(ROWS)
    relabelled = load_dataset(ROWS.assign(label=["leave", "leave", "greet", "leave"]))
    assert base.text_hash() == relabelled.text_hash()
    assert base.label_hash() != relabelled.label_hash()
    assert np.array_equal(base.text_is_null, np.zeros(4, dtype=bool))


# ------------------------------------------------------------------ exact reading (issue 10)

def test_csv_header_kept_as_spelled_and_frame_names_unique(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("text,label,text,,note\nhi,a,x,y,z\nyo,b,u,v,w\n")
    dataset = load_dataset(path)
    assert dataset.style.header == ("text", "label", "text", "", "note")
    assert list(dataset.frame.columns) == ["text", "label", "text.1", "Unnamed: 3", "note"]
    assert dataset.texts == ["hi", "yo"]


def test_a_repeated_text_or_label_header_is_said(tmp_path):
    """'text,text,label' (or two label columns) audited the first column without a word."""
    path = tmp_path / "h.csv"
    path.write_text("text,label,text,label\nhi,a,x,b\nyo,b,u,a\n")
    notes = load_dataset(path).warnings
    assert "there is also a column 'text.1' (a repeated header?): 'text' is used; choose with --text-column" in notes
    assert "there is also a column 'label.1' (a repeated header?): 'label' is used; choose with --label-column" in notes
    assert not [n for n in load_dataset(path, text_column="text.1", label_column="label.1").warnings if "also a column" in n]


def test_jsonl_lines_split_on_line_feeds_only(tmp_path):
    path = tmp_path / "u.jsonl"
    texts = ["a\u2028b", "c\x85d", "e\x1cf", "g\rh"]
    path.write_text("".join(json.dumps({"text": t, "label": "xy"[i % 2]}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    assert load_dataset(path).texts == texts


def test_jsonl_key_first_seen_late_keeps_its_place(tmp_path):
    path = tmp_path / "k.jsonl"
    path.write_text('{"text":"a","label":"x"}\n{"text":"b","extra":1,"label":"y"}\n')
    dataset = load_dataset(path)
    assert list(dataset.frame.columns) == ["text", "extra", "label"]
    assert dataset.style.absent == {"extra": frozenset({0})}


def test_layout_sniffing(tmp_path):
    long_first = tmp_path / "q.csv"
    long_first.write_text('"text","label"\r\n"' + "x" * 100_000 + '","a"\r\n"y","b"\r\n')
    style = load_dataset(long_first).style
    assert style.quote_all and style.newline == "\r\n"
    escaped = tmp_path / "e.jsonl"
    escaped.write_text('{"text":"caf\\u00e9","label":"a"}\n{"text":"b","label":"b"}\n')
    assert load_dataset(escaped).style.json_ascii
    one_line = tmp_path / "o.json"
    one_line.write_bytes(b'[{"text":"a","label":"x"},{"text":"b","label":"y"}]\r\n')
    assert load_dataset(one_line).style.newline == "\r\n"


def test_json_integers_of_any_size_and_nullable(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"text":"a","label":"x","big":18446744073709551616,"n":1}\n'
                    '{"text":"b","label":"y","big":-1,"n":null}\n')
    frame = load_dataset(path).frame
    assert frame["big"].tolist() == [2**64, -1]
    assert str(frame["n"].dtype) == "Int64" and frame["n"].tolist()[0] == 1


def test_saved_dataset_dict_says_which_split_it_uses(tmp_path):
    import datasets

    split = datasets.Dataset.from_dict({"text": ["a", "b"], "label": ["x", "y"]})
    datasets.DatasetDict({"train": split, "test": split}).save_to_disk(str(tmp_path / "dd"))
    dataset = load_dataset(tmp_path / "dd")
    assert any("splits train, test; using 'train'" in w for w in dataset.warnings), dataset.warnings


@pytest.mark.parametrize("content, suggested", [
    ("text,label\nhello,a\nbye,b\n".encode("utf-16"), "--encoding utf-16 "),  # was: latin-1 (garbage)
    ("text,label\n\u201cquoted\u201d \u2013 dash,a\nbye,b\n".encode("cp1252"), "--encoding cp1252 "),  # latin-1
    # would read 0x93 0x94 0x96 as invisible control characters
    ("text,label\ncaf\u00e9,a\nbye,b\n".encode("latin-1"), "--encoding latin-1 "),
])
def test_an_encoding_error_suggests_the_likely_encoding(tmp_path, content, suggested):
    path = tmp_path / "enc.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match="not valid utf-8") as caught:
        load_dataset(path)
    assert suggested in caught.value.message


def test_text_from_several_columns(tmp_path):
    """ag_news has a title and a description: --text-column title+description audits both,
    joined by a line break (an empty part left out, a row missing both is a null text); a column
    whose own name holds '+' is still that column; the missing-column error says how to join."""
    path = tmp_path / "news.csv"
    path.write_text("label,title,description\n3,Wall St. Bears,Short sellers are back\n"
                    "4,Space race,\n1,,Only a description\n2,,\n3,More news,And more\n")
    dataset = load_dataset(path, text_column="title+description")
    assert dataset.texts == ["Wall St. Bears\nShort sellers are back", "Space race", "Only a description", "",
                             "More news\nAnd more"]
    assert dataset.text_is_null.tolist() == [False, False, False, True, False]
    with pytest.raises(UsageError, match=r"no text column 'headline'.*--text-column title\+description"):
        load_dataset(path, text_column="title+headline")
    with pytest.raises(UsageError, match=r"or join several: --text-column title\+description"):
        load_dataset(path)
    literal = pd.DataFrame({"a+b": ["x", "y", "z"], "a": ["1", "2", "3"], "b": ["4", "5", "6"],
                            "label": ["p", "q", "p"]})
    assert load_dataset(literal, text_column="a+b").texts == ["x", "y", "z"]
    assert load_dataset(literal, text_column="a+ b").texts == ["1\n4", "2\n5", "3\n6"]


def test_joined_text_columns_audit_and_export_untouched(tmp_path, capsys):
    """The CLI end to end with the joined texts: the audit runs, and the export changes only the
    relabelled cell (the title and description columns are the input's, byte for byte)."""
    from engine.corrections import Journal
    from engine.export import export_corrected
    from tui.cli import main

    words = "card payment transfer balance refund pin cash atm fee limit".split()
    lines = ["label,title,description"] + [
        f"{'ab'[i % 2]},{words[i % 10]} title {i},\"{words[(i * 3) % 10]}, body {i}\"" for i in range(30)]
    path = tmp_path / "news.csv"
    path.write_text("\n".join(lines) + "\n")
    code = main(["audit", str(path), "--text-column", "title+description", "--model", "tfidf",
                 "--format", "json", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 0 and json.loads(out)["n_rows"] == 30
    dataset = load_dataset(path, text_column="title+description")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
    export_corrected(dataset, journal, tmp_path / "out.csv")
    expected = path.read_bytes().replace(b"\na,card title 0,", b"\nb,card title 0,", 1)
    assert (tmp_path / "out.csv").read_bytes() == expected


def test_blank_lines_are_said_not_silently_dropped(tmp_path):
    """pandas skips blank lines, and an export cannot write them back: the file then changed
    outside the decided cells without a word. A note says how many; a line break inside a quoted
    cell is data, not a blank line."""
    path = tmp_path / "b.csv"
    path.write_text('text,label\n"first\n\nquoted",x\n\nsecond,y\nthird,x\n\n')
    dataset = load_dataset(path)
    assert dataset.texts == ["first\n\nquoted", "second", "third"]
    assert "b.csv: 2 blank lines are not rows; an export leaves them out" in dataset.warnings
    clean = tmp_path / "c.csv"
    clean.write_text('text,label\n"first\n\nquoted",x\nsecond,y\nthird,x\n')
    assert not any("blank line" in w for w in load_dataset(clean).warnings)


def test_blank_jsonl_lines_are_said_too(tmp_path):
    """They were dropped by an export without a word (a CSV's were noted)."""
    path = tmp_path / "b.jsonl"
    path.write_text('{"text":"a","label":"x"}\n\n{"text":"b","label":"y"}\r\n \n{"text":"c","label":"x"}\n')
    assert "b.jsonl: 2 blank lines are not rows; an export leaves them out" in load_dataset(path).warnings
    path.write_text('{"text":"a","label":"x"}\n\n{"text":"b","label":"y"}')  # no final newline
    assert "b.jsonl: 1 blank line is not a row; an export leaves them out" in load_dataset(path).warnings
    path.write_text('{"text":"a","label":"x"}\r\n{"text":"b","label":"y"}\r\n')
    assert not any("blank" in w for w in load_dataset(path).warnings)


def test_null_text_and_empty_label_notes_count_rows_in_plain_english():
    one = load_dataset(ROWS.assign(text=["hello there", "", "hi again", "so long"]))
    assert "1 row has an empty or missing text" in one.warnings  # was '1 row(s) have'
    two = load_dataset(ROWS.assign(text=["hello there", "", " ", "so long"]))
    assert "2 rows have an empty or missing text" in two.warnings
    with pytest.raises(DataError, match=r"^<DataFrame>: 1 row has an empty label \(row 2, counted from 0\)"):
        load_dataset(ROWS.assign(label=["greet", "leave", "", "leave"]))


def test_a_saved_datasets_class_label_column_is_read_by_its_names_and_written_back_as_ints(tmp_path):
    """A ClassLabel column (ag_news, most hub datasets) was audited as '0', '1', '2': the picker and
    the journal showed numbers. It is read by its names; an export writes the ints back."""
    datasets = pytest.importorskip("datasets")
    from engine.corrections import Journal
    from engine.export import export_corrected

    names = ["World", "Sports", "Business"]  # not in sorted order: the ints are not the sort order
    codes = [0, 1, 2, 1, 0, 2, 2, 1, 0]
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=names)})
    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"text": [f"text {i}" for i in range(9)], "label": codes},
                               features=features).save_to_disk(str(folder))
    dataset = load_dataset(folder)
    assert dataset.class_names == ["World", "Sports", "Business"]  # the ints' order (a --pred-probs' columns)
    assert [dataset.class_names[i] for i in dataset.labels] == [names[c] for c in codes]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="Business", issue_type="label")  # World (0) -> Business (2)
    export_corrected(dataset, journal, tmp_path / "out", fmt="hf")
    out = datasets.load_from_disk(str(tmp_path / "out"))
    assert out.features == features
    assert out["label"] == [2] + codes[1:]
    datasets.Dataset.from_dict({"text": ["a", "b", "c"], "label": [0, -1, 1]},
                               features=features).save_to_disk(str(tmp_path / "unlabelled"))
    with pytest.raises(DataError, match=r": 1 row has an empty label \(row 1, counted from 0\)"):
        load_dataset(tmp_path / "unlabelled")  # -1: the datasets convention for no label


def test_a_utf8_file_read_with_a_single_byte_encoding_is_said(tmp_path):
    """--encoding ascii on a UTF-8 file was told 'pass --encoding latin-1' (which reads it garbled,
    silently); --encoding latin-1 on it read 'café' as 'cafÃ©' without a word."""
    path = tmp_path / "d.csv"
    path.write_bytes("text,label\ncaf\u00e9,a\nbye,b\nagain,a\n".encode())
    with pytest.raises(DataError, match="pass --encoding utf-8 or"):
        load_dataset(path, encoding="ascii")
    garbled = load_dataset(path, encoding="latin-1")
    assert garbled.texts[0] == "caf\u00c3\u00a9"
    assert any("is valid UTF-8 but is read as latin-1" in w for w in garbled.warnings)
    assert not any("valid UTF-8" in w for w in load_dataset(path).warnings)
    path.write_bytes("text,label\ncaf\u00e9,a\nbye,b\nagain,a\n".encode("latin-1"))
    assert not any("valid UTF-8" in w for w in load_dataset(path, encoding="latin-1").warnings)
