"""The 'internal error' line (a bug's one line, exit 70) writes the exception's words with control characters
escaped (review37): an exception can quote the data (a column name, a cell, a path), and it was printed raw, so
ESC ]0;TITLE BEL in it set the terminal's title, ESC [2J cleared the screen."""

from __future__ import annotations

from tui import cli


def test_an_internal_error_quoting_the_data_is_escaped(monkeypatch, capsys, tmp_path) -> None:
    def bug(args) -> int:
        raise RuntimeError("t\x1b]0;PWNED\x07\x1b[2J\u202e")

    monkeypatch.setitem(cli._COMMANDS, "export", bug)
    monkeypatch.delenv("TEXTAUDIT_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", "d.csv", "-o", "out.csv"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "textaudit: internal error: RuntimeError: " in err and "t\\x1b]0;PWNED\\x07\\x1b[2J" in err, err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err


def test_an_os_error_without_a_file_name_is_escaped(monkeypatch, capsys) -> None:
    from tui.cli_values import os_error_exit

    monkeypatch.delenv("TEXTAUDIT_DEBUG", raising=False)
    assert os_error_exit(OSError("o\x1b[2J\x9b")) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error: OSError: o\\x1b[2J\\x9b" in err and "\x1b" not in err and "\x9b" not in err, err
