"""What another thread sees of a call that should let Python's GIL go: the source lines the calling thread
stands on each time a watcher thread gets the GIL (no timing; forced switches off meanwhile)."""

from __future__ import annotations

import linecache
import sys
import threading
import time
from collections.abc import Callable
from typing import Any


def lines_seen_during(call: Callable[..., Any], *args: Any) -> list[str]:
    """Run ``call(*args)`` in this thread while a watcher records ``'<function>: <source line>'`` of this thread
    whenever it gets the GIL; the switch interval is raised so the watcher runs only where the call lets go."""
    caller = threading.get_ident()
    stop = threading.Event()
    lines: list[str] = []

    def watch() -> None:
        while not stop.is_set():
            frame = sys._current_frames().get(caller)
            if frame is not None:
                lines.append(f"{frame.f_code.co_name}: {linecache.getline(frame.f_code.co_filename, frame.f_lineno)}")
            time.sleep(0.001)  # gives the GIL up each turn (a sleep, not a timing)

    before = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)  # no forced switch: the watcher runs only while the call lets go
    watcher = threading.Thread(target=watch, daemon=True)
    try:
        watcher.start()
        call(*args)
    finally:
        stop.set()
        sys.setswitchinterval(before)
        watcher.join()
    return lines
