"""A read-only app follows the journal the other app writes, and takes it over once that app quits.

A mixin of ``TextauditApp`` (which supplies ``book``, ``journal_path``, the screen stack and the poll that calls
``_check_journal`` every ``JOURNAL_POLL_S``). Workers here post messages only; the handlers below, on the UI thread,
change the book (tui/decisions_takeover.py for the takeover). The poll's reads run in a worker too
(``poll_journal``). The app that writes the journal watches, on the same poll, that its file is still the one at the
path (``_watch_journal``).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message
from textual.worker import WorkerState

from engine.journal_tail import Handover
from engine.paths import shell_word
from tui.decisions_takeover import Refused, other_file_words, replaced_words, writer_replaced_words
from tui.messages import JournalRefused, JournalReread, JournalTail, WorkFailed


_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


class JournalPolled(Message):
    """What ``poll_journal``'s worker read for ``book``: ``lock``, ``TakeOver.lock_probe``'s answer; ``stat``, a
    read-only journal's (size, mtime) (False: not read); ``warning``, the writer's toast (``_watch_journal``)."""

    def __init__(self, book: Any, lock: Any = None, stat: Any = False, warning: str | None = None) -> None:
        super().__init__()
        self.book, self.lock, self.stat, self.warning = book, lock, stat, warning


class JournalHandover(Message):
    """A read-only app took the journal's lock (its writer quit) and read what it had not replayed yet
    (``DecisionBook.open_writable``): ``DecisionBook.take_handover`` replays it and writes from then. (Here, not in
    tui/messages.py: only this mixin posts and handles it.)"""

    def __init__(self, handover: Any) -> None:
        super().__init__()
        self.handover = handover


class JournalFollow:
    """``TextauditApp``'s part that rereads the journal (read-only) or takes it over (its attributes are the app's)."""

    book: Any
    journal_path: Any
    _taking: Any = None  # write_journal's worker until its answer is handled here (then None)
    _replaced_seen: Any = None  # the stat of the file at the path a writer last found not its own (said once)
    _poll_failed: str | None = None  # why the last poll failed (said once)

    def _check_journal(self) -> None:
        """The poll (every ``JOURNAL_POLL_S``): ``poll_journal`` looks at the files in a worker, one poll at a time
        (a hung network disk leaves one waiting thread, the app answering keys: its stat and compare ran here,
        on the UI thread); ``on_journal_polled`` acts on what it found."""
        if self.book is None or any(worker.group == "journal poll" and worker.state in _BUSY for worker in self.workers):
            return
        self.poll_journal(self.book)

    def _rereading(self) -> bool:
        # one replay at a time: a 220k-line journal takes seconds, and a poll every 2 s started
        # another while the last ran (the file stays 'changed' until a replay is taken)
        rereading = any(worker.group == "journal" and worker.state in _BUSY for worker in self.workers)
        # nor while write_journal's answer waits here: the book notes a lost try only once it is handled
        return rereading or (self._taking is not None and self._taking.state is WorkerState.SUCCESS)

    @work(thread=True, exit_on_error=False, name="journal poll", group="journal poll")
    def poll_journal(self, book: Any) -> None:
        """The poll's reads, off the UI thread: a read-only book's lock file and journal stat, a writer's
        ``_watch_journal``; posted as one ``JournalPolled`` (a failure as ``WorkFailed``, once per message)."""
        try:
            if book.read_only:
                polled = JournalPolled(book, lock=book.lock_probe(), stat=book._stat())
            else:
                polled = JournalPolled(book, warning=self._watch_journal(book))
        except Exception as error:  # noqa: BLE001 - said once (each poll would say it again), as the app's workers do
            if str(error) != self._poll_failed:
                self._poll_failed = str(error)
                self.post_message(WorkFailed("journal check", error))
            return
        self._poll_failed = None
        self.post_message(polled)

    def on_journal_polled(self, message: JournalPolled) -> None:
        """What the poll found, acted on here: the writer's warning said; a read-only book takes the journal over
        where the lock's holder has quit, else rereads it where it changed (not while a replay runs)."""
        if message.warning is not None:
            self.notify(message.warning, severity="warning", timeout=30)
        book = self.book
        if book is None or book is not message.book or not book.read_only or self._rereading():
            return
        if message.lock is not None and book.may_write_now(message.lock):  # the lock's holder has quit
            self._taking = self.write_journal()
        elif message.stat is not False and book.changed_on_disk(message.stat):
            self.reread_journal()

    def _watch_journal(self, book: Any) -> str | None:
        """The writer (in ``poll_journal``'s worker): where the file at the journal's path is no longer the one it
        appends to (deleted, moved, or another file renamed over it: an editor's save, a sync tool, another program),
        the warning to say now, once per file found there, before more rows are decided; it was said only when the
        next decision was refused (review35). Each poll costs an fstat and a stat; a file found there is compared
        with the journal once (``rescue``: where the file written is deleted, its bytes are saved beside the journal
        now, not only at the next decision or the exit, which a killed app never reaches). A byte-for-byte copy says
        nothing: the next append writes to it (``JournalFile``). ``_replaced_seen`` is this worker's (one at a time)."""
        import os

        journal = getattr(book, "journal", None)
        if journal is None or not hasattr(journal, "still_at_path") or journal.still_at_path():
            self._replaced_seen = None
            return None
        try:
            info = os.stat(getattr(journal, "path", self.journal_path), follow_symlinks=False)
            there: Any = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            there = "gone"
        if there == self._replaced_seen:  # said (or a copy found) already
            return None
        self._replaced_seen = there
        if (at := journal.rescue()).kind in ("here", "copy"):
            return None
        return writer_replaced_words(self.journal_path, there != "gone", getattr(at, "saved_in", None),
                                     getattr(at, "rescue_error", None))

    @work(thread=True, exclusive=True, exit_on_error=False, name="journal", group="journal")
    def write_journal(self, held: Any = None) -> None:
        # the lock and the lines not replayed yet, the journal replayed whole, or why not (a third app took it)
        tried = self.book.open_writable(held)
        if isinstance(tried, Refused):
            self.post_message(JournalRefused(tried))
        elif isinstance(tried, Handover):
            self.post_message(JournalHandover(tried))
        else:
            self.post_message(JournalReread(tried))

    @work(thread=True, exclusive=True, exit_on_error=False, name="journal", group="journal")
    def reread_journal(self) -> None:
        try:  # the lines appended since the last read, where the file only grew; else all of it
            tail = self.book.read_tail()
            if tail is not None:
                self.post_message(JournalTail(*tail))
                return
            journal = self.book.open_again()
        except Exception as error:  # noqa: BLE001 - the copy stays; said once (next change retries)
            self.post_message(WorkFailed("journal reread", error))
        else:
            self.post_message(JournalReread(journal))

    def on_journal_tail(self, message: JournalTail) -> None:
        """Replayed here, on the thread that shows the journal: a few lines, as a rule."""
        if self.book is not None and self.book.read_only and self.book.take_tail(message.tail, message.seen):
            self._journal_shown()

    def on_journal_refused(self, message: JournalRefused) -> None:
        """``write_journal`` did not take the journal: the book notes when to try again, or no more."""
        self._taking = None
        if self.book is not None:
            self.book.refused(message.refused)

    def on_journal_handover(self, message: JournalHandover) -> None:
        """``write_journal`` took the lock: the lines the other app wrote since the last poll are replayed here and
        this app writes from now (or reads them again, the lock kept, where a reread was taken meanwhile)."""
        self._taking = None
        if self.book is None or not self.book.read_only:
            message.handover.close()
            return
        taken = self.book.take_handover(message.handover)
        if taken is None:
            self._taking = self.write_journal(message.handover)
        elif isinstance(taken, Refused):
            self.book.refused(taken)
        elif taken:
            self._now_writing()

    def on_journal_reread(self, message: JournalReread) -> None:
        """The other app's decisions show here: lists, totals, the export preview, the exit line."""
        self._taking = None
        if self.book is None or not self.book.read_only:
            message.journal.close()
            return
        followed = getattr(self.book.journal, "file_id", None)
        self.book.take(message.journal)
        if not self.book.read_only:  # write_journal, the whole file replayed
            self._now_writing()
            return
        if followed is not None and getattr(message.journal, "file_id", None) not in (None, followed):
            self.notify(replaced_words(self.journal_path), severity="warning", timeout=20)
        self._journal_shown()

    def _now_writing(self) -> None:
        """The book writes the journal now: the READ-ONLY toast is over, decisions are saved again."""
        self.drop_notices(lambda notice: notice.message.startswith("READ-ONLY"))
        self.notify(f"the other textaudit has quit: this app writes journal {shell_word(self.journal_path.name)} now; "
                    "decisions are saved again", timeout=8)
        if self.book is not None and getattr(self.book.journal, "other_file", False):  # a whole replay of another file
            self.notify(other_file_words(self.journal_path), severity="warning", timeout=20)
        self._journal_shown()

    def _journal_shown(self) -> None:
        self._export_preview()
        refresh = getattr(self.screen, "refresh_decisions", None) or getattr(self.screen, "fill_table", None)
        if refresh is not None and self.screen.is_mounted:
            refresh()

    def _export_preview(self) -> None:
        """An open export dialog counts the decisions as last read (it waits for them after ``e``)."""
        from tui.screens.export_dialog import ExportDialog

        for screen in self.screen_stack:
            if isinstance(screen, ExportDialog) and self.book is not None:
                screen.set_counts(self.book.counts())
