"""Help in a browser (``textaudit serve``) lists only keys that do something there.

Seen in headless Chromium (ui23): help said 'ctrl+z  Suspend to the shell (fg resumes)' under
Everywhere, but Textual's web driver cannot suspend (there is no shell behind the page), and the
key did nothing at all. In a terminal the key stays listed.
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.app import TextauditApp


def help_lines(app) -> str:
    """Every line the help screen holds (its tables as text, scrolled or not)."""
    console = Console(width=200, record=True, file=io.StringIO())
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def open_help(pilot) -> str:
    await pilot.press("question_mark")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "HelpScreen"
    return help_lines(pilot.app)


async def test_help_in_a_browser_leaves_out_the_suspend_key(pinned_result, tmp_path, monkeypatch):
    monkeypatch.setattr(TextauditApp, "is_web", property(lambda self: True))
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        text = await open_help(pilot)
        assert "ctrl+q" in text and "Export" in text  # the help is there
        assert "ctrl+z" not in text and "Suspend" not in text


async def test_help_in_a_terminal_lists_the_suspend_key(pinned_result, tmp_path, monkeypatch):
    monkeypatch.setattr(TextauditApp, "is_web", property(lambda self: False))
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        text = await open_help(pilot)
        assert "ctrl+z" in text and "Suspend to the shell" in text
