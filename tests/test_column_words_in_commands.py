"""Column names and separators in the commands a line suggests are one shell word, as paths are (engine/paths.shell_word).

They were Python's repr ('--text-column {column!r}': an ESC written as the letters \\x1b, a newline as \\n, so the
pasted option named another column), shlex.quote (--label-sep in the joined-sets hint, export's taken options: an
ESC sent raw inside the quotes) or nothing at all ('--id-column  id' with the space of ' id' lost, '--text-column
my title+my text' split in three by a paste). Checked with names holding a space, a quote, a double quote, a newline
and an ESC: the suggested word is shell_word(value) and bash reads it back byte for byte."""

from __future__ import annotations

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


def _suggests(option: str, value: str, line: str) -> None:
    """``line`` holds '``option`` WORD' with WORD one shell word bash reads as ``value``; one line, no raw ESC."""
    assert f"{option} {shell_word(value)}" in line, (option, value, line)
    assert "\n" not in line and "\x1b" not in line, line
    assert _bash_reads(shell_word(value)) == value


def _jsonl(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_json(path, orient="records", lines=True)
    return path


@pytest.mark.parametrize("name", NAMES)
def test_the_text_column_a_journal_was_made_with(name: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.export import export_corrected
    from engine.load import load_dataset

    frame = pd.DataFrame({name: [f"title {i % 3}" for i in range(12)],
                          "text": [f"ticket {i} about a card payment" for i in range(12)], "label": list("ab" * 6)})
    data = _jsonl(tmp_path / "d.jsonl", frame)
    journal = tmp_path / "d.corrections.jsonl"
    with Journal.open(journal, load_dataset(data, text_column=f"{name}+text")) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
    with pytest.raises(TextauditError) as caught:
        export_corrected(load_dataset(data), journal, tmp_path / "out.csv")
    _suggests("give --text-column", f"{name}+text", caught.value.message)


@pytest.mark.parametrize("sep", [" | ", "'", '"', "\n", "\x1b"])
def test_the_label_sep_a_journal_was_made_with(sep: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.export import export_corrected
    from engine.load import load_dataset

    frame = pd.DataFrame({"text": [f"ticket {i} about a card" for i in range(12)],
                          "label": [f"a{sep}b" if i % 2 else "b" for i in range(12)]})
    data = _jsonl(tmp_path / "d.jsonl", frame)
    journal = tmp_path / "d.corrections.jsonl"
    with Journal.open(journal, load_dataset(data, label_sep=sep)) as writer:
        writer.record("relabel", 0, label_after='["a"]', issue_type="label")
    with pytest.raises(TextauditError) as caught:
        export_corrected(load_dataset(data), journal, tmp_path / "out.csv")
    _suggests("give --label-sep", sep, caught.value.message)


@pytest.mark.parametrize("name", NAMES)
def test_a_text_column_named_as_a_join(name: str) -> None:
    from engine.load import _plus_name_note, text_column_parts

    joined = f"{name}+b"
    frame = pd.DataFrame({joined: ["x"], name: ["y"], "b": ["z"]})
    [note] = _plus_name_note(frame, joined)
    _suggests("--text-column", joined, note)
    with pytest.raises(TextauditError) as caught:
        text_column_parts(frame, f"{name}+{name}")
    _suggests("--text-column", f"{name}+{name}", caught.value.message)


@pytest.mark.parametrize("name", NAMES)
def test_the_join_offered_for_two_text_columns(name: str) -> None:
    from engine.column_guess import guess_column

    texts = [f"a customer wrote message number {i} about a card" for i in range(8)]
    frame = pd.DataFrame({f"{name} text": texts, f"{name} sentence": texts[::-1], "label": list("ab" * 4)})
    with pytest.raises(TextauditError) as caught:
        guess_column(frame, "text", [])
    _suggests("--text-column", f"{name} text+{name} sentence", caught.value.message)


@pytest.mark.parametrize("column", [" id", "ID ", "id\n", "\tuid"])
def test_the_id_column_offered_for_a_table(column: str) -> None:
    from types import SimpleNamespace

    from engine.result import id_column_hint

    dataset = SimpleNamespace(id_column=None, frame=pd.DataFrame({"text": ["a"], column: [1]}))
    _suggests("pass --id-column", column, id_column_hint(dataset) or "")


@pytest.mark.parametrize("sep", ["\x1b", "e\x1b[31m"])
def test_label_sep_in_the_lists_note_and_the_refusal(sep: str) -> None:
    from engine.list_cells import list_cells_note
    from engine.multilabel import parse_label_sets

    lists = pd.Series([str(["a", "b"]), str(["b"]), str(["a"]), str(["c", "a"])], name="label")
    _suggests("--label-sep", sep, list_cells_note(lists, "label", sep) or "")
    with pytest.raises(TextauditError) as caught:
        parse_label_sets(pd.Series([1, 2, 3], name="label"), sep)
    _suggests("--label-sep", sep, caught.value.message)
