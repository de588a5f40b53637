"""A .tsv written with CSV quoting (pandas' to_csv(sep='\\t'), Excel): said, never read wrong silently."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset, read_table_styled

_ROWS = [('He said "hi" to me', "greet"), ("plain text here", "other")] * 4


def _pandas_tsv(path, rows):
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(path, sep="\t", index=False)
    return path


def test_quoted_quotes_are_read_as_written_with_a_note(tmp_path):
    path = _pandas_tsv(tmp_path / "q.tsv", _ROWS)
    frame, style = read_table_styled(path)
    assert frame["text"].iloc[0] == '"He said ""hi"" to me"'  # TSV has no quoting: the file's characters
    (note,) = [n for n in style.notes if "CSV-quoted" in n]
    assert note.startswith("q.tsv: 4 fields look CSV-quoted (line 2: ")
    assert "save it as .csv" in note and "\n" not in note
    dataset = load_dataset(path)
    assert any("CSV-quoted" in n for n in dataset.style.notes)
    out = tmp_path / "out.tsv"
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    export_corrected(dataset, journal, out)  # still exported byte for byte
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("odd", ["a text with\ta tab", "a text with\na line break", "two\r\nlines"])
def test_a_quoted_tab_or_line_break_stops_the_load(tmp_path, odd):
    # read without quoting, the tab made a 3-field row (pandas' tokenizer error), the line break
    # two rows, one with an empty label ('1 row has an empty label'), neither naming the cause
    path = _pandas_tsv(tmp_path / "q.tsv", [*_ROWS, (odd, "other"), ("after", "greet")])
    with pytest.raises(DataError) as err:
        read_table_styled(path)
    message = err.value.message
    assert "a quoted field holds a tab or line break (row 8, counted from 0" in message
    assert "save it as .csv" in message and "\n" not in message


@pytest.mark.parametrize("content", [
    'text\tlabel\n"leading quote is data\ta\nplain\tb\n',          # a lone leading quote
    'text\tlabel\n"quoted title"\ta\nplain\tb\n',                    # quotes around a text, nothing doubled
    'text\tlabel\n"short\nx\tb\n',                                   # a short row, quote unclosed
    'text\tlabel\n"a\tb\nc"\tlabel\n',                               # equal rows either way
])
def test_unquoted_tsv_reads_without_a_note(tmp_path, content):
    path = tmp_path / "u.tsv"
    path.write_text(content, encoding="utf-8")
    frame, style = read_table_styled(path)
    assert not [n for n in style.notes if "quot" in n]
    assert frame.iloc[0, 0] == content.split("\n")[1].split("\t")[0]


def test_a_parquet_list_or_bytes_text_is_named_as_such(tmp_path):
    """A list column of words was 'holds a ndarray value' (Arrow lists arrive as numpy arrays) and a
    bytes value was cut mid-repr without its closing quote or a mark."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    labels = ["a", "b"] * 3
    pq.write_table(pa.table({"text": [["some", "words", str(i)] for i in range(6)], "label": labels}),
                   tmp_path / "l.parquet")
    with pytest.raises(DataError) as err:
        load_dataset(tmp_path / "l.parquet")
    assert "text column 'text' holds a list value (['some', 'words', '0']); texts must be strings" in err.value.message
    pq.write_table(pa.table({"text": pa.array([b"x" * 60] * 6, pa.binary()), "label": labels}), tmp_path / "b.parquet")
    with pytest.raises(DataError) as err:
        load_dataset(tmp_path / "b.parquet")
    assert f"holds a bytes value (b'{'x' * 37}…); texts must be strings" in err.value.message
