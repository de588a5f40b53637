"""The line printed after the app closes: what the session left on disk (tui/decisions.py's ``farewell``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from engine.paths import shell_word
from engine.wording import counted

if TYPE_CHECKING:
    from tui.decisions import DecisionBook


def farewell_line(book: DecisionBook, path: Path) -> str:
    """What ``book``'s session left in the journal at ``path``: all its decisions, some (an older copy put over
    it) or none (deleted or moved), and where a rescue copy went."""
    path = shell_word(str(path))  # 'my data.corrections.jsonl' quoted, to paste into a shell as one word (fix40c)
    decided = int(np.count_nonzero(book.codes))
    rows = f"{counted(decided, 'row')} decided"
    if book.read_only:
        return f"textaudit: nothing saved ({book.problem or 'read-only'}); {rows} in {path}"
    steps = f" and {counted(book.steps_this_session, 'undo/redo step')}" if book.steps_this_session else ""
    saved = counted(book.saved_this_session, "decision")
    at = book.journal_at if book.journal is None else book.journal.at_path()
    kind = getattr(at, "kind", "here")
    if kind in ("here", "copy"):  # a copy byte for byte (an editor's or a sync tool's save) holds them all
        return f"textaudit: saved {saved}{steps} this session; {rows} in all, in {path}"
    if kind == "longer":
        return (f"textaudit: saved {saved}{steps} this session, in {path}; it was replaced while the app was "
                "open by a copy that holds them and lines this app did not write")
    one = book.saved_this_session == 1 and not steps  # "the 1 decision ... is", "a moved file holds it"
    them, they_are, are = ("it", "it is", "is") if one else ("them", "they are", "are")
    held = f"the file that held {them} was deleted" if at.deleted else f"a moved file holds {them}"
    rescued, failed = getattr(at, "saved_in", None), getattr(at, "rescue_error", None)
    rescued = shell_word(str(rescued)) if rescued else rescued
    after = (f"; {they_are} saved in {rescued}: open or export it with --journal {rescued}" if rescued else
             f"; {'it' if one else 'they'} could NOT be saved beside {'the journal' if one else 'it'}: {failed}"
             if failed else "")
    if kind == "part":
        return (f"textaudit: the journal {path} was replaced while the app was open by an older copy: some of "
                f"the {saved}{steps} saved this session {are} NOT in it ({held}){after}")
    if not book.saved_this_session:  # its earlier sessions' decisions saved all the same (rescue: lead, s37)
        kept = (f"; the decisions it held are saved in {rescued}: open or export it with --journal {rescued}"
                if rescued else f"; the decisions it held could NOT be saved beside it: {failed}" if failed else "")
        return (f"textaudit: the journal {path} was deleted, moved or replaced while the app was open; no "
                f"decision had been saved this session before that{kept}")
    return (f"textaudit: the journal {path} was deleted, moved or replaced while the app was open: "
            f"the {saved} saved this session before that {are} NOT in it ({held}){after}")
