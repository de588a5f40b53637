"""ctrl+z did nothing (Textual takes the key from the terminal): a user over SSH expects it to hand
the terminal back to the shell, and fg to bring the app back (checked by hand in tmux: bash's
'[1]+ Stopped', fg, the summary redrawn, a decision saved after it)."""

from __future__ import annotations

from pilot_helpers import settle, wait_until
from tui_synthetic import fixed_app


async def test_ctrl_z_suspends_from_the_summary_and_a_row_screen(pinned_result, tmp_path, monkeypatch):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    calls: list[str] = []
    # the headless driver cannot stop the process: record the action instead of sending SIGTSTP
    monkeypatch.setattr(type(app), "action_suspend_process", lambda self: calls.append(self.screen.id or ""))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(calls) == 1, "ctrl+z on the summary")
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(calls) == 2, "ctrl+z on the label screen")
        assert app.is_running  # suspended and resumed, never quit
