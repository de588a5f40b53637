"""A Latin-1 file name's byte and a UTF-8 name that holds a backslash, x, e, 9 print apart (diff38): both printed
'nof\\xe9.csv' (CLI errors, the app's title, the exit line). The byte is now quoted as bash quotes it,
``nof$'\\xe9'.csv``, which bash reads back as the file's own name where it is pasted."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.cli import main, shell_safe
from tui.std_streams import undecodable_escaped

LATIN1 = os.fsdecode(b"nof\xe9.csv")  # 'nof\udce9.csv', as Python reads it from the command line
LITERAL = "nof\\xe9.csv"  # a UTF-8 name: n o f \ x e 9 . c s v


def test_the_two_names_print_apart() -> None:
    assert shell_safe(LATIN1) == undecodable_escaped(LATIN1) == "nof$'\\xe9'.csv"
    assert shell_safe(LITERAL) == undecodable_escaped(LITERAL) == LITERAL


def test_the_cli_errors_differ(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    said = []
    for name in (LATIN1, LITERAL):
        assert main(["audit", name]) == 1
        said.append([line for line in capsys.readouterr().err.splitlines() if "error" in line])
    assert said[0] == ["textaudit: error: nof$'\\xe9'.csv: no such file or directory"], said
    # quoted as a shell word (engine/paths.shell_word, fix42a): the backslash is a letter there
    assert said[1] == ["textaudit: error: 'nof\\xe9.csv': no such file or directory"], said


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_pasted_in_bash_it_names_the_file() -> None:
    for name in (LATIN1, "a\udce9\udce8 b\udcff.csv"):
        shown = shell_safe(name).replace(" ", "\\ ")  # a space is quoted by whoever pastes it, as ever
        read = subprocess.run(["bash", "-c", f"printf %s {shown}"], capture_output=True, check=True).stdout
        assert read == os.fsencode(name), (shown, read)


def test_a_name_given_as_the_command_is_named_so_too(capsys) -> None:
    assert main([LATIN1]) == 2
    said = capsys.readouterr().err
    assert "unknown command nof$'\\xe9'.csv; to open a dataset: textaudit browse nof$'\\xe9'.csv " in said, said
