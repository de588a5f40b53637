"""Export writes each row as the input spelled it (engine/verbatim.py): byte for byte but the
corrected cells, for CSV quoting the writer would not choose and JSONL spacing and numbers."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_roundtrip import CLASSES, SETTINGS, _actions, _texts
from test_roundtrip import _export as roundtrip_export

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from engine.verbatim import choose, source_records


def _export(path: Path, tmp_path: Path, decide=None, **load_kw) -> bytes:
    dataset = load_dataset(path, **load_kw)
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")  # a fresh journal for each export
    if decide is not None:
        with Journal.open(journal, dataset) as open_journal:
            decide(open_journal)
    out = tmp_path / f"out{path.suffix}"
    export_corrected(dataset, journal, out, force=True)
    return out.read_bytes()


# R's write.csv: strings quoted, numbers and NA not, a quoted empty row name column
R_CSV = (b'"","text","label","score"\r\n"1","card lost",1,0.5\r\n"2","pin, changed",2,NA\r\n'
         b'"3","balance?",1,1.25\r\n"4","",2,3\r\n')


def test_an_r_style_csv_comes_back_byte_for_byte_and_a_relabel_changes_one_cell(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(R_CSV)
    assert _export(path, tmp_path) == R_CSV  # it was rewritten with minimal quoting: every line differed
    out = _export(path, tmp_path, lambda j: j.record("relabel", 2, label_after="2", issue_type="label"))
    assert out == R_CSV.replace(b'"3","balance?",1,', b'"3","balance?",2,')


def test_quoted_cells_beyond_the_csv_modules_field_limit_and_quoted_empties_are_kept(tmp_path):
    data = ('text,label\r\n"' + "\u00e9" * 200_000 + '",a\r\n"",b\r\n"x",a\r\ny,"b"\r\n').encode()
    path = tmp_path / "long.csv"
    path.write_bytes(data)
    assert _export(path, tmp_path) == data
    out = _export(path, tmp_path, lambda j: j.record("relabel", 3, label_after="a", issue_type="label"))
    assert out == data.replace(b'y,"b"', b'y,"a"')  # the quoted label cell stays quoted


def test_excluded_rows_leave_the_others_verbatim(tmp_path):
    data = b'text,label\n"one",a\n"two",b\n"three",a\n"four",b\n'
    path = tmp_path / "d.csv"
    path.write_bytes(data)

    def decide(journal):
        journal.record("exclude", 0, issue_type="outlier")
        journal.record("relabel", 2, label_after="b", issue_type="label")

    assert _export(path, tmp_path, decide) == b'text,label\n"two",b\n"three",b\n"four",b\n'


JSONL = ('{"text": "caf\\u00e9 \\ud83d\\ude00", "label": "a", "meta": {"k": [1, 2.50, {"z": null}]}}\n'
         '{"label":"b","text":"second","meta":{}}\n'
         '{"text": "third", "label": "a", "n": 1e3}\n'
         '{"text": "fourth", "label": "b", "meta": null}\n').encode()


def test_jsonl_spacing_key_order_escapes_and_number_spelling_come_back(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(JSONL)
    assert _export(path, tmp_path) == JSONL  # was rewritten compact, 2.50 -> 2.5, 1e3 -> 1000.0
    out = _export(path, tmp_path, lambda j: j.record("relabel", 0, label_after="b", issue_type="label"))
    assert out == JSONL.replace(b'"label": "a", "meta"', b'"label": "b", "meta"', 1)


def test_a_multilabel_jsonl_relabel_replaces_only_the_list(tmp_path):
    rows = [{"text": f"t{i}", "labels": labels, "id": i}
            for i, labels in enumerate([["x"], ["y", "x"], ["y"], ["x"], ["y"], ["x", "y"]])]
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()  # ", " and ": " spacing
    path = tmp_path / "ml.jsonl"
    path.write_bytes(data)
    assert _export(path, tmp_path, label_column="labels") == data
    out = _export(path, tmp_path, lambda j: j.record("relabel", 2, label_after='["x","y"]', issue_type="label"),
                  label_column="labels")
    changed = [line for line in out.splitlines() if line not in data.splitlines()]
    assert len(changed) == 1 and sorted(json.loads(changed[0])["labels"]) == ["x", "y"]
    assert changed[0].startswith(b'{"text": "t2", "labels": ') and changed[0].endswith(b', "id": 2}')


@pytest.mark.parametrize("record,rendered,label,written", [
    ('"a"b,x', "ab,y", 1, '"a"b,y'),  # text after a closing quote is data, as pandas reads it: spliced
    ('"a"b,x', "ac,y", 1, "ac,y"),  # another cell differs: the rendered line
    ('"a","1"', "a,2.0", 1, '"a","2.0"'),  # only the label differs: spliced, quoted as it was
    ('"a",1', "a,2.0", 1, '"a",2.0'),
    ('"a",1', "b,1", 1, "b,1"),  # another cell differs: the rendered line
    ('{"a": 1, "b": [1, 2]}', '{"a":1.0,"b":[1,2]}', "a", '{"a": 1.0, "b": [1, 2]}'),  # 1 and 1.0 differ
    ('{"a": true, "b": 2}', '{"a":1,"b":2}', "a", '{"a": 1, "b": 2}'),
    ('{"a": 1, "b": 2}', '{"a":1,"b":3}', "a", '{"a":1,"b":3}'),  # not the label: the rendered line
    ('{"a": 1, "a": 2}', '{"a":3}', "a", '{"a": 1, "a": 3}'),  # a repeated key: the last one counts
])
def test_a_record_is_written_only_when_it_holds_the_rendered_values(record, rendered, label, written):
    fmt = "jsonl" if record.startswith("{") else "csv"
    assert choose(record, rendered, fmt, label) == written


def test_records_that_cannot_be_told_apart_exactly_are_not_used(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('text,label\nab"c,x\nd",y\n')  # pandas: two rows (a quote inside a cell is data)
    assert len(load_dataset(path)) == 2
    # a quote opens a quoted run only at a field's start, as pandas reads it (before: None, all rendered)
    assert source_records(path, "csv", "utf-8", 2).records == ["text,label", 'ab"c,x', 'd",y']
    assert source_records(path, "csv", "utf-8", 3) is None  # not that many records here: every row rendered
    path.write_text("text,label\n\nx,a\n")
    assert source_records(path, "csv", "utf-8", 1).records == ["text,label", "x,a"]  # blank lines are not rows


def test_the_values_always_win_over_the_spelling(tmp_path):
    """Whatever the records, what an export holds is the corrected frame's values."""
    data = b'text,label\n"a ""quoted"" one",x\r\nplain,y\n"multi\nline",x\n'
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    out = tmp_path / "out.csv"
    out.write_bytes(_export(path, tmp_path, lambda j: j.record("relabel", 1, label_after="x", issue_type="label")))
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert back["text"].tolist() == ['a "quoted" one', "plain", "multi\nline"]
    assert back["label"].tolist() == ["x", "x", "x"]


# ---- property: any per-cell quoting comes back, only the decided label cells change ----------


def _field(value: str, quoted: bool) -> str:
    if quoted or any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


@SETTINGS
@given(data=st.data())
def test_any_quoting_comes_back_and_only_decided_label_cells_change(data):
    import tempfile

    n = data.draw(st.integers(3, 8))
    texts = ["anchor"] + data.draw(st.lists(_texts(), min_size=n - 1, max_size=n - 1))
    labels = CLASSES[:2] + data.draw(st.lists(st.sampled_from(CLASSES), min_size=n - 2, max_size=n - 2))
    numbers = [repr(data.draw(st.floats(allow_nan=False, allow_infinity=False))) for _ in range(n)]
    rows = [["text", "label", "n"]] + [[t, lab, num] for t, lab, num in zip(texts, labels, numbers)]
    quoting = [data.draw(st.lists(st.booleans(), min_size=3, max_size=3)) for _ in rows]
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    actions = data.draw(_actions(n))

    def render(changes: dict) -> bytes:
        lines = []
        for i, (row, quoted) in enumerate(zip(rows, quoting)):
            if i and changes.get(i - 1, "") is None:
                continue  # excluded
            cells = [row[0], changes.get(i - 1, row[1]) if i else row[1], row[2]]
            lines.append(",".join(_field(v, q) for v, q in zip(cells, quoted)))
        return (newline.join(lines) + newline).encode()

    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.csv", Path(folder) / "out.csv"
        source.write_bytes(render({}))
        _, changes = roundtrip_export(source, out, actions)
        assert out.read_bytes() == render(changes)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
@SETTINGS
@given(data=st.data())
def test_any_json_spelling_comes_back_and_only_decided_label_values_change(fmt, data):
    import tempfile

    n = data.draw(st.integers(3, 8))
    texts = ["anchor"] + data.draw(st.lists(_texts(surrogates=True), min_size=n - 1, max_size=n - 1))
    labels = CLASSES[:2] + data.draw(st.lists(st.sampled_from(CLASSES), min_size=n - 2, max_size=n - 2))
    extras = data.draw(st.lists(st.one_of(st.none(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                                          st.sampled_from(["2.50", "1e3", "-0.0", "[1, 2.0]", '{"k": null}'])),
                                min_size=n, max_size=n))
    layouts = [(data.draw(st.sampled_from([(",", ":"), (", ", ": "), (" , ", " : ")])),
                data.draw(st.booleans()), data.draw(st.booleans())) for _ in range(n)]
    actions = data.draw(_actions(n))

    def line(i: int, label: str) -> str:
        (comma, colon), ascii_only, label_first = layouts[i]
        text = json.dumps(texts[i], ensure_ascii=ascii_only)
        text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)  # as a file holds one
        pairs = [("text", text), ("label", json.dumps(label))]
        if label_first:
            pairs.reverse()
        extra = extras[i]
        if extra is not None:  # spelled as given: a JSON number or value text as a file may hold it
            pairs.append(("x", extra if isinstance(extra, str) else json.dumps(extra)))
        return "{" + comma.join(f'"{k}"{colon}{v}' for k, v in pairs) + "}"

    around = data.draw(st.sampled_from([("[", ",", "]"), ("[\n  ", ",\n  ", "\n]\n"), (" [ ", " , ", " ] ")]))

    def render(changes: dict) -> bytes:
        kept = [line(i, changes.get(i, labels[i])) for i in range(n) if changes.get(i, "") is not None]
        if fmt == "json":
            if not kept:  # every row excluded: the plain writer's empty array, the file's last line end
                return b"[]\n" if around[2].endswith("\n") else b"[]"
            return (around[0] + around[1].join(kept) + around[2]).encode()
        return ("\n".join(kept) + "\n").encode() if kept else b""  # no record left: an empty file

    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / f"in.{fmt}", Path(folder) / f"out.{fmt}"
        source.write_bytes(render({}))
        _, changes = roundtrip_export(source, out, actions)
        assert out.read_bytes() == render(changes)


def test_rows_keep_their_own_line_endings_in_a_file_that_mixes_them(tmp_path):
    """A LF header then CRLF rows (a file appended to on Windows): every row came back LF."""
    data = b'text,label\n"one",a\r\ntwo,b\r\nthree,a\nfour,b'
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    assert _export(path, tmp_path) == data  # no final newline either
    out = _export(path, tmp_path, lambda j: (j.record("relabel", 1, label_after="a", issue_type="label"),
                                             j.record("exclude", 3, issue_type="outlier")))
    assert out == b'text,label\n"one",a\r\ntwo,a\r\nthree,a'  # the last row left: no final newline
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_bytes(b'{"text":"a","label":"x"}\r\n{"text":"b","label":"y"}\n{"text":"c","label":"x"}\r\n')
    assert _export(jsonl, tmp_path) == jsonl.read_bytes()


JSON_ARRAY = (b'[\r\n  {"text": "a\\/b", "label": "x", "n": 2.50},\r\n  {"text": "c", "label": "y", "n": 1e3},\r\n'
              b'  {"label": "x", "text": "d", "n": null}\r\n]\r\n')


def test_a_json_array_file_keeps_its_spelling_around_and_inside_records(tmp_path):
    """pandas' '\\/' escapes, spacing, 2.50 and 1e3: the whole file was rewritten compact."""
    path = tmp_path / "d.json"
    path.write_bytes(JSON_ARRAY)
    assert _export(path, tmp_path) == JSON_ARRAY
    out = _export(path, tmp_path, lambda j: (j.record("relabel", 1, label_after="x", issue_type="label"),
                                             j.record("exclude", 2, issue_type="outlier")))
    assert out == (b'[\r\n  {"text": "a\\/b", "label": "x", "n": 2.50},\r\n  {"text": "c", "label": "x", "n": 1e3}'
                   b'\r\n]\r\n')
    assert [r["label"] for r in json.loads(out)] == ["x", "x"]


# pandas' DataFrame.to_json() default: columns keyed by row ('\/' escapes, floats as 0.5)
PANDAS_JSON = (b'{"text":{"0":"a\\/b","1":"c","2":"d","3":"caf\\u00e9"},"label":{"0":"x","1":"y","2":"x","3":"y"},'
               b'"n":{"0":2.5,"1":1000.0,"2":null,"3":0.0}}')
# an object of column lists, spaced by hand
COLUMN_LISTS = (b'{ "text" : [\r\n  "a\\/b",\r\n  "c",\r\n  "d",\r\n  "caf\\u00e9"\r\n ],\r\n "label": ["x", "y", "x", "y"],'
                b' "n": [2.50, 1e3, null, 0]}\r\n')


@pytest.mark.parametrize("data", [PANDAS_JSON, COLUMN_LISTS], ids=["pandas default", "column lists"])
def test_a_json_object_of_columns_keeps_its_spelling_and_only_decided_cells_change(tmp_path, data):
    """pandas' to_json default ({column: {row key: value}}) was refused ('expected a JSON array of
    objects or an object of column lists'); an object of column lists was rewritten afresh (2.50,
    1e3, '\\/' and the spacing lost). Both come back byte for byte; a relabel changes one value,
    an exclude takes the row out of every column (its key too), the rest is the file's text."""
    path = tmp_path / "d.json"
    path.write_bytes(data)
    dataset = load_dataset(path)
    assert dataset.texts == ["a/b", "c", "d", "caf\u00e9"] and dataset.class_names == ["x", "y"]
    assert _export(path, tmp_path) == data
    out = _export(path, tmp_path, lambda j: (j.record("relabel", 1, label_after="x", issue_type="label"),
                                             j.record("exclude", 2, issue_type="outlier")))
    if data is PANDAS_JSON:
        assert out == (b'{"text":{"0":"a\\/b","1":"c","3":"caf\\u00e9"},"label":{"0":"x","1":"x","3":"y"},'
                       b'"n":{"0":2.5,"1":1000.0,"3":0.0}}')
    else:
        assert out == (b'{ "text" : [\r\n  "a\\/b",\r\n  "c",\r\n  "caf\\u00e9"\r\n ],\r\n "label": ["x", "x", "y"],'
                       b' "n": [2.50, 1e3, 0]}\r\n')
    back = load_dataset(tmp_path / "out.json")
    assert back.texts == ["a/b", "c", "caf\u00e9"] and back.frame["label"].tolist() == ["x", "x", "y"]
    if data is PANDAS_JSON:  # and pandas reads it back as it wrote it
        assert pd.read_json(io.BytesIO(out))["label"].tolist() == ["x", "x", "y"]


def test_a_json_object_of_columns_rendered_afresh_keeps_its_shape_and_row_keys(tmp_path):
    """Where the file's text cannot be used (it changed since it was read), the export is written
    from the values: pandas' keyed columns stay keyed by each kept row's own key."""
    from engine.corrections import Journal
    from engine.export import export_corrected

    path = tmp_path / "d.json"
    path.write_bytes(PANDAS_JSON.replace(b'"0":', b'"10":').replace(b'"3":', b'"13":'))
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("exclude", 1, issue_type="outlier")
    path.write_bytes(b"[]")  # changed on disk after it was read
    summary = export_corrected(dataset, journal, tmp_path / "out.json")
    assert any("changed on disk" in w for w in summary.warnings)
    value = json.loads((tmp_path / "out.json").read_bytes())
    assert value == {"text": {"10": "a/b", "2": "d", "13": "caf\u00e9"}, "label": {"10": "x", "2": "x", "13": "y"},
                     "n": {"10": 2.5, "2": None, "13": 0.0}}


@pytest.mark.parametrize("orient, needle", [
    ("split", "to_json(orient='split')"), ("table", "to_json(orient='table')"),
    ("index", "to_json(orient='index')"), ("values", "orient='values'"),
])
def test_other_pandas_json_layouts_are_named_in_one_line(tmp_path, orient, needle):
    """'split' read as columns said 'the column lists have different lengths ([2, 4])'; 'index'
    was read with the row numbers as columns; each is now named, with the way to save it."""
    from engine.errors import DataError

    path = tmp_path / "d.json"
    pd.DataFrame({"text": ["a", "b", "c"], "label": ["x", "y", "x"]}).to_json(path, orient=orient)
    with pytest.raises(DataError, match=re.escape(needle)) as error:
        load_dataset(path)
    assert "orient='records'" in str(error.value) and "\n" not in str(error.value)


def test_a_ragged_csv_keeps_its_short_rows_as_they_were(tmp_path):
    """A row with fewer cells than the header is read with the missing cells empty; the export
    wrote it with the empty cells added ('x,a' -> 'x,a,'), every such row changed."""
    data = b"text,label,note\none,a\ntwo,b,n2\nthree,a\nfour,b,\n"
    path = tmp_path / "ragged.csv"
    path.write_bytes(data)
    assert _export(path, tmp_path) == data
    out = _export(path, tmp_path, lambda j: j.record("relabel", 2, label_after="b", issue_type="label"))
    assert out == data.replace(b"three,a\n", b"three,b\n")


def test_a_ragged_tsv_keeps_its_short_rows_and_mixed_line_endings(tmp_path):
    """TSV had no verbatim path: short rows got trailing tabs ('x\\ta' -> 'x\\ta\\t') and every row
    the first row's line ending."""
    data = b'text\tlabel\tnote\r\none\ta\r\n"two\tb\tn2\nthree\ta\r\nfour\tb\t\n'
    path = tmp_path / "ragged.tsv"
    path.write_bytes(data)
    assert _export(path, tmp_path) == data
    out = _export(path, tmp_path, lambda j: (j.record("relabel", 2, label_after="b", issue_type="label"),
                                             j.record("exclude", 0, issue_type="outlier")))
    assert out == b'text\tlabel\tnote\r\n"two\tb\tn2\nthree\tb\r\nfour\tb\t\n'
