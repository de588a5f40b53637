"""Ctrl+C and SIGTERM for the CLI: one flag the audit takes as its ``cancel``, and the handlers.

SIGINT and SIGTERM end textaudit alike (cleanup, one line, exit 130). The handler sets
:data:`INTERRUPTED` and raises KeyboardInterrupt; a signal that lands in a destructor
(``ZipFile.__del__`` while torch loads the model, as one CI run had it) has that exception
swallowed by Python, so the flag, passed to the pipeline as its cancel event, stops the audit at its
next cancel check instead.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTED = threading.Event()
_main_pid = os.getpid()
_repeats = [0]  # signals that came after the first, while its stop runs
#: A third signal (Ctrl+C pressed twice more) ends the process at once: the stop the first asked for is stuck.
AT_ONCE = 2
AT_ONCE_LINE = b"textaudit: interrupted again; stopped at once\n"


def _interrupt(signum, frame) -> None:
    """Set the flag and raise KeyboardInterrupt in textaudit's own process.

    Forked helper processes (multiprocessing pools in libraries) inherit this handler; on SIGTERM
    they must die quietly as SIGTERM intends, not print a KeyboardInterrupt traceback.

    A second signal while the first one's stop runs (Ctrl+C pressed twice) raises nothing: raised in
    the cleanup or after the 'interrupted' line (in handled_interrupts' exit), it ended the process
    with a KeyboardInterrupt traceback and no exit 130 (3 of 25 exports of 600k rows given four
    SIGINTs 3 ms apart, hostile42), and could stop a temporary file's removal. The one after that
    writes one line and exits 130 at once, for a stop that does not come (a first interrupt
    swallowed in a destructor, far from the next cancel check).
    """
    if os.getpid() != _main_pid:
        if signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt
    if INTERRUPTED.is_set():
        _repeats[0] += 1
        if _repeats[0] >= AT_ONCE:
            try:  # stderr may be a pipe whose reader is gone ('2>&1 | head', Ctrl+C ended head too): exit anyway
                os.write(2, AT_ONCE_LINE)
            except OSError:
                pass
            os._exit(130)
        return
    INTERRUPTED.set()
    raise KeyboardInterrupt


def _quiet_unraisable(unraisable) -> None:
    """Drop the "Exception ignored" traceback of an interrupt that landed in a destructor (the
    audit stops at its next cancel check instead); print every other one as Python would."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt) and INTERRUPTED.is_set():
        return
    sys.__unraisablehook__(unraisable)


@contextmanager
def handled_interrupts() -> Iterator[threading.Event]:
    """Install the handlers (main thread only) for the block; hand the previous ones back after,
    so an in-process caller (a test) gets its own again. Yields :data:`INTERRUPTED`, cleared."""
    global _main_pid
    _main_pid = os.getpid()
    INTERRUPTED.clear()
    _repeats[0] = 0
    saved_hook, saved_handlers = sys.unraisablehook, {}
    sys.unraisablehook = _quiet_unraisable
    try:
        for signum in (signal.SIGTERM, signal.SIGINT):
            saved_handlers[signum] = signal.signal(signum, _interrupt)
    except ValueError:  # not the main thread
        pass
    try:
        yield INTERRUPTED
    finally:
        sys.unraisablehook = saved_hook
        for signum, handler in saved_handlers.items():
            signal.signal(signum, handler)


@contextmanager
def hangup_interrupts(active: bool) -> Iterator[None]:
    """While ``active`` (``audit``, ``export``), the SIGHUP of a dropped SSH session ends the command as
    SIGTERM does (cleanup: no temporary or half-written file, one line, exit 130); it killed it
    outright. A SIGHUP ignored (``nohup``) stays ignored; the app and ``serve`` keep the default
    (they end when their terminal or input closes)."""
    hangup = getattr(signal, "SIGHUP", None)  # not on Windows
    saved = None
    if active and hangup is not None:
        try:
            if signal.getsignal(hangup) == signal.SIG_DFL:
                saved = signal.signal(hangup, _interrupt)
        except ValueError:  # not the main thread
            pass
    try:
        yield
    finally:
        if saved is not None:
            signal.signal(hangup, saved)


@contextmanager
def flag_only() -> Iterator[None]:
    """While the Textual app runs, SIGTERM / SIGINT only set :data:`INTERRUPTED`; the app polls it
    and quits through its own shutdown (exit 130). A KeyboardInterrupt raised inside its event
    loop skipped that shutdown: the terminal stayed in the app's modes and the interpreter hung
    at exit joining the app's input thread, until a second SIGTERM killed it (exit 143; tmux,
    SIGTERM during a 100k-row export, 2 of 3 runs).

    SIGHUP (a dropped SSH session, a closed terminal) does the same unless ignored (``nohup``): it
    killed the app outright, so an audit running in it lost the vectors of the texts it had
    embedded (AG News, 3,144 of 7,600 after 49 s: the cache folder held none)."""

    def _flag(signum, frame) -> None:
        if os.getpid() != _main_pid:  # a forked helper: as before
            _interrupt(signum, frame)
        INTERRUPTED.set()

    saved: dict[int, object] = {}
    hangup = getattr(signal, "SIGHUP", None)  # not on Windows
    try:
        for signum in (signal.SIGTERM, signal.SIGINT):
            saved[signum] = signal.signal(signum, _flag)
        if hangup is not None and signal.getsignal(hangup) == signal.SIG_DFL:  # nohup's SIG_IGN stays
            saved[hangup] = signal.signal(hangup, _flag)
    except ValueError:  # not the main thread (a test running the app in a thread)
        pass
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
