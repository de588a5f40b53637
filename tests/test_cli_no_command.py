"""``textaudit`` alone said 'the following arguments are required: COMMAND (see textaudit --help)',
naming no command; a new user trying the demo (ui29, tmux) had to read --help for 'demo'. Now one
line names the commands and the demo's, exit 2, as a mistyped command does."""

from __future__ import annotations

from tui.cli import main


def test_no_command_names_the_commands_and_the_demo(capsys) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("textaudit: error: no command given (commands: audit, browse, demo"), err
    assert "textaudit demo opens the bundled demo" in err[0]
