"""ctrl+z stops the app's whole job, as the terminal's ^Z does, and says so where nothing could resume it.

walk36, tmux: 'run.sh' (a script running textaudit) from an interactive bash: ctrl+z stopped the app alone,
the script waited on it and the shell never came back (a blank screen until a second ^Z); in 'bash -c
"cd d; textaudit demo; echo"' (no job-control shell) the app stopped with nothing to fg it back.
"""

from __future__ import annotations

import contextlib
import signal

from pilot_helpers import settle, wait_until
from tui_synthetic import fixed_app

import tui.suspend


def _as_a_terminal(app, monkeypatch, *, job_control: bool) -> list[tuple[int, int]]:
    """The headless driver as a terminal's, the process group as given; the group signals, recorded."""
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(type(app), "is_headless", property(lambda self: False))
    monkeypatch.setattr(type(app), "suspend", contextlib.contextmanager(lambda self: (yield)))
    monkeypatch.setattr(tui.suspend, "no_job_control", lambda: not job_control)
    monkeypatch.setattr(tui.suspend.os, "killpg", lambda group, sig: sent.append((group, sig)))
    monkeypatch.setattr(tui.suspend.os, "kill", lambda pid, sig: sent.append((-pid, sig)))
    return sent


async def test_ctrl_z_stops_the_whole_process_group(pinned_result, tmp_path, monkeypatch):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    sent = _as_a_terminal(app, monkeypatch, job_control=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        handler = signal.signal(signal.SIGTSTP, signal.SIG_IGN)  # a handler to come back, as Textual's driver sets one
        try:
            await pilot.press("ctrl+z")
            await wait_until(pilot, lambda: bool(sent), "ctrl+z sent a stop signal")
            assert sent == [(tui.suspend.os.getpgrp(), signal.SIGTSTP)]
        finally:  # the process's own handler back even where the test fails (SIG_IGN stayed for the worker)
            restored = signal.signal(signal.SIGTSTP, handler)
        assert restored == signal.SIG_IGN  # set aside while it stopped, then back


async def test_ctrl_z_without_job_control_is_refused_with_a_notice(pinned_result, tmp_path, monkeypatch):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    sent = _as_a_terminal(app, monkeypatch, job_control=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: any("no shell with job control" in n.message for n in app._notifications),
                         "the notice")
        assert sent == [] and app.is_running
