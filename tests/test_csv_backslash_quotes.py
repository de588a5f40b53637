"""A CSV that escapes a quote inside quotes with a backslash (``"He said \\"hi\\" to me"``, as C, MySQL and some
exporters write; CSV doubles it: ``""``). pandas ends the quoted text at the escaped quote and reads the rest of
the field on as written, so the row's text was ``He said \\hi\\" to me"`` with no word said, and where a comma
followed the escaped quote the load refused with 'a comma inside a text must be quoted ("a, b")', though it was
quoted (hostile43). The load now notes the lines; the refusal names the backslash and how to re-save."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = [f"plain text number {i},{'ab'[i % 2]}\n" for i in range(8)]


def _write(path: Path, line: str, encoding: str = "utf-8") -> Path:
    path.write_text("text,label\n" + "".join(ROWS[:3]) + line + "".join(ROWS[3:]), encoding=encoding, newline="")
    return path


def _notes(dataset) -> list[str]:
    return [note for note in dataset.warnings if "backslash" in note]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_escaped_quote_is_noted_with_its_line(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "d.csv", '"He said \\"hi\\" to me",a\n', encoding)
    dataset = load_dataset(path, encoding=encoding)
    assert dataset.texts[3] == 'He said \\hi\\" to me"'  # read as pandas reads it: the note says why
    notes = _notes(dataset)
    assert len(notes) == 1 and "\n" not in notes[0]
    assert notes[0].startswith("d.csv: line 5 escapes a quote inside quotes with a backslash")


def test_comma_after_an_escaped_quote_names_the_backslash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "d.csv", '"He said \\"hi, there\\" to me",a\n')
    with pytest.raises(DataError) as error:
        load_dataset("d.csv")
    line = str(error.value)
    assert line.startswith("d.csv: line 5 has 3 fields where the header has 2: a quote inside the quoted text is "
                           "escaped with a backslash")
    assert "a comma inside a text must be quoted" not in line and "\n" not in line
    fix = line.split("(pandas: ", 1)[1].removesuffix(")").replace("new_path", "'f.csv'").replace("(path", "('d.csv'")
    subprocess.run([sys.executable, "-c", f"import pandas as pd; pd.{fix}"], check=True)
    assert load_dataset("f.csv").texts[3] == 'He said "hi, there" to me'


@pytest.mark.parametrize("line", ['"C:\\\\dir\\\\",a\n', '"a \\\\""b""",a\n', 'say \\\\"hi\\\\" ok,a\n', '"plain",b\n'])
def test_csv_quoting_is_not_noted(tmp_path: Path, line: str) -> None:
    """A quoted field ending in a backslash, a backslash before a doubled quote, an unquoted backslash-quote:
    CSV as it is written, no note."""
    path = _write(tmp_path / "d.csv", line.replace("\\\\", "\\"))
    assert _notes(load_dataset(path)) == []


def test_other_comma_errors_keep_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.csv", 'He said hi, there,a\n')
    with pytest.raises(DataError, match=r'a comma inside a text must be quoted \("a, b"\)$'):
        load_dataset(path)
