"""Messages the TUI's workers and widgets post; handlers (never workers) change the UI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.message import Message

from engine.errors import TextauditError


def readable(error: BaseException) -> str:
    """One line for the user: the engine's own message, or the exception's type and text."""
    if isinstance(error, TextauditError):
        return error.message
    if isinstance(error, MemoryError):
        return "out of memory"
    return f"{type(error).__name__}: {error}"


def export_failure(output: Path | str, error: BaseException) -> str:
    """A failed export in one wording, the toast's and the exit line's: 'export to PATH failed: REASON', the path
    named once (where the reason names it, 'cannot write PATH: No space left on device', it says 'it' there). The
    toast said 'export failed: REASON', with no path where the reason had none; the exit line said that, or 'the
    export to PATH failed: REASON' (two wordings, stop 51)."""
    path = str(output)
    named = re.compile(r"(?<![^\s(])(?:--output )?(['\"]?)" + re.escape(path)  # not in a longer path: nothing
                       + r"\1(?=[\s:;,)]|$)")  # of a name before it ('/home/u/out.csv' for out.csv) nor after it
    reason = named.sub("it", readable(error), count=1)
    from engine.paths import shell_word

    return f"export to {shell_word(path)} failed: {reason.removeprefix('it: ')}"  # quoted as the exit line's paths


class AuditProgress(Message):
    """A pipeline stage reported progress (posted from the audit thread); ``reused``: the embedding's
    texts whose vectors were reused from the cache, not counted in done/total (Progress.reused)."""

    def __init__(self, stage: str, done: int, total: int, text: str = "", reused: int = 0) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total
        self.text = text
        self.reused = reused

    def can_replace(self, message: Message) -> bool:
        """A newer report of the same stage supersedes an unprocessed older one."""
        return type(message) is type(self) and message.stage == self.stage


class AuditNotice(Message):
    """The loaded data says something worth knowing before the audit's minutes (Progress.notice): not
    replaceable, unlike a progress report."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AuditFinished(Message):
    """The audit worker produced a result, the view of its rows and the journal replayed against
    it (``DecisionBook.open``'s book and messages), all built in the worker."""

    def __init__(self, result: Any, view: Any = None, opened: Any = None) -> None:
        super().__init__()
        self.result = result
        self.view = view
        self.opened = opened


class AuditCancelled(Message):
    """The audit stopped because the user cancelled it; ``kept``: texts whose vectors the cache kept
    from an embedding cancelled midway (the next start encodes only the rest)."""

    def __init__(self, kept: int = 0) -> None:
        super().__init__()
        self.kept = kept


class WorkFailed(Message):
    """A worker failed; ``what`` names the work ('audit', 'export', 'order'); ``output``: an export's path."""

    def __init__(self, what: str, error: BaseException, output: Path | None = None) -> None:
        super().__init__()
        self.what = what
        self.error = error
        self.output = output


class ExportFinished(Message):
    """The export worker wrote the corrected file."""

    def __init__(self, summary: Any) -> None:
        super().__init__()
        self.summary = summary


class OrderReady(Message):
    """A row screen's order worker computed the entries to show for ``request``."""

    def __init__(self, request: Any, order: Any) -> None:
        super().__init__()
        self.request = request
        self.order = order


class SimilarReady(Message):
    """The similarity worker found the rows nearest to a row or a typed text."""

    def __init__(self, request: Any, rows: Any, sims: Any, index: Any) -> None:
        super().__init__()
        self.request = request
        self.rows = rows
        self.sims = sims
        self.index = index


class ReauditProgress(AuditProgress):
    """The re-audit worker reports a stage's progress (handled by ``on_reaudit_progress``)."""


class ReauditFinished(Message):
    """The re-audit with the journal's corrections finished (``engine.reaudit.Reaudit``)."""

    def __init__(self, reaudit: Any) -> None:
        super().__init__()
        self.reaudit = reaudit


class ReauditStopped(Message):
    """The re-audit was cancelled (``error`` None) or failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        super().__init__()
        self.error = error


class JournalReread(Message):
    """A read-only app read the journal again (another app writes it): ``journal`` replaces its copy."""

    def __init__(self, journal: Any) -> None:
        super().__init__()
        self.journal = journal


class JournalRefused(Message):
    """A read-only app did not take the journal over (``DecisionBook.open_writable``): ``refused`` says when to try
    again, or not to."""

    def __init__(self, refused: Any) -> None:
        super().__init__()
        self.refused = refused


class JournalTail(Message):
    """A read-only app read what the other app appended to the journal (``DecisionBook.read_tail``)."""

    def __init__(self, tail: Any, seen: Any) -> None:
        super().__init__()
        self.tail = tail
        self.seen = seen
