"""Ctrl+C pressed again while the first one's stop runs (hostile42).

Four SIGINTs 3 ms apart to a 600k-row ``textaudit export``: 3 of 25 runs printed 'textaudit: interrupted',
then a KeyboardInterrupt traceback from handled_interrupts' exit and died of the signal (no exit 130); raised
in the cleanup it could stop a temporary file's removal. The second signal now raises nothing; the third
ends the process at once, with one line and exit 130."""

from __future__ import annotations

import os
import signal

import pytest

from tui import interrupts
from tui.interrupts import INTERRUPTED, handled_interrupts


class _Exited(BaseException):
    pass


def _again(signum: int = signal.SIGINT) -> None:
    """A signal after the first: a KeyboardInterrupt from it is a failure (not pytest's own stop)."""
    try:
        signal.raise_signal(signum)
    except KeyboardInterrupt:
        pytest.fail("an interrupt after the first raised KeyboardInterrupt again")


@pytest.fixture
def exits(monkeypatch):
    codes: list[int] = []
    written: list[bytes] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        raise _Exited

    def fake_write(fd: int, data: bytes) -> int:
        written.append(data)
        return len(data)

    monkeypatch.setattr(interrupts.os, "_exit", fake_exit)
    monkeypatch.setattr(interrupts.os, "write", fake_write)
    yield codes, written
    INTERRUPTED.clear()


def test_second_interrupt_in_the_cleanup_raises_nothing(exits):
    codes, written = exits
    cleaned = False
    with handled_interrupts():
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            _again()  # pressed again while the stop cleans up
            cleaned = True
    assert cleaned and INTERRUPTED.is_set()
    assert codes == [] and written == []


def test_third_interrupt_stops_at_once(exits):
    codes, written = exits
    with handled_interrupts():
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        _again(signal.SIGTERM)  # a second, ignored, of either kind
        with pytest.raises(_Exited):
            signal.raise_signal(signal.SIGINT)
    assert codes == [130]
    assert written == [b"textaudit: interrupted again; stopped at once\n"]


def test_a_new_run_starts_counting_again(exits):
    codes, _ = exits
    for _ in range(2):  # two in-process runs, one interrupt and one repeat each: neither stops at once
        with handled_interrupts():
            with pytest.raises(KeyboardInterrupt):
                signal.raise_signal(signal.SIGINT)
            _again()
    assert codes == []


def test_a_forked_helper_still_raises(monkeypatch, exits):
    with handled_interrupts():
        monkeypatch.setattr(interrupts, "_main_pid", os.getpid() + 1)  # as in a forked helper process
        INTERRUPTED.set()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
