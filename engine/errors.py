"""Errors the engine raises on purpose: each carries one readable line and an exit code."""

from __future__ import annotations

from typing import Any

#: Exit codes of the ``textaudit`` command.
EXIT_OK = 0
EXIT_DATA = 1  # the data (or a cache/journal file) is wrong or unreadable
EXIT_USAGE = 2  # the command line is wrong
EXIT_CANCELLED = 130  # interrupted by the user


#: Ends the note of a check that failed for a reason of this run, not of the data (memory, the file
#: system, a module, a bug: engine/issue_managers.CheckFailed): an audit holding such a note is not
#: cached (engine/stage_runner.StageRunner.cached, tui/cli's result index), so the next run checks again.
#: A cached 'outlier not checked: Unable to allocate 3.2 GiB' came back on every later run.
NOT_CACHED = " (a failure of this run, not of the data: not cached, the next run checks again)"


class TextauditError(Exception):
    """An expected failure with a one-line message for the user."""

    exit_code = EXIT_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DataError(TextauditError):
    """The input data cannot be audited as given."""

    exit_code = EXIT_DATA


class UsageError(TextauditError):
    """The options are wrong (unknown column, bad value, wrong combination)."""

    exit_code = EXIT_USAGE


class Cancelled(TextauditError):
    """The user cancelled a long-running stage."""

    exit_code = EXIT_CANCELLED

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class EmbedCancelled(Cancelled):
    """Cancelled while embedding, with what was encoded by then: ``rows`` (positions in the texts
    given) and their ``vectors``, which the pipeline keeps for the next start (engine/text_vectors)."""

    def __init__(self, rows: Any, vectors: Any, message: str = "embedding cancelled") -> None:
        super().__init__(message)
        self.rows = rows
        self.vectors = vectors
        self.kept = 0  # texts the cache kept (set by the pipeline), said on the shell
