"""Standard streams the shell closed (``textaudit audit d.csv >&-``)."""

from __future__ import annotations

import os

from engine.errors import DataError


def reopen_closed_std_fds() -> set[int]:
    """Point closed descriptors 0-2 at /dev/null and return them. Left closed, the next file
    opened takes the number: a cache or export file opened as 1 would be where stdout writes."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
    if closed:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in closed - {null}:
            os.dup2(null, fd)
        if null not in closed:
            os.close(null)
    return closed


def refuse_closed_stdout(closed: set[int], command: str | None, issues_out: str | None = None) -> None:
    """``audit`` prints its report on stdout: a closed one printed nothing anywhere, exit 0.
    With ``--issues-out`` the table is what the run is for: it is written, the report dropped."""
    if 1 in closed and command == "audit" and not issues_out:
        raise DataError("stdout is closed: nowhere to print the report (redirect it to a file or /dev/null)")
