"""The progress line's 'loading MODEL' names --model as typed (review37): a model folder named with
ESC ]0;TITLE BEL ESC [2J (a symlink to the bundled model) set the terminal's title and cleared the screen,
from `textaudit audit` on a terminal (stderr's rewritten line) and from the app's progress screen. Both draw
the control characters as escapes / symbols now."""

from __future__ import annotations

import io

from engine.progress import Progress
from tui.app import TextauditApp
from tui.cli_progress import _StderrProgress

_MODEL = "m\x1b]0;PWNED\x07\x1b[2J\u202e"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_progress_line_escapes_the_model_name(monkeypatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr("tui.cli_progress._stderr_columns", lambda: 120)
    _StderrProgress()(Progress("embed", 0, 40, f"loading {_MODEL}"))
    written = terminal.getvalue()
    assert "loading m\\x1b]0;PWNED\\x07\\x1b[2J" in written, repr(written)
    assert "\x1b" not in written and "\x07" not in written and "\u202e" not in written


async def test_the_progress_screen_draws_the_model_name_as_symbols(tmp_path) -> None:
    from textual.widgets import Label

    from tui.messages import AuditProgress
    from tui.screens.progress import ProgressScreen

    app = TextauditApp(source=str(tmp_path / "never-read.csv"), journal_path=tmp_path / "j.jsonl")
    app.run_audit_worker = lambda: None  # no audit: the test plays the report itself
    async with app.run_test(size=(100, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        screen.update_stage(AuditProgress("embed", 0, 40, f"loading {_MODEL}"))
        await pilot.pause()
        line = str(screen.query_one("#label-embed", Label).render())
        assert "loading m\u241b]0;PWNED\u2407\u241b[2J" in line, repr(line)
        assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
