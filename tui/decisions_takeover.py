"""A read-only ``DecisionBook`` whose journal's lock holder has quit becomes the journal's writer (s31).

Over SSH a dropped connection leaves the old app ~2 s to exit on SIGHUP; a user who reopened within them found
the journal locked and stayed read-only for the whole session, the other app long gone (closing-s30). The app's
poll (tui/app_journal.py ``_check_journal``) asks ``may_write_now``; ``open_writable`` (in a worker) takes the lock
first and reads under it what the book's journal has not replayed yet (engine/journal_tail.py ``handover_tail``:
the lines the quitting app wrote after the last poll), so that they are in it exactly once; ``take_handover`` then
replays them and makes the book its writer, on the UI thread, as ``refused`` notes a try that failed (the worker
changes nothing in the book). Where the file is not the one followed (replaced, cut, rewritten) or the lines are
more than ``HANDOVER_LINES_ON_UI``, the whole file is replayed under the lock in the worker, as before (s31: 8-9 s at
215,600 lines, read-only meanwhile; the tail takes milliseconds), and ``take`` makes the book its writer. Only a
book read-only because of the lock takes it: not one whose journal matches another dataset, cannot be written
there, or is shared with the holder's other data file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from engine.paths import shell_word

#: A try lost while the lock file names a quit holder is made again after this many seconds, the file unchanged: a
#: holder on another machine (an NFS home over SSH: its number names no process here) releases the lock without
#: writing it. The polls between follow the journal (the app's poll tries or rereads, not both).
RETRY_S = 10.0

#: A takeover replays at most this many lines the quitting app wrote after the last poll on the UI thread; more, the
#: whole journal is replayed under the lock in the worker. The tail's state equals a whole replay's at any length (it
#: is read under the lock, through its descriptor, and its start checked by digest): this bounds only the UI
#: thread's pause. journal33, ~215,600-line journal, bulk groups (AVX2, load 7-9): the tail's UI-thread part took
#: 0.08 s at 5,000 lines, 0.19 s at 10,000, 0.32-0.48 s at 20,000, 1.1 s at 50,000 and 4.3 s at 100,000, where the
#: whole replay left the app read-only for 8.2 s (2,000 lines), 15.3 s (20,000) and 21.3 s (100,000). The follow's
#: cap (tui/decisions.py ``TAIL_LINES_ON_UI``) is the same 20,000 (ui34: 0.32-0.40 s on the UI thread there).
HANDOVER_LINES_ON_UI = 20_000


def other_file_words(path: Any) -> str:
    """The warning where the journal taken over is not the file this app followed: replaced (an editor's save, a copy
    moved over it), rewritten or cut while the other app held it. The takeover replays the file there whole, and the
    lists change to its decisions; it said only 'decisions are saved again' (review35)."""
    return (f"journal {shell_word(str(path))} is not the file this app was following: it was replaced, rewritten or "
            "cut since it was last read here; the decisions shown now are that file's, and this app writes to it")


def replaced_words(path: Any) -> str:
    """The warning where a read-only app's reread found another file at the journal's path (an editor's save, a copy
    moved over it): its lists changed to that file's decisions without a word (review35)."""
    return (f"journal {shell_word(str(path))} was replaced on disk (another file is at its path now): the decisions "
            "shown now are that file's")


def writer_replaced_words(path: Any, other: bool, saved_in: Any = None, rescue_error: str | None = None) -> str:
    """The warning where the file at the journal's path is no longer the one this app writes (``other``: another file
    is there; else none; ``saved_in``: where the deleted file's bytes were saved; ``rescue_error``: why they could
    not be, said: 'the exit line says where' read as if nothing had been tried): said by the poll, before the next
    decision is refused (review35)."""
    what = ("was replaced on disk (another file is at its path now, not the one this app writes)" if other
            else "was deleted or moved away")
    saved = shell_word(str(saved_in))
    where = (f"the decisions its deleted file held are saved in {saved}; quit" if saved_in is not None else
             f"the decisions its deleted file held could NOT be saved ({rescue_error}); make room for them, "
             "then quit (the exit line tries again)" if rescue_error else
             "quit (the exit line says where this session's decisions are)")
    return (f"journal {shell_word(str(path))} {what}: a decision made now will NOT be saved; {where} and reopen to "
            "write a journal there, or choose one with --journal")


@dataclass(frozen=True)
class Refused:
    """``open_writable``'s answer where it did not take the journal; ``TakeOver.refused`` applies it."""

    stamp: Any = False  # lost to a holder: the lock file's stamp then (tried again once it changes, or RETRY_S on)
    at: float | None = None  # when (time.monotonic) that try was lost; None: no try was lost
    stop: bool = False  # it cannot be written there, or is another dataset's: no more tries


class TakeOver:
    """``DecisionBook``'s part that takes the journal over, and says why it is read-only until then (its
    attributes are the book's)."""

    read_only: bool
    lock_wait: bool  # read-only because another app held the lock (DecisionBook.open)
    lock_tried: Any  # the lock file's stamp when taking it last failed
    tried_at = 0.0  # when (time.monotonic) taking it last failed
    journal: Any
    path: Any
    problem: str | None
    session_start: str
    seen: Any
    _show_all: Any  # DecisionBook's
    _stat: Any

    def may_write_now(self, probe: tuple[bool, Any] | None = None) -> bool:
        """Read-only because of the lock, whose holder has quit (engine.journal_holder.holder_quit): the app's poll
        then tries ``open_writable``. ``probe``: ``lock_probe``'s answer, read by the poll's worker (None: read here)."""
        if not (self.read_only and self.lock_wait and self.journal is not None):
            return False
        quit_, stamp = probe if probe is not None else self.lock_probe() or (False, None)
        if not quit_:
            self.lock_tried = False  # a holder that runs (a third app that won the lock): try once it quits
            return False
        # not again at once where the lock file names the same quit one (a lock held without its number)
        return stamp != self.lock_tried or time.monotonic() - self.tried_at >= RETRY_S

    def lock_probe(self) -> tuple[bool, Any] | None:
        """Whether the lock's holder has quit (``holder_quit``) and, if so, the lock file's stamp now; None where the
        book waits for no lock. Reads the lock file only, changing nothing: the app's poll runs it in a worker (a hung
        network disk froze the app there) and hands it to ``may_write_now``."""
        from engine.journal_holder import data_path, holder_quit, lock_stamp

        journal = self.journal
        if not (self.read_only and self.lock_wait and journal is not None):
            return None
        quit_ = holder_quit(self.path, data_path(getattr(journal.dataset, "source", "")))
        return quit_, lock_stamp(self.path) if quit_ else None

    def open_writable(self, held: Any = None) -> Any:
        """The journal opened to write (runs in a worker, changing nothing here): the lock taken first, then what the
        book's journal has not replayed yet read under it, an ``engine.journal_tail.Handover`` for
        ``take_handover``. Where only a whole replay tells the state (the file not the one followed), or the tail
        is more than ``HANDOVER_LINES_ON_UI`` lines, the whole file replayed under the lock: a ``Journal`` for
        ``take``. Either way whatever the quitting app wrote last is in it exactly once. A ``Refused`` where a third
        app took the lock (read-only still, quietly) or it cannot be written (no more tries): ``refused`` notes it.
        ``held``: a handover ``take_handover`` did not take (the journal shown changed meanwhile, or the file locked is
        no longer the one at the path), read again."""
        from engine.corrections import Journal, JournalLocked
        from engine.journal_holder import lock_stamp

        stamp, shown = lock_stamp(self.path), self.journal
        if shown is None:
            if held is not None:
                held.close()
            return Refused()
        try:
            handover = shown.hand_over(held.file if held is not None else None)
        except JournalLocked:
            # the poll follows the journal again, and tries once the lock file changes or RETRY_S on
            return Refused(stamp, time.monotonic())
        except Exception:  # noqa: BLE001 - it cannot be written there: no more tries, the book's line stays
            return Refused(stop=True)
        moved = not handover.file.still_at_path()  # renamed over since the lock: the file there now is read
        if handover.tail is not None and sum(map(len, handover.tail.groups)) <= HANDOVER_LINES_ON_UI and not moved:
            return handover  # replayed on the UI thread, a few lines as a rule (the last poll's since)
        # the whole file, under the lock already taken: a third app cannot take it between; where the journal was
        # renamed over since the lock, the file at the path then (JournalFile.reopen, the lock kept): the file moved
        # away, held, refused every append until a restart
        try:
            journal = Journal.open(self.path, shown.dataset, read_only=False, held=handover.file)
        except Exception:  # noqa: BLE001 - as above
            return Refused(stop=True)
        if self.journal is None or (journal.unapplied and not journal.decisions()):  # closed meanwhile (the app
            journal.close()  # quit), or another dataset's journal, as open() says
            return Refused(stop=True)
        journal.other_file = handover.other or moved  # the app says so (other_file_words): its lists change wholesale
        return journal

    def take_handover(self, handover: Any) -> bool | Refused | None:
        """``open_writable``'s handover taken, on the UI thread: its tail replayed into the journal shown and this
        book its writer from now (True). None where the journal shown no longer ends where the tail begins (a
        reread taken meanwhile, or the journal renamed over since): ``open_writable(handover)`` reads it again, the
        lock kept. A ``Refused`` for another dataset's journal (as ``DecisionBook.open`` says; the lock released).
        False: the book was closed meanwhile (the app quit); the lock released."""
        journal = self.journal
        if journal is None:
            handover.close()
            return False
        if handover.tail is None or not handover.file.still_at_path() or not journal.apply_tail(handover.tail):
            return None  # (renamed over since the worker looked: open_writable(handover) opens the one there now)
        if journal.unapplied and not journal.decisions():  # another dataset's journal: followed, not written
            handover.close()
            self._show_all()
            return Refused(stop=True)
        if not journal.take_over(handover):  # (apply_tail brought it to the tail's end: not expected)
            return None
        self.become_writer(journal)
        self.seen = self._stat()
        self._show_all()
        return True

    def refused(self, refusal: Refused) -> None:
        """Note ``open_writable``'s ``refusal`` (on the UI thread): when to try again, or no more tries."""
        if refusal.stop:
            self.lock_wait = False
        elif refusal.at is not None:
            self.lock_tried, self.tried_at = refusal.stamp, refusal.at

    def become_writer(self, journal: Any) -> bool:
        """``journal`` from ``open_writable``: this book writes it from now (False: the book was closed meanwhile, as
        the app quit; ``journal`` is closed)."""
        if self.journal is None:
            journal.close()
            return False
        from engine.journal_format import utc_now

        # decisions stamped before now, the other app's too, are an earlier session's to undo's line
        self.read_only, self.problem, self.lock_wait, self.session_start = False, None, False, utc_now()
        return True

    def _read_only_why(self) -> str | None:
        """``problem`` with the lock's holder as it is now (quit since, or another), and its data file where another."""
        problem = self.problem
        if not problem or self.journal is None or "is already open in another textaudit (process" not in problem:
            return problem
        from engine.journal_holder import data_path, holder_data, holder_now, other_data_words

        path = self.journal.path
        if (holder := holder_now(path)) is None:
            return problem
        pid, running = holder
        held, data = holder_data(path), data_path(getattr(self.journal.dataset, "source", ""))
        other, done = other_data_words(held, data), "; decisions made here are not saved"
        if running:
            return f"READ-ONLY: journal {shell_word(str(path))} is already open in another textaudit (process {pid}){other}{done}"
        why = " has quit: quit and reopen this one to write to it"
        if self.lock_wait and not other:  # the app's poll takes it over (may_write_now, above)
            why = " has quit: this app takes the journal over within seconds"
            done = "; decisions made until then are not saved"
        if other:  # reopened, this one would write its decisions to the other file's journal
            why = (f" on another data file, {shell_word(str(held))}, has quit (this one: {shell_word(str(data))}): two data files share this journal; "
                   "give this one its own with --journal PATH")
        return f"READ-ONLY: the textaudit that held journal {shell_word(str(path))} (process {pid}){why}{done}"
