"""After a Ctrl+C, SIGTERM or SIGHUP the console script exits past the interpreter's shutdown (tui/cli.run): an
interrupt that landed inside the import of a compiled library, or a cancelled TF-IDF step's helper thread still in
its LAPACK call with the GIL let go, crashed (exit 139) or hung the shutdown after the 'interrupted' line (lead,
session 41: 14 Ctrl+Cs of 'audit --model tfidf' on 3,000 rows at 1.5-4.5 s, one segmentation fault and one hang;
after, 56 of 56 exit 130, and 14 of 14 with the default model). Exits without an interrupt, and any exit once Ray is imported, stay the interpreter's."""

from __future__ import annotations

import sys
import threading

import pytest

import tui.cli as cli
from tui.interrupts import INTERRUPTED


class _ExitedNow(Exception):
    pass


@pytest.fixture()
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The codes passed to os._exit, which raises here instead of ending the test process."""
    codes: list[int] = []

    def exit_now(code: int) -> None:
        codes.append(code)
        raise _ExitedNow

    monkeypatch.setattr(cli.os, "_exit", exit_now)
    monkeypatch.setattr("gc.freeze", lambda: None)  # run() freezes the heap: not this test process's
    monkeypatch.delitem(sys.modules, "ray", raising=False)
    yield codes
    INTERRUPTED.clear()


def _run_returning(monkeypatch: pytest.MonkeyPatch, code: int, interrupted: bool) -> None:
    def main() -> int:
        if interrupted:
            INTERRUPTED.set()
        return code

    monkeypatch.setattr(cli, "main", main)
    cli.run()


def test_an_interrupted_run_exits_past_the_shutdown(monkeypatch: pytest.MonkeyPatch, exits: list[int]) -> None:
    with pytest.raises(_ExitedNow):
        _run_returning(monkeypatch, 130, interrupted=True)
    assert exits == [130]


def test_a_step_thread_left_running_exits_past_the_shutdown(monkeypatch: pytest.MonkeyPatch,
                                                            exits: list[int]) -> None:
    from engine.tfidf import STEP_THREAD

    release = threading.Event()
    helper = threading.Thread(target=release.wait, name=STEP_THREAD, daemon=True)  # as a LAPACK call still running
    helper.start()
    try:
        with pytest.raises(_ExitedNow):
            _run_returning(monkeypatch, 130, interrupted=False)
    finally:
        release.set()
        helper.join()
    assert exits == [130]


def test_other_exits_stay_the_interpreters(monkeypatch: pytest.MonkeyPatch, exits: list[int]) -> None:
    with pytest.raises(SystemExit) as done:
        _run_returning(monkeypatch, 0, interrupted=False)
    assert done.value.code == 0 and exits == []


def test_with_ray_imported_its_exit_hooks_run(monkeypatch: pytest.MonkeyPatch, exits: list[int]) -> None:
    monkeypatch.setitem(sys.modules, "ray", object())
    with pytest.raises(SystemExit) as done:
        _run_returning(monkeypatch, 130, interrupted=True)
    assert done.value.code == 130 and exits == []
