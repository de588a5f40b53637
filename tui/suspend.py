"""ctrl+z: stop the app's whole job, as the terminal's own ^Z does, or say why nothing could resume it.

Textual takes ^Z from the terminal as a key, and its suspend action stops the app's process alone. Where
a script ran textaudit (``run.sh`` from an interactive shell: the script and the app are one job), the
script kept waiting on the stopped app and the shell never got the terminal back: a blank screen until a
second ^Z (walk36). And where the app's process group leads its session (``bash -c 'cd d; textaudit ...;
echo'`` in tmux or over ``ssh -t``, no job-control shell above it) it stopped with nothing to ``fg`` it
back. Now the whole process group is stopped, as the terminal's ^Z stops it, and where no shell could
resume it ctrl+z is refused with a notice.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

#: Said where no shell with job control started the app (its process group leads the session).
NO_JOB_CONTROL = ("ctrl+z: no shell with job control started textaudit here, so nothing could bring it back "
                  "(fg); q quits, every decision is already saved")


def no_job_control() -> bool:
    """True where the app's process group leads its session: a job-control shell runs each job in a group of
    its own, never in the session leader's."""
    try:
        return os.getpgrp() == os.getsid(0)
    except OSError:  # no session to ask about: leave ctrl+z to the terminal as before
        return False


def suspend_job(app: App) -> None:
    """Leave application mode, stop every process of the app's group (SIGTSTP, default action: the app stops
    before the call returns), and on ``fg`` (SIGCONT) take the terminal back; a notice where no shell
    could resume it. Textual's own SIGTSTP handler is set aside meanwhile (it would stop this process only)."""
    from textual.app import SuspendNotSupported

    if not hasattr(os, "killpg") or app.is_web or app.is_headless:  # Windows, serve, a test: Textual did nothing
        return
    if no_job_control():
        app.notify(NO_JOB_CONTROL, severity="warning", timeout=8)
        return
    try:
        with app.suspend():
            previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
            try:
                os.killpg(os.getpgrp(), signal.SIGTSTP)
            finally:
                signal.signal(signal.SIGTSTP, previous)
    except SuspendNotSupported:  # a driver that cannot (Textual's own check)
        pass
