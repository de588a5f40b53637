"""The line the shell is told after the TUI closes ('textaudit: saved 1 decision ...; in PATH')
names the journal, whose default name holds the data file's: a data file 'e\\x1b[31mx.csv' gave
'e\\x1b[31mx.corrections.jsonl', printed raw, so the shell's text turned red (s22 hostile22, in
tmux). Every exit line is now written with its control characters as escapes, as error lines are."""

from __future__ import annotations

from pathlib import Path

import tui.app
from tui import launch
from tui.decisions import DecisionBook


class _ClosedApp:
    """Stands in for TextauditApp: an app that ran and closed with a journal-less book."""

    def __init__(self, **kwargs) -> None:
        self.book = DecisionBook(None, 4, ["a", "b"], problem="read-only")
        self.audit_error = None
        self.return_code = 0
        self.driver_class = type("Driver", (), {})
        self.journal_path = kwargs["journal_path"]

    def run(self) -> None:
        pass


def test_the_exit_line_escapes_the_journal_path(monkeypatch, capsys):
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    monkeypatch.setattr(launch, "utf8_screen", lambda: None)
    monkeypatch.setattr(tui.app, "TextauditApp", _ClosedApp)
    monkeypatch.setattr("tui.terminal_size.terminal_driver", lambda driver: driver)
    journal = Path("e\x1b[31mx\x07.corrections.jsonl")
    assert launch.run_app("d.csv", options=None, journal_path=journal) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    # each control character as bash's $'\\x1b' (fix41a: one quoting for every path shown; it was e\\x1b[31mx, which
    # pasted into a shell named another file)
    assert err == "textaudit: nothing saved (read-only); 0 rows decided in e$'\\x1b''[31mx'$'\\x07'.corrections.jsonl\n"
