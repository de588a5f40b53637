"""Integers of any size in the user's files (README: 'integers of any size').

Python 3.11+ refuses to turn an integer of over 4,300 digits into text or back (``int('9' * 5000)``,
``json.loads``, ``str(n)``: 'Exceeds the limit (4300 digits)'), a guard for servers parsing untrusted input.
textaudit reads the user's own files, so :func:`any_size_ints` lifts the limit while a file is read,
checked or written and restores it after. The limit is one per interpreter, not per thread: a count of the
threads inside (under a lock) lifts it on the first entry and restores it on the last exit, so a worker
thread's read never restores the limit under another's export. Code running in another thread meanwhile
sees no limit, which costs it only the guard, never a result."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_inside = 0
_saved = 0


@contextmanager
def any_size_ints() -> Iterator[None]:
    """Integers of any number of digits convert to and from text inside (a decorator as well)."""
    global _inside, _saved
    if not hasattr(sys, "set_int_max_str_digits"):  # Python before 3.11: no limit at all
        yield
        return
    with _LOCK:
        if _inside == 0:
            _saved = sys.get_int_max_str_digits()
            sys.set_int_max_str_digits(0)
        _inside += 1
    try:
        yield
    finally:
        with _LOCK:
            _inside -= 1
            if _inside == 0:
                sys.set_int_max_str_digits(_saved)
