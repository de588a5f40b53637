"""The export dialog reads a path pasted with shell quotes as a shell reads it, and says what it writes.

session 41 left it: the dialog took typed text literally, so a path pasted from a shell or from textaudit's own
exit line and toasts (which quote a path with a space: engine/paths.shell_word, faf95ca) kept its quotes:
''/tmp/my data/x.csv'' was refused as 'unknown extension '.csv''', and "x.jsonl" likewise. Now text with a
quote or a backslash that reads as shell words is read so (tui/path_text.path_read) and must be one word (several
are one line, never a guess); other text is taken as typed (spaces and all; 'bob's data.csv', whose quote is not
closed); a leading ~ is expanded where a shell would. The line under the path says the file written and its
format where that is not the text's letters, and the checks (format, exists, folder) are of that file."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
from pilot_helpers import DialogHost, export_warning, one_row_export_dialog
from textual.widgets import Input

from engine.paths import shell_word
from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


async def _typed(tmp_path: Path, text: str) -> tuple[str, list]:
    """``text`` put in the path line, then enter: the line under it, and what the dialog was dismissed with."""
    async with one_row_export_dialog(tmp_path) as (app, pilot, path):
        path.value = text
        await pilot.pause()
        said = export_warning(app.screen)
        await pilot.press("enter")
        await pilot.pause()
    return said, app.results


@pytest.mark.parametrize("quoted, name, fmt", [
    ("'{folder}/my file.csv'", "my file.csv", "csv"),
    ('"{folder}/x.jsonl"', "x.jsonl", "jsonl"),
    ("{parent}/my\\ data/it\\'s\\ here.tsv", "it's here.tsv", "tsv"),  # as bash's tab completion writes it
])
async def test_a_quoted_path_writes_the_file_a_shell_names(quoted, name, fmt, tmp_path: Path) -> None:
    folder = tmp_path / "my data"
    folder.mkdir()
    said, results = await _typed(tmp_path, quoted.format(folder=folder, parent=tmp_path))
    assert said == f"writes {folder / name} ({fmt})", said  # old: "unknown extension '.csv''"
    (request,) = results
    assert request.output == folder / name


async def test_an_exit_lines_path_pasted_back_writes_that_file(tmp_path: Path) -> None:
    """The exit line and toasts print shell_word(path): pasted into the dialog, it is that path."""
    folder = tmp_path / "my 'data'"
    folder.mkdir()
    target = folder / "bank\x1bit $x.corrected.csv"
    said, results = await _typed(tmp_path, shell_word(str(target)))
    (request,) = results
    assert os.fsencode(request.output) == os.fsencode(target), said


async def test_a_tilde_is_the_home_folder_where_a_shell_expands_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    said, results = await _typed(tmp_path, "~/'my out.csv'")
    assert said == f"writes {tmp_path / 'home' / 'my out.csv'} (csv)"
    assert results[0].output == tmp_path / "home" / "my out.csv"


@pytest.mark.parametrize("text, line", [
    ("'a.csv' 'b.csv'", "2 words to a shell (a.csv, b.csv): quote the whole path once"),
    ("my 'file'.csv", "2 words to a shell (my, file.csv): quote the whole path once"),
    ('"$HOME/x.csv"', "$HOME is for a shell to replace, which the dialog does not: type the path in full"),
    ("'x.csv'|y", "| outside quotes ends a shell word: quote the whole path once"),
])
async def test_text_that_is_no_one_path_is_one_line_and_enter_refused(text, line, tmp_path: Path) -> None:
    said, results = await _typed(tmp_path, text)
    assert said == line, said
    assert results == []


@pytest.mark.parametrize("name", ["my data.csv", "bob's data.csv"])
async def test_a_path_without_closed_quotes_is_taken_as_typed(name, tmp_path: Path) -> None:
    said, results = await _typed(tmp_path, str(tmp_path / name))
    assert said == ""  # as typed: nothing to say
    assert results[0].output == tmp_path / name


@pytest.mark.parametrize("stem", ["a 'b' c", "'q'", "x\\ y", "~z", '"d"'])
async def test_the_offered_path_is_written_as_offered(stem, tmp_path: Path) -> None:
    """A data file whose name a shell would read otherwise: the offered text reads back as the offered file."""
    source = tmp_path / f"{stem}.csv"
    source.write_text("text,label\nx,a\n")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        offered = app.screen.query_one("#export-path", Input).value
        await pilot.press("enter")
        await pilot.pause()
    (request,) = app.results
    assert request.output == tmp_path / f"{stem}.corrected.csv", offered


def _names(count: int) -> list[str]:
    rng = random.Random(42)
    alphabet = [*"ab é'\"\\$`~/.!*?;|&()<>{}#\t\n\x1b\x7f\u202e\u00a0", "\udce9", "\udcff", "x"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_every_shown_path_reads_back_byte_for_byte() -> None:
    from tui.path_text import path_offered, path_read

    for name in _names(2000):
        for shown in (shell_word(name), path_offered(name)):
            assert path_read(shown)[0] == name, (name, shown)


def test_words_are_read_as_bash_reads_them() -> None:
    """shell_words against bash itself on 600 random texts of quotes, escapes and $'...'."""
    from tui.path_text import ShellText, shell_words

    rng = random.Random(7)
    pieces = [*"ab é'\"\\ ~/.x", "$'\\x41'", "$'\\e'", "\\x", "$'\\101'", "$'\\u00e9'", "$'\\n'", "\\\n", '$"y"']
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(600)]
    script = 'for t; do if eval "set -- $t" 2>/dev/null; then printf "%s\\0" "$#" "$@"; else printf "E\\0"; fi; done'
    out = subprocess.run(["bash", "-c", script, "_", *texts], capture_output=True, check=True,
                         env={**os.environ, "HOME": "/nonexistent-home"}).stdout.split(b"\0")
    compared = 0
    for text in texts:
        head = out.pop(0)
        bash = None if head == b"E" else [os.fsdecode(out.pop(0)) for _ in range(int(head))]
        try:
            mine = [word for word, _ in shell_words(text)]
        except ShellText:
            mine = None
        if "\n" in text and (mine is None) != (bash is None):  # an unquoted newline ends bash's command
            continue
        if bash is not None and any(word.startswith("/nonexistent-home") for word in bash):
            mine = [os.path.expanduser(word) if tilde else word for word, tilde in shell_words(text)]
            mine = [word.replace(os.path.expanduser("~"), "/nonexistent-home", 1) if word.startswith(
                os.path.expanduser("~")) else word for word in mine]
        assert mine == bash, (text, mine, bash)
        compared += 1
    assert compared > 500
