"""The paths the engine's remaining notes and errors print are one shell word, as 7081ea7 / 0abe95c made the rest.

Session 42 left them raw (fix42a's 'noticed'): the cache's notes (an OSError's file in Python's repr: '\\x1b' as
letters), hf: folders, --model, --pred-probs, --label-names, a re-audit's data and journal, a Parquet file pandas
cannot read, the encoding and TSV notes, the blank-line note, -o's folder and format lines, a journal too new or
read-only, the catch-all OSError line. A name with a space split a paste in two, a newline broke the line, an ESC
reached the terminal raw. Checked with names holding a space, a quote, a double quote, a newline and an ESC: the
line holds shell_word(path), is one line with no raw ESC, and bash reads the word back byte for byte."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from engine.errors import TextauditError
from engine.paths import shell_word

NAMES = ["my data", "it's", 'say "hi"', "two\nlines", "e\x1b[31mx"]


def _bash_reads(word: str) -> str:
    done = subprocess.run(["bash", "-c", f"set -- {word}; [ $# = 1 ] || exit 3; printf %s \"$1\""],
                          capture_output=True, check=True)
    return os.fsdecode(done.stdout)


def _said(path: Path | str, line: str) -> None:
    word = shell_word(str(path))
    assert word in line, (word, line)
    assert "\n" not in line and "\x1b" not in line, line
    assert _bash_reads(word) == str(path)


def _error(call, *args, **kwargs) -> str:
    with pytest.raises(TextauditError) as caught:
        call(*args, **kwargs)
    return caught.value.message


def _data(folder: Path, name: str = "d.csv", unique: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    labels = [f"c{i}" for i in range(6)] if unique else ["ab"[i % 2] for i in range(6)]
    pd.DataFrame({"text": [f"row {i} of the data" for i in range(6)], "label": labels}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("name", NAMES)
def test_the_caches_unwritable_folder(name: str, tmp_path: Path) -> None:
    import numpy as np

    from engine.cache import Cache

    (tmp_path / name).write_text("a file where the cache folder should be")
    cache = Cache(tmp_path / name / "cache")
    cache.save("embeddings", "e" * 64, {"x.npy": np.zeros(3, dtype=np.float32)})
    [note] = cache.events
    _said(cache.entry_dir("embeddings", "e" * 64).parent, note)  # the folder mkdir failed on


@pytest.mark.parametrize("name", NAMES)
def test_an_hf_folder_that_is_not_there(name: str, tmp_path: Path) -> None:
    from engine.hub import read_hub

    missing = tmp_path / name / "nothing"
    line = _error(read_hub, str(missing))
    _said(f"hf:{missing}", line)
    _said(missing, line.split(": ", 1)[1])


@pytest.mark.parametrize("name", NAMES)
def test_a_model_folder_that_is_not_there(name: str, tmp_path: Path, capsys) -> None:
    from tui.cli import main

    data = _data(tmp_path / "data")
    model = tmp_path / name / "model"
    assert main(["audit", str(data), "--model", str(model)]) != 0
    [line] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit: error:")]
    _said(model, line)


@pytest.mark.parametrize("name", NAMES)
def test_a_hub_model_offline(name: str, monkeypatch) -> None:
    from engine.embed import _refuse_without_hub

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _said(f"owner/{name}", _error(_refuse_without_hub, f"owner/{name}"))


@pytest.mark.parametrize("name", NAMES)
def test_pred_probs_that_are_not_there(name: str, tmp_path: Path) -> None:
    from engine.checks import _open_user_array

    missing = tmp_path / name / "p.npy"
    _said(missing, _error(_open_user_array, str(missing), "pred-probs", mmap_mode=None))
    (tmp_path / name).mkdir()
    missing.write_bytes(b"not numpy")
    _said(missing, _error(_open_user_array, str(missing), "pred-probs", mmap_mode=None))


@pytest.mark.parametrize("name", NAMES)
def test_label_names_file_that_is_not_there(name: str, tmp_path: Path) -> None:
    from engine.label_names import parse_label_names

    missing = tmp_path / name / "names.json"
    _said(missing, _error(parse_label_names, str(missing)))


@pytest.mark.parametrize("name", NAMES)
def test_every_label_unique_names_the_data(name: str, tmp_path: Path) -> None:
    from engine.checks import check_auditable
    from engine.load import load_dataset

    data = _data(tmp_path / name, unique=True)
    _said(data, _error(check_auditable, load_dataset(str(data))))


@pytest.mark.parametrize("name", NAMES)
def test_a_reaudit_whose_journal_excludes_every_row(name: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.load import load_dataset
    from engine.reaudit import corrected_dataset

    data = _data(tmp_path / name)
    dataset = load_dataset(str(data))
    journal = tmp_path / name / f"{name}.jsonl"
    with Journal.open(journal, dataset) as writer:
        for row in range(len(dataset)):
            writer.record("exclude", row, issue_type="label")
    line = _error(corrected_dataset, dataset, journal)
    _said(data, line)
    _said(journal.name, line)


@pytest.mark.parametrize("name", NAMES)
def test_a_parquet_column_pandas_cannot_hold(name: str, tmp_path: Path) -> None:
    import pyarrow as pa

    from engine.arrow_frame import arrow_to_frame

    table = pa.table({"text": ["a b", "c d"], "t64": pa.array([1, None], pa.time64("ns"))})
    source = str(tmp_path / name / "p.parquet")
    _said(source, _error(arrow_to_frame, table, source))


@pytest.mark.parametrize("name", NAMES)
def test_the_encoding_and_blank_line_notes(name: str, tmp_path: Path) -> None:
    from engine.readers import blank_note
    from engine.text_encoding import utf8_read_as_single_byte

    path = tmp_path / f"{name}.csv"
    path.write_text("text,label\ncafé au lait,a\n", encoding="utf-8")
    [note] = utf8_read_as_single_byte(path, "latin-1")
    _said(path.name, note)
    [note] = blank_note(path, 2)
    _said(path.name, note)


@pytest.mark.parametrize("name", NAMES)
def test_a_tsv_with_csv_quoting(name: str, tmp_path: Path) -> None:
    from engine.tsv_quoting import check_tsv_quoting

    path = tmp_path / f"{name}.tsv"
    path.write_text('text\tlabel\n"a ""quoted"" text"\ta\n"another ""one"""\tb\n', encoding="utf-8")
    [note] = check_tsv_quoting(path, "utf-8")
    _said(path.name, note)


@pytest.mark.parametrize("name", NAMES)
def test_outputs_named_as_folders_and_without_a_format(name: str, tmp_path: Path) -> None:
    from engine.export import resolve_format
    from engine.formats import folder_output_problem

    value = str(tmp_path / name) + "/"
    line = folder_output_problem(value, "auto", "-o")
    assert line is not None
    _said(value, line)
    _said(f"{os.path.normpath(value)}.csv", line)
    output = tmp_path / name / "out"
    _said(output, _error(resolve_format, output, "auto"))


@pytest.mark.parametrize("name", NAMES)
def test_a_journal_too_new_and_one_open_read_only(name: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.load import load_dataset

    data = _data(tmp_path / "data")
    dataset = load_dataset(str(data))
    journal = tmp_path / name / "j.jsonl"
    journal.parent.mkdir()
    with Journal.open(journal, dataset) as writer:
        writer.record("exclude", 0, issue_type="label")
    with Journal.open(journal, dataset, read_only=True) as reader:
        _said(journal, _error(reader.record, "exclude", 1, issue_type="label"))
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join([lines[0].replace('"v":', '"v":99,"was":', 1), *lines[1:]]) + "\n")
    _said(journal, _error(Journal.open, journal, dataset, read_only=True))


@pytest.mark.parametrize("name", NAMES)
def test_the_catch_all_os_error_line(name: str, tmp_path: Path, capsys, monkeypatch) -> None:
    from tui.cli_values import os_error_exit

    monkeypatch.chdir(tmp_path)
    path = Path(name) / "x"  # relative: the line cuts a name past 80 characters (xdist's tmp_path can be)
    assert os_error_exit(OSError(errno.ELOOP, "Too many levels of symbolic links", str(path))) == 1
    [line] = capsys.readouterr().err.splitlines()
    _said(path, line)
