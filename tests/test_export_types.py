"""Export of label and column types: bool, int8, mixed, nested, binary, quoting and precision
(tests/test_export.py has the formats, guards and the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from test_export import TEXTS, _relabel, assert_unchanged_export

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset


# ----------------------------------------------------------------- label and column types (issue 10)

def _arrow_file(tmp_path: Path, table, name: str = "in.parquet") -> Path:
    import pyarrow.parquet as pq

    path = tmp_path / name
    pq.write_table(table, path)
    return path


@pytest.mark.parametrize("out", ["out.jsonl", "out.parquet", "out.csv", "hf"])
def test_bool_labels_relabel(tmp_path, out):
    path = tmp_path / "b.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": i % 2 == 0}) + "\n" for i, t in enumerate(TEXTS)))
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    _relabel(dataset, journal, 0, "False")
    export_corrected(dataset, journal, tmp_path / out, fmt="hf" if out == "hf" else "auto")
    if out == "out.csv":
        assert pd.read_csv(tmp_path / out)["label"].tolist()[:2] == [False, False]
    else:
        back = load_dataset(tmp_path / out).frame["label"]
        assert back.dtype == bool and back.tolist() == [False, False, True, False, True, False]


def test_int8_label_relabelled_beyond_its_range_is_widened(tmp_path):
    import pyarrow as pa

    table = pa.table({"text": TEXTS, "label": pa.array([0, 1, 2, 0, 1, 2], type=pa.int8())})
    dataset = load_dataset(_arrow_file(tmp_path, table))
    journal = tmp_path / "j.jsonl"
    _relabel(dataset, journal, 1, "300", new=True)
    summary = export_corrected(dataset, journal, tmp_path / "out.parquet")
    assert [w for w in summary.warnings if "int8" in w] == [  # said once (it was said twice, in two wordings)
        "column 'label' changed type from int8 to int64 to hold the new values"]
    back = pd.read_parquet(tmp_path / "out.parquet")["label"]
    assert back.tolist() == [0, 300, 2, 0, 1, 2] and back.dtype.kind == "i"
    _relabel(dataset, journal, 1, "2")  # a value that fits keeps int8
    export_corrected(dataset, journal, tmp_path / "out2.parquet")
    assert pd.read_parquet(tmp_path / "out2.parquet")["label"].dtype == "int8"


def test_a_float32_label_is_not_rounded_into_its_type(tmp_path):
    """0.1 in a float32 column came back as 0.10000000149011612, while a warning said the column
    was widened to float64."""
    import pyarrow as pa

    table = pa.table({"text": TEXTS, "label": pa.array([0.5, 1.5, 2.5, 0.5, 1.5, 2.5], type=pa.float32())})
    dataset = load_dataset(_arrow_file(tmp_path, table))
    journal = tmp_path / "j.jsonl"
    _relabel(dataset, journal, 1, "0.1", new=True)
    summary = export_corrected(dataset, journal, tmp_path / "out.parquet")
    back = pd.read_parquet(tmp_path / "out.parquet")["label"]
    assert back.tolist() == [0.5, 0.1, 2.5, 0.5, 1.5, 2.5] and back.dtype == "float64"
    assert summary.warnings == ["column 'label' changed type from float to double to hold the new values"]
    _relabel(dataset, journal, 1, "2.5")  # exact in float32: the type stays
    export_corrected(dataset, journal, tmp_path / "out2.parquet")
    assert pd.read_parquet(tmp_path / "out2.parquet")["label"].dtype == "float32"


def test_a_saved_datasets_float32_feature_is_not_rounded_either(tmp_path):
    """The export cast the widened column back to the input's features: 0.10000000149011612."""
    import datasets

    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.Value("float32")})
    datasets.Dataset.from_dict({"text": TEXTS, "label": [0.5, 1.5, 2.5] * 2}, features=features).save_to_disk(
        str(tmp_path / "in"))
    dataset = load_dataset(tmp_path / "in")
    journal = tmp_path / "j.jsonl"
    _relabel(dataset, journal, 1, "0.1", new=True)
    export_corrected(dataset, journal, tmp_path / "out", fmt="hf")
    back = datasets.load_from_disk(str(tmp_path / "out"))
    assert back["label"][:2] == [0.5, 0.1] and back.features["label"].dtype == "float64"
    _relabel(dataset, journal, 1, "2.5")
    export_corrected(dataset, journal, tmp_path / "out2", fmt="hf")
    assert datasets.load_from_disk(str(tmp_path / "out2")).features == features


def test_mixed_int_and_str_column(tmp_path):
    path = tmp_path / "m.jsonl"
    labels = [1, "a", 2, "a", 1, 2]
    path.write_text("".join(json.dumps({"text": t, "label": v, "extra": v}) + "\n" for t, v in zip(TEXTS, labels)))
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("keep", 0, issue_type="outlier")
    for out in ("out.parquet", "hf"):  # only a keep: still writes, the mixed column as text
        summary = export_corrected(dataset, journal, tmp_path / out, fmt="hf" if out == "hf" else "auto")
        assert any("'extra' mixes value types" in w for w in summary.warnings)
    _relabel(dataset, journal, 1, "2")
    export_corrected(dataset, journal, tmp_path / "out.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["label"] for r in rows] == [1, 2, 2, "a", 1, 2]  # the int 2, not the string "2"


def test_parquet_map_column_and_nullable_int32_survive(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "text": TEXTS, "label": ["x", "y"] * 3,
        "tags": pa.array([[("k", i)] for i in range(6)], type=pa.map_(pa.string(), pa.int64())),
        "n": pa.array([1, None, 3, None, 5, 6], type=pa.int32()),
    })
    dataset = load_dataset(_arrow_file(tmp_path, table))
    assert str(dataset.frame["n"].dtype) == "Int32"
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    export_corrected(dataset, journal, tmp_path / "out.parquet")
    assert pq.read_schema(tmp_path / "out.parquet").types == table.schema.types
    summary = export_corrected(dataset, journal, tmp_path / "hf", fmt="hf")
    assert any("'tags' is a map" in w for w in summary.warnings)
    back = load_dataset(tmp_path / "hf").frame
    assert str(back["n"].dtype) == "Int32"
    assert [[(d["key"], d["value"]) for d in v] for v in back["tags"]] == dataset.frame["tags"].tolist()


def test_binary_column_to_jsonl(tmp_path):
    import pyarrow as pa

    table = pa.table({"text": TEXTS, "label": ["x", "y"] * 3, "blob": [b"\x00\xff", b"ab", None, b"", b"z", b"q"]})
    dataset = load_dataset(_arrow_file(tmp_path, table))
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    summary = export_corrected(dataset, journal, tmp_path / "out.jsonl")
    assert any("'blob' holds binary values; written as base64" in w for w in summary.warnings)
    first = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert first["blob"] == "AP8="


def test_jsonl_labels_one_and_quoted_one_are_warned(tmp_path):
    path = tmp_path / "l.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": v}) + "\n" for t, v in zip(TEXTS, [1, "1", 2, 1, "1", 2])))
    dataset = load_dataset(path)
    assert any("1 (number) and '1' (text) are one class" in w for w in dataset.warnings), dataset.warnings


def test_tsv_field_starting_with_a_quote_keeps_it(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text('text\tlabel\n"quoted" start\tx\nplain "mid"\ty\n"all"\tx\n')
    dataset = load_dataset(path)
    assert dataset.texts == ['"quoted" start', 'plain "mid"', '"all"']
    assert_unchanged_export(dataset, path, tmp_path, "out.tsv")


@pytest.mark.parametrize("column,value", [("text", ["a", "b"]), ("text", {"k": 1}), ("label", ["x"]), ("label", {"k": 1})])
def test_list_or_dict_texts_and_labels_are_a_clear_error(tmp_path, column, value):
    rows = [{"text": t, "label": "x" if i % 2 else "y"} for i, t in enumerate(TEXTS)]
    rows[2][column] = value
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DataError, match=f"{column} column 'text'|label column 'label'") as caught:
        load_dataset(path)
    assert type(value).__name__ in caught.value.message and "\n" not in caught.value.message


def test_crlf_duplicate_and_empty_headers_come_back_as_they_were(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(b"text,label,text,\r\nhello,x,h2,e1\r\nbye,y,b2,e2\r\nhi,x,h3,\r\n")
    dataset = load_dataset(path)
    assert dataset.texts == ["hello", "bye", "hi"]
    journal = assert_unchanged_export(dataset, path, tmp_path, "out.csv")
    _relabel(dataset, journal, 0, "y")
    export_corrected(dataset, journal, tmp_path / "out2.csv")
    assert (tmp_path / "out2.csv").read_bytes() == path.read_bytes().replace(b"hello,x", b"hello,y")


def test_lone_carriage_return_is_quoted_in_every_csv_writer(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(b'"text","label"\r\n"a\rb","x"\r\n"c d","y"\r\n"e f","x"\r\n"g h","y"\r\n')
    dataset = load_dataset(path)
    journal = assert_unchanged_export(dataset, path, tmp_path, "out.csv")
    again = load_dataset(tmp_path / "out.csv")
    assert again.texts == ["a\rb", "c d", "e f", "g h"]
    with Journal.open(journal, dataset) as writer:
        writer.record("exclude", 0, issue_type="outlier")
    export_corrected(dataset, journal, tmp_path / "changes.csv", corrections_only=True)
    assert pd.read_csv(tmp_path / "changes.csv")["text"].tolist() == ["a\rb"]


def test_jsonl_numbers_keep_full_precision(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"text":"a","label":"x","score":3.141592653589793,"tiny":1.2345678901234567e-12,"n":1,'
                    '"big":18446744073709551616}\n{"text":"b","label":"y","score":0.1,"tiny":5e-324,"n":2,"big":1}\n'
                    '{"text":"c","label":"x","score":1.0,"tiny":0.0,"n":3,"big":-3}\n')
    dataset = load_dataset(path)
    assert dataset.frame["score"].tolist()[0] == 3.141592653589793
    journal = assert_unchanged_export(dataset, path, tmp_path, "out.jsonl")
    export_corrected(dataset, journal, tmp_path / "out.parquet")
    assert pd.read_parquet(tmp_path / "out.parquet")["tiny"].tolist() == [1.2345678901234567e-12, 5e-324, 0.0]


NAN_JSONL = (b'{"text": "one", "label": "a", "score": NaN, "mixed": "x"}\n'
             b'{"text": "two", "label": "b", "score": null, "mixed": NaN}\n'
             b'{"text": "three", "label": "a", "score": 1.5, "mixed": null}\n'
             b'{"text": "four", "label": "b", "score": NaN, "mixed": NaN}\n')


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_json_nan_stays_nan_and_a_null_stays_null(tmp_path, suffix):
    """The frame holds NaN for both JSON NaN and null; every NaN was written back as null, so an
    export with an empty journal changed the untouched 'score': NaN of rows 0 and 3."""
    data = NAN_JSONL if suffix == ".jsonl" else b"[" + NAN_JSONL.rstrip(b"\n").replace(b"\n", b",\n") + b"]\n"
    path = tmp_path / f"d{suffix}"
    path.write_bytes(data)
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    export_corrected(dataset, journal, tmp_path / f"out{suffix}")
    assert (tmp_path / f"out{suffix}").read_bytes() == data
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("exclude", 2, issue_type="outlier")
        open_journal.record("relabel", 0, label_after="b", issue_type="label")
    export_corrected(dataset, journal, tmp_path / f"out2{suffix}")
    text = (tmp_path / f"out2{suffix}").read_text()
    assert text.count("NaN") == 4 and text.count("null") == 1 and '"label": "b", "score": NaN' in text


@pytest.mark.parametrize("target", ["out.parquet", "hf"])
def test_an_arrow_float_nan_stays_nan_and_a_null_stays_null(tmp_path, target):
    """Arrow tells a float NaN from a null; the frame does not, and the export wrote every NaN as
    a null (an untouched value changed; pandas-written files hold nulls, Spark's and polars' NaNs)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"text": ["one", "two", "three", "four", "five"], "label": ["a", "b", "a", "b", "a"],
                      "f64": pa.array([float("nan"), None, 1.5, float("nan"), 2.0], type=pa.float64()),
                      "f32": pa.array([None, float("nan"), 0.5, None, float("nan")], type=pa.float32())})
    path = tmp_path / "d.parquet"
    pq.write_table(table, path)
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("exclude", 2, issue_type="outlier")
    out = tmp_path / target
    export_corrected(dataset, journal, out, fmt="hf" if target == "hf" else "auto")
    if target == "hf":
        import datasets

        back = datasets.load_from_disk(str(out)).with_format("arrow")[:]
    else:
        back = pq.read_table(out)
    for name in ("f64", "f32"):
        want = table.column(name).take([0, 1, 3, 4])
        got = back.column(name)
        assert got.type == want.type
        assert got.is_null().to_pylist() == want.is_null().to_pylist(), name
        assert pa.compute.is_nan(got).to_pylist() == pa.compute.is_nan(want).to_pylist(), name


def test_a_parquet_index_stays_an_index_and_a_range_index_adds_no_column(tmp_path):
    """pandas stores a range index (df.iloc[2:]) as metadata only: it was read as an extra column
    'index' that the export then wrote. A set_index('id') column was moved to the front and came
    back as a plain column, and '__index_level_0__' was renamed 'index'."""
    import pyarrow.parquet as pq

    frame = pd.DataFrame({"text": TEXTS, "label": ["a", "b", "a", "b", "a", "b"], "id": [f"r{i}" for i in range(6)]})
    cases = {"slice": (frame.iloc[2:], ["text", "label", "id"]),
             "named": (frame.set_index("id"), ["text", "label", "id"]),
             "unnamed": (frame.set_axis([f"k{i}" for i in range(6)]), ["text", "label", "id", "__index_level_0__"])}
    for name, (written, columns) in cases.items():
        path = tmp_path / f"{name}.parquet"
        written.to_parquet(path)
        dataset = load_dataset(path)
        assert list(dataset.frame.columns) == columns == pq.read_schema(path).names, name
        journal = tmp_path / f"{name}.jsonl"
        with Journal.open(journal, dataset) as open_journal:
            open_journal.record("exclude", 0, issue_type="outlier")
        out = tmp_path / f"{name}.out.parquet"
        export_corrected(dataset, journal, out)
        assert pq.read_schema(out).names == columns, name
        back = pd.read_parquet(out)
        expected = written.iloc[1:]
        assert list(back.columns) == list(expected.columns) and back["text"].tolist() == expected["text"].tolist()
        if name != "slice":  # a stored index is still the index
            assert back.index.tolist() == expected.index.tolist() and back.index.name == expected.index.name, name
