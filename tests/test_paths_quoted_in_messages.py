"""Every path a message shows for the user to paste into a shell is one shell word that bash reads back exactly.

session 41 left it: faf95ca made the exit lines and toasts quote paths (engine/paths.shell_word), while the
journal's READ-ONLY and cannot-open messages, its load report, and the CLI's error lines (a data file, -o, --journal,
a missing folder) printed them as they are: 'textaudit: error: my data/none.csv: no such file or directory' pasted
as two words, 'READ-ONLY: journal /x/my data/j.jsonl does not match this dataset ...; e.g. --journal /x/my data/..'
gave a command that named another file, and a newline in a name broke the line in two. Checked here with names
holding a space, a single quote, a double quote and a newline: the message holds shell_word(path), and bash reads
that word back byte for byte."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from engine.paths import shell_word

NAMES = ["my data", "it's", 'say "hi"', "two\nlines"]


def _bash_reads(word: str) -> str:
    """What bash makes of ``word``: the one argument it passes."""
    done = subprocess.run(["bash", "-c", f"set -- {word}; [ $# = 1 ] || exit 3; printf %s \"$1\""],
                          capture_output=True, check=True)
    return os.fsdecode(done.stdout)


def _said(path: Path, line: str) -> None:
    word = shell_word(str(path))
    assert word in line, (word, line)
    assert "\n" not in line
    assert _bash_reads(word) == str(path)


def _cli_error(args: list[str], capsys) -> str:
    from tui.cli import main

    assert main(args) != 0
    [line] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit: error:")]
    return line


def _data(folder: Path, name: str = "d.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("text,label\n" + "".join(f"row {i} of {name},{'ab'[i % 2]}\n" for i in range(6)))
    return path


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("name", NAMES)
def test_cli_a_missing_data_file(name: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / name / "none.csv"
    _said(path, _cli_error(["audit", str(path)], capsys))


@pytest.mark.parametrize("name", NAMES)
def test_cli_a_folder_given_as_data(name: str, tmp_path: Path, capsys) -> None:
    (tmp_path / name).mkdir()
    _said(tmp_path / name, _cli_error(["audit", str(tmp_path / name)], capsys))


@pytest.mark.parametrize("name", NAMES)
def test_cli_an_output_that_exists(name: str, tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "data")
    out = _data(tmp_path / name, "out.csv")
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    _said(out, _cli_error(["export", str(data), "--journal", str(journal), "-o", str(out)], capsys))


@pytest.mark.parametrize("name", NAMES)
def test_cli_a_journal_in_a_missing_folder(name: str, tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "data")
    journal = tmp_path / name / "j.jsonl"
    line = _cli_error(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "o.csv")], capsys)
    _said(journal, line)


@pytest.mark.parametrize("name", NAMES)
def test_the_journal_of_another_dataset_is_read_only_and_names_one_to_use(name: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.decisions import DecisionBook

    first, second = _data(tmp_path / "a"), _data(tmp_path / name, "other.csv")
    journal = tmp_path / name / "j.jsonl"
    with Journal.open(journal, load_dataset(first)) as writer:
        writer.record("exclude", 0, issue_type="label_issue")
    book, messages = DecisionBook.open(journal, load_dataset(second))
    try:
        [line] = [m for m in messages if m.startswith("READ-ONLY")] or [messages[0]]
        _said(journal, line)
        if "--journal " in line:
            suggested = line.rsplit("--journal ", 1)[1]
            assert _bash_reads(suggested) == str(journal.with_name(f"{name}-other.corrections.jsonl"))
    finally:
        book.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_journal_held_by_another_app_is_read_only_with_its_path(name: str, tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.decisions import DecisionBook

    data = _data(tmp_path / name)
    journal = tmp_path / name / "j k.jsonl"
    dataset = load_dataset(data)
    with Journal.open(journal, dataset):
        book, messages = DecisionBook.open(journal, dataset)
        try:
            assert messages[0].startswith("READ-ONLY: journal ")
            _said(journal, messages[0])
            _said(journal, book._read_only_why())
        finally:
            book.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_journal_that_cannot_be_opened(name: str, tmp_path: Path) -> None:
    from engine.load import load_dataset
    from tui.decisions import DecisionBook

    data = _data(tmp_path / "data")
    journal = tmp_path / name / "j.jsonl"
    journal.mkdir(parents=True)  # a folder where the journal should be
    book, messages = DecisionBook.open(journal, load_dataset(data))
    assert messages[0].startswith("cannot open journal ")
    _said(journal, messages[0])


@pytest.mark.parametrize("name", NAMES)
def test_the_load_report_names_where_a_cut_tail_was_saved(name: str, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from engine.journal_problems import ReplayProblems

    problems = ReplayProblems()
    problems.torn_group = 2
    saved = tmp_path / name / "j.jsonl.cut-1"
    [line] = problems.lines(removed=True, cut=SimpleNamespace(kept=False, saved_in=saved, lines=2))
    _said(saved, line)


@pytest.mark.parametrize("name", NAMES)
def test_a_missing_folder_is_one_word(name: str, tmp_path: Path) -> None:
    from engine.paths import missing_folder

    _said(tmp_path / name / "sub", missing_folder(tmp_path / name / "sub"))
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_text("")
    _said(tmp_path / name, missing_folder(tmp_path / name / "sub"))


@pytest.mark.parametrize("name", NAMES)
def test_the_load_report_names_the_journal_s_data_file(name: str, tmp_path: Path) -> None:
    """A journal of another data file: its report names both files, each one shell word."""
    from types import SimpleNamespace

    from engine.journal_problems import ReplayProblems

    problems = ReplayProblems()
    problems.data_names, problems.data_name = {f"{name}/a.csv"}, f"{name}/b.csv"
    problems.out_of_range = [3]
    problems.id_columns = {f"{name} id"}
    lines = problems.lines(removed=False, cut=SimpleNamespace(kept=False, saved_in=None, lines=0))
    [made_on] = [line for line in lines if "were made on" in line]
    _said(Path(f"{name}/a.csv"), made_on)
    _said(Path(f"{name}/b.csv"), made_on)
    [id_line] = [line for line in lines if "--id-column" in line]
    assert f"pass --id-column {shell_word(f'{name} id')} to match" in id_line


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("file, body", [
    ("empty.csv", ""),
    ("cut.csv", 'text,label\n"open quote,a\nb,c\n'),
    ("bad.jsonl", '{"text": "a", "label": "x"}\n{"text": \n'),
    ("rows.json", '[{"text": "a", "label": "x"}, 3]'),
    ("no rows.csv", "text,label\n"),
])
def test_cli_a_data_file_that_cannot_be_read(name: str, file: str, body: str, tmp_path: Path, capsys) -> None:
    (tmp_path / name).mkdir()
    path = tmp_path / name / file
    path.write_text(body)
    _said(path, _cli_error(["audit", str(path)], capsys))


@pytest.mark.parametrize("name", NAMES)
def test_cli_an_issue_table_over_another_file(name: str, tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "data")
    other = _data(tmp_path / name, "notes.csv")
    _said(other, _cli_error(["audit", str(data), "--model", "tfidf", "--issues-out", str(other)], capsys))


@pytest.mark.parametrize("name", NAMES)
def test_cli_an_output_whose_name_clashes_with_format(name: str, tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "data")
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    out = tmp_path / name / "out.csv"
    out.parent.mkdir()
    _said(out, _cli_error(["export", str(data), "--journal", str(journal), "-o", str(out), "--format", "jsonl"],
                          capsys))
