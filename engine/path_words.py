"""Paths in messages and notes as one shell word (engine/paths.shell_word): a dataset's source, an OSError's file."""

from __future__ import annotations

import os

from engine.paths import IN_MEMORY, shell_word

#: How a re-audit names its data: the data's source and the journal's name (engine/reaudit.py).
REAUDIT_JOIN = " + "


def source_word(source: str | os.PathLike[str]) -> str:
    """A dataset's ``source`` as a message names it: a file, a folder or ``hf:NAME`` as one shell word; data from
    memory ('<DataFrame>') as it is; a re-audit's 'DATA + JOURNAL', which no file is named, as those two words."""
    text = os.fspath(source)
    if text in IN_MEMORY:
        return text
    data, join, journal = text.rpartition(REAUDIT_JOIN)
    if join and data and not os.path.lexists(os.path.expanduser(text)):
        return f"{source_word(data)}{REAUDIT_JOIN}{shell_word(journal)}"
    return shell_word(text)


def os_reason(exc: BaseException) -> str:
    """``exc``'s words, with the file an OSError names as one shell word ('Permission denied: '/x/my cache/v3''):
    ``str(exc)`` writes Python's repr of the name ('\\x1b', '\\n' as letters: not the file to paste)."""
    if not isinstance(exc, OSError) or exc.filename is None:
        return str(exc) or type(exc).__name__
    named = shell_word(os.fsdecode(exc.filename))
    if exc.filename2 is not None:
        named += f" -> {shell_word(os.fsdecode(exc.filename2))}"
    return f"{exc.strerror or type(exc).__name__}: {named}"
