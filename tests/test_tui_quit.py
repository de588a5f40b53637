"""ctrl+c after the audit: Textual's own binding only showed 'Press [b]ctrl+q[/b] to quit the app'
(tags and all: toasts are plain text) and the app ran on; a user over SSH expects it to quit."""

from __future__ import annotations

from pilot_helpers import exclude_first_label_row, journal_lines, settle, wait_until
from tui_synthetic import fixed_app

from tui.launch import exit_lines


async def test_ctrl_c_quits_from_a_row_screen_with_the_decisions_saved(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await exclude_first_label_row(pilot, journal)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.return_code == 0
    assert [entry["action"] for entry in journal_lines(journal)] == ["exclude"]
    assert exit_lines(app)[0].startswith("textaudit: saved 1 decision")


async def test_ctrl_c_quits_from_the_label_picker_and_the_filter(pinned_result, tmp_path):
    """An input's own ctrl+c (copy) took the key: in the picker or the filter it did nothing."""
    for where, key, typed, focus in (("the picker", "l", "", "picker-query"), ("the filter", "slash", "ab", "filter")):
        app = fixed_app(pinned_result, tmp_path / "j.jsonl")
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_issue("label")
            await settle(pilot)
            # ctrl+c must reach the input: one pressed before the input has the focus quits from
            # the list, and the test would pass without trying the input
            await pilot.press(key)
            await wait_until(pilot, lambda: getattr(app.focused, "id", None) == focus, f"{where}'s input")
            await pilot.press(*typed)
            await wait_until(pilot, lambda: app.focused.value == typed, f"{typed!r} in {where}")
            await pilot.press("ctrl+c")
            await wait_until(pilot, lambda: not app.is_running, f"the app to quit from {where}")
        assert app.return_code == 0


async def test_a_swallowed_sigterm_still_quits_the_app(pinned_result, tmp_path):
    """tmux: SIGTERM during a 100k-row export raised KeyboardInterrupt inside the app's event
    loop; the interpreter then hung at exit joining the app's input thread (gdb: Py_Exit(130) in
    wait_for_thread_shutdown), the terminal in the app's modes, until a second SIGTERM killed it
    (exit 143); 2 of 3 runs. While the app runs a signal only sets the flag (flag_only), and the
    app polls it: it quits through its own shutdown, exit 130 (4 of 4 runs)."""
    from pilot_helpers import wait_until

    from tui.interrupts import INTERRUPTED

    INTERRUPTED.clear()  # an earlier in-process CLI test may have left it set
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.is_running
            INTERRUPTED.set()  # what _interrupt does before raising the exception Python may swallow
            await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    finally:
        INTERRUPTED.clear()
    assert app.return_code == 130


def test_flag_only_sets_the_flag_without_raising_and_restores_the_handlers():
    import os
    import signal

    from tui.interrupts import INTERRUPTED, flag_only

    before = signal.getsignal(signal.SIGTERM)
    INTERRUPTED.clear()
    try:
        with flag_only():
            os.kill(os.getpid(), signal.SIGTERM)  # no KeyboardInterrupt, no exit
            for _ in range(1000):  # the handler runs at the next bytecode boundary
                if INTERRUPTED.is_set():
                    break
            assert INTERRUPTED.is_set()
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        INTERRUPTED.clear()
