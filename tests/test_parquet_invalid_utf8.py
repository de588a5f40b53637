"""A Parquet string column holding bytes that are not UTF-8 (a writer that does not check them; pyarrow
reads them unchecked) ended the run as 'internal error: ArrowException: Unknown error: Wrapping caf\ufffd
one failed', exit 70, at the first use of a text or label; so did an hf: folder of latin-1 JSON Lines read
without --encoding. Now one line naming the column and the row, exit 1; a column the audit does not use
is left alone (the audit runs, as before)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset
from tui.cli import main

GOOD = ["one here", "two there", "three again", "four more"] * 3


def _not_utf8(values: list[bytes], large: bool = False) -> pa.Array:
    """A string array holding ``values`` unchecked, as a writer that does not check them stores it."""
    return pa.array(values, pa.large_binary() if large else pa.binary()).view(pa.large_string() if large
                                                                                else pa.string())


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("column", ["text", "label"])
def test_a_column_the_audit_reads_is_one_line(tmp_path: Path, capsys, column: str, large: bool) -> None:
    bad = _not_utf8([b"fine", b"caf\xe9 one"] * 6, large)
    table = pa.table({"text": bad if column == "text" else pa.array(GOOD),
                      "label": bad if column == "label" else pa.array(["a", "b"] * 6)})
    pq.write_table(table, tmp_path / "in.parquet")
    with pytest.raises(DataError, match=rf"column '{column}' holds text that is not valid UTF-8 \(row 1, "):
        load_dataset(tmp_path / "in.parquet")
    code = main(["audit", str(tmp_path / "in.parquet"), "--model", "tfidf"])
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("[")]
    assert code == 1 and len(err) == 1 and "caf\\xe9 one" in err[0], err


def test_another_column_is_left_alone(tmp_path: Path) -> None:
    pq.write_table(pa.table({"text": GOOD, "label": ["a", "b"] * 6, "note": _not_utf8([b"x\xff"] * 12)}),
                   tmp_path / "in.parquet")
    assert load_dataset(tmp_path / "in.parquet").texts == GOOD


def test_an_hf_folder_of_latin1_json_lines_is_told_to_pass_its_encoding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "jl"
    folder.mkdir()
    (folder / "train.jsonl").write_bytes("".join(f'{{"text": "café {i}", "label": "{"ab"[i % 2]}"}}\n'
                                                 for i in range(12)).encode("latin-1"))
    with pytest.raises(DataError, match="not valid UTF-8 .*; or, for CSV/JSON data files in another encoding, "
                                        "pass --encoding$"):
        load_dataset(f"hf:{folder}")


@pytest.mark.parametrize("column", ["text", "other"])
def test_dictionary_encoded_text_that_is_not_utf8_is_one_line(tmp_path: Path, capsys, column: str) -> None:
    """Dictionary-encoded (a pandas categorical saved to Parquet): pyarrow's to_pandas itself failed
    ('Unknown error: Wrapping caf\ufffd one failed', exit 70), also for a column the audit does not use."""
    bad = _not_utf8([b"fine", b"caf\xe9 one"] * 6).dictionary_encode()
    columns = {"text": bad if column == "text" else pa.array(GOOD), "label": pa.array(["a", "b"] * 6)}
    if column == "other":
        columns["other"] = bad
    pq.write_table(pa.table(columns), tmp_path / "in.parquet")
    code = main(["audit", str(tmp_path / "in.parquet"), "--model", "tfidf"])
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("[")]
    assert code == 1 and len(err) == 1, err
    assert f"column '{column}' (dictionary<" in err[0] and "Invalid UTF8" in err[0] and "not UTF-8" in err[0], err[0]


@pytest.mark.parametrize("out", ["out.csv", "out.jsonl"])
def test_an_export_to_text_names_the_column_that_is_not_utf8(tmp_path: Path, out: str) -> None:
    """An unused column's bytes reach a text export only: 'cannot write out.csv as csv: ArrowException: Unknown
    error: Wrapping x\\ufffd failed' named neither the column nor the cause; Parquet still writes them back."""
    from engine.export import export_corrected

    pq.write_table(pa.table({"text": GOOD, "label": ["a", "b"] * 6, "note": _not_utf8([b"x\xff"] * 12)}),
                   tmp_path / "in.parquet")
    (tmp_path / "j.jsonl").write_text("")
    dataset = load_dataset(tmp_path / "in.parquet")
    with pytest.raises(DataError, match=r"as (csv|jsonl): column 'note' holds text that is not valid UTF-8 \(row 0"):
        export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / out)
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("note").type == pa.string()
