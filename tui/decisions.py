"""The TUI's side of the corrections journal: decisions as numpy arrays the row lists can read.

Every write goes through ``engine.corrections.Journal`` synchronously (a few ms, fsynced), so
a decision is on disk before the key press returns. The arrays mirror the journal's latest
decision per row so a list of a million rows can show decisions without a dict lookup per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from engine.wording import counted
from engine.paths import shell_word
from tui.decisions_history import BookHistory, Outcome
from tui.decisions_labels import BookLabels, unused_class_names
from tui.decisions_takeover import TakeOver

NONE, RELABEL, EXCLUDE, KEEP = 0, 1, 2, 3
ACTION_CODES = {"relabel": RELABEL, "exclude": EXCLUDE, "keep": KEEP}
MARKS = ("", "→", "✗", "✓")  # by code: the decision readable without colour

@dataclass
class Bulk:
    """A group of decisions as columns: ``rows``, the book's action ``codes`` (RELABEL, EXCLUDE,
    KEEP) and class indices ``labels`` (-1 where the action is not relabel)."""

    rows: np.ndarray
    codes: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, items: list[tuple[str, int, int | None]]) -> Bulk:
        for action, _, _ in items:
            if action not in ACTION_CODES:
                from engine.errors import UsageError

                raise UsageError(f"unknown action {action!r}")
        return cls(np.array([int(row) for _, row, _ in items], dtype=np.int64),
                   np.array([ACTION_CODES[action] for action, _, _ in items], dtype=np.int8),
                   np.array([-1 if label is None else int(label) for _, _, label in items], dtype=np.int64))

    def __len__(self) -> int:
        return len(self.rows)


class DecisionBook(TakeOver, BookLabels, BookHistory):
    """Latest decision per row, kept in step with the journal."""

    def __init__(self, journal: Any | None, n_rows: int, classes: list[Any], problem: str | None = None):
        self.journal = journal
        self.journal_at: Any = None  # set by close(): what the file at the path holds of it (JournalFile.at_path)
        self.classes = classes
        #: A saved dataset's ClassLabel names no row holds (unused_class_names) and new classes
        #: (tui/decisions_labels.py): a relabel may name them, as class index len(classes) + i; the
        #: journal writes the name.
        self.extra_labels: list[str] = []
        self.new_labels: set[str] = set()
        self._label_index = {self._key(c): i for i, c in enumerate(classes)}
        self.codes = np.zeros(n_rows, dtype=np.int8)
        self.version = 0  # bumped whenever the arrays may change: a list hiding decided rows checks it
        self.labels = np.full(n_rows, -1, dtype=np.int32)
        # the journal group of each row's current decision: the highest is the one undo takes back
        self.groups = np.full(n_rows, -1, dtype=np.int64)
        from engine.journal_format import utc_now

        self.session_start = utc_now()  # decisions stamped before this came from an earlier session
        self.saved_this_session = 0  # decisions written (undo/redo not counted)
        self.steps_this_session = 0  # undo and redo steps written
        self.problem = problem  # why the journal is missing or read-only
        self.lock_wait = False  # read-only because another app held the lock: write once it quits (open_writable)
        self.lock_tried: Any = False  # the lock file's stamp when taking the lock last failed (a third app had it)
        self.read_only = journal is None or bool(getattr(journal, "read_only", False))
        self.describe_set = None  # multi-label: (row, label_after) -> the set change, set by the app
        #: A read-only book's journal file as it was read (size, mtime): another app may be writing it.
        self.path: Path | None = getattr(journal, "path", None)
        self.seen = self._stat()
        self.replay_owed: Any = None  # set by close(): the dataset to replay a changed journal on (catch_up)
        if journal is not None:
            self._refresh(None)

    @staticmethod
    def _key(value: Any) -> str:
        return str(value)

    @classmethod
    def open(cls, path: Path, dataset: Any) -> tuple[DecisionBook, list[str]]:
        """Open the journal for ``dataset`` (read-only when another instance holds it).

        Returns the book and the messages to show the user (load report, lock, failures).
        """
        from engine.corrections import Journal, JournalLocked, JournalWriteError

        messages: list[str] = []
        locked = False
        try:
            journal = Journal.open(path, dataset, read_only=False)
        except (JournalLocked, JournalWriteError) as exc:
            locked = isinstance(exc, JournalLocked)
            try:
                journal = Journal.open(path, dataset, read_only=True)
            except Exception as again:  # noqa: BLE001
                problem = f"cannot open journal {shell_word(str(path))}: {again}"
                return cls(None, len(dataset), list(dataset.classes), problem), [problem]
            messages.append(f"READ-ONLY: {exc}; decisions made here are not saved")
        except Exception as exc:  # noqa: BLE001 - any journal failure must reach the user as one line
            problem = f"cannot open journal {shell_word(str(path))}: {exc}"
            return cls(None, len(dataset), list(dataset.classes), problem), [problem]
        if not journal.read_only and journal.unapplied and not journal.decisions():
            # not one decision applies: another dataset's journal (the export refuses it too);
            # new decisions appended to it would mix two datasets in one file
            journal.close()
            try:
                journal = Journal.open(path, dataset, read_only=True)
            except Exception as exc:  # noqa: BLE001
                problem = f"cannot open journal {shell_word(str(path))}: {exc}"
                return cls(None, len(dataset), list(dataset.classes), problem), [problem]
            from engine.formats import strip_data_suffix
            from engine.paths import journal_name

            source = Path(str(dataset.source)).resolve()  # relative 'test.csv' has no parent name
            other = path.with_name(journal_name(f"{source.parent.name}-{strip_data_suffix(source.name)}"))
            messages.append(f"READ-ONLY: journal {shell_word(str(path))} does not match this dataset (none of its "
                            f"{counted(journal.unapplied, 'decision')} applies); choose another with --journal, "
                            f"e.g. --journal {shell_word(str(other))}")
        messages.extend(journal.load_report)
        book = cls(journal, len(dataset), list(dataset.classes))
        unused = unused_class_names(dataset)  # first, then the new classes the journal's replay found
        book.extra_labels[:0] = [name for name in unused if name not in book.extra_labels]
        book.new_labels.difference_update(unused)
        if book.read_only and not messages:
            messages.append(f"{shell_word(str(path))} is read-only")
        book.problem = messages[0] if book.read_only else None
        book.lock_wait = locked
        return book, messages

    # -- a read-only book follows the journal another app writes --------------------------------

    def _stat(self) -> tuple[int, int] | None:
        import os

        try:
            info = os.stat(self.path) if self.path is not None else None
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns) if info is not None else None

    def changed_on_disk(self, stat: Any = False) -> bool:
        """A read-only book: the journal file changed since it was read (the app that holds the
        lock wrote to it). The second app's lists, totals, export preview and exit line showed
        the decisions as they were when it opened (s10 inbox 1). ``stat``: the file's ``_stat``
        as the app's poll read it in its worker (False: read here)."""
        if not (self.read_only and self.journal is not None):
            return False
        return (self._stat() if stat is False else stat) != self.seen

    def open_again(self) -> Any:
        """A fresh read-only replay of the journal (runs in a worker: a long journal takes time)."""
        from engine.corrections import Journal

        seen = self._stat()
        journal = Journal.open(self.path, self.journal.dataset, read_only=True)
        journal.seen = seen
        return journal

    def read_tail(self) -> tuple[Any, tuple[int, int] | None] | None:
        """What the other app appended since the last read (runs in a worker; only reads), with the
        file's stat from before the read; None where only ``open_again`` (a whole replay) will do."""
        seen = self._stat()
        tail = self.journal.read_tail() if self.journal is not None else None
        if tail is None or sum(map(len, tail.groups)) > TAIL_LINES_ON_UI:  # a bulk of many rows: replayed
            return None  # whole in the worker, as the UI thread would take ~12 us a line
        return tail, seen

    def take_tail(self, tail: Any, seen: tuple[int, int] | None) -> bool:
        """Replay ``tail`` (``read_tail``) into the journal shown here; False where it no longer
        continues that journal (another read was taken since: nothing changed)."""
        if self.journal is None or not self.journal.apply_tail(tail):
            return False
        self.seen = seen
        self._show_all()
        return True

    def take(self, journal: Any) -> None:
        """Show ``journal`` (from ``open_again``, or ``open_writable``: this book writes it from now) instead of
        the stale copy."""
        if self.read_only and not journal.read_only and not self.become_writer(journal):
            return
        old, self.journal = self.journal, journal
        self.seen = journal.seen if hasattr(journal, "seen") else self._stat()  # the worker's stat: none here
        self._show_all()
        if old is not None:
            old.close()

    def _show_all(self) -> None:
        """Every row's arrays from the journal's decisions, afresh."""
        self.codes[:] = NONE
        self.labels[:] = -1
        self.groups[:] = -1
        self._refresh(None)

    def display_label(self, index: int) -> str:
        """The label as the journal stores it (the class's display name; past the classes, an
        unused ClassLabel name)."""
        if index >= len(self.classes):
            return self.extra_labels[index - len(self.classes)]
        return str(self.classes[index])

    def _refresh(self, rows: Any) -> None:
        """The arrays of ``rows`` (None: every decided row) set from the journal's current
        decisions: a few array assignments, however many rows (a 10,000-row group included)."""
        self.version += 1
        if self.journal is None:
            return
        current = self.journal.current(rows)
        if not len(current.rows):
            return
        from engine.journal_format import ACTIONS

        codes = np.array([ACTION_CODES[action] for action in ACTIONS] + [NONE], dtype=np.int8)
        labels = np.array([self._label_index.get(self._key(label), -1) for label in current.labels] + [-1],
                          dtype=np.int32)
        self.codes[current.rows] = codes[current.action]  # -1 (no decision) takes the trailing entry
        self.labels[current.rows] = labels[current.label]
        self.groups[current.rows] = current.group
        self.learn_labels(current)

    def _guard(self) -> str | None:
        if self.journal is None or self.read_only:
            return f"decision NOT saved: {self._read_only_why() or 'the journal is read-only'}"
        return None

    def record(
        self, action: str, row: int, label_after: int | None, issue_type: str, suggested: int | None
    ) -> Outcome:
        """Record one decision; on failure nothing changes and the error says so."""
        return self.record_group([(action, row, label_after)], issue_type, suggested)

    def record_group(
        self, items: list[tuple[str, int, int | None]] | Bulk, issue_type: str, suggested: int | None = None
    ) -> Outcome:
        """Record several decisions as one undoable step (``items`` or a ``prepare``d ``Bulk``)."""
        count = len(items)
        if (problem := self._guard()) is not None:
            return Outcome([], said_of(problem, count))
        from engine.corrections import JournalWriteError
        from engine.errors import UsageError

        suggested_value = None if suggested is None else self.display_label(suggested)
        try:
            if not isinstance(items, Bulk) and len(items) > 1:
                items = Bulk.of(items)
            if isinstance(items, Bulk):
                rows = items.rows
                classes = np.unique(items.labels[items.labels >= 0])
                after = np.where(items.labels >= 0, np.searchsorted(classes, items.labels), -1)
                actions = np.array([-1, 0, 1, 2], dtype=np.int8)[items.codes]  # book code -> ACTIONS index
                # an unused ClassLabel name is no class of this data: the journal takes it as a new label
                new_label = bool(len(classes)) and int(classes[-1]) >= len(self.classes)
                self.journal.record_columns(rows, actions, after, [self.display_label(c) for c in classes.tolist()],
                                            issue_type=issue_type, suggested_label=suggested_value,
                                            allow_new_label=new_label)
            else:
                action, row, label = items[0]
                rows = [int(row)]
                new_label = label is not None and label >= len(self.classes)
                self.journal.record(action, rows[0], label_after=None if label is None else self.display_label(label),
                                    issue_type=issue_type, suggested_label=suggested_value, allow_new_label=new_label)
        except JournalWriteError as exc:  # its message already says "NOT saved"
            return Outcome([], said_of(str(exc), count))
        except UsageError as exc:  # e.g. one label for a row of label sets: nothing was written
            return Outcome([], said_of(f"decision NOT saved: {exc.message}", count))
        self._refresh(rows)
        self.saved_this_session += len(rows)
        return Outcome(rows.tolist() if isinstance(rows, np.ndarray) else rows)

    def prepare(self, items: list[tuple[str, int, int | None]]) -> Bulk:
        """``items`` as columns, with the journal's per-row line parts computed now (call it when a
        bulk dialog opens), so the confirming key press only writes."""
        bulk = Bulk.of(items)
        if self.journal is not None and not self.read_only and hasattr(self.journal, "prepare_rows"):
            self.journal.prepare_rows(bulk.rows)
        return bulk

    def catch_up(self) -> None:
        """Replay the journal of a read-only book that ``close`` found changed since its last read
        (the other app wrote to it), so that ``farewell`` counts the journal as it is now. Run once
        the app has closed (tui/launch.exit_lines): at quit, on the UI thread, a 220k-line journal
        held the app seconds after ``q``. A journal that cannot be read again leaves the count
        of the copy it had."""
        dataset, self.replay_owed = self.replay_owed, None
        if dataset is None or self.path is None:
            return
        from engine.corrections import Journal

        try:
            journal = Journal.open(self.path, dataset, read_only=True)
        except Exception:  # noqa: BLE001 - the line then counts the copy it had
            return
        self.take(journal)
        self.journal = None
        journal.close()

    def farewell(self, path: Path) -> str:
        """What the session left on disk, for the line printed after the app closes."""
        from tui.decisions_farewell import farewell_line

        return farewell_line(self, path)

    def describe(self, row: int, class_names: list[str]) -> str:
        """Short text for the decision column: '', '→ label', 'excluded', 'kept'."""
        code = self.codes[row]
        if code == RELABEL:
            label = self.labels[row]
            if label < 0 and self.journal is not None:
                decision = self.journal.decision(row)
                after = decision.label_after if decision is not None else None
                if self.describe_set is not None:
                    return "→ " + self.describe_set(row, after or "")
                if after is not None:  # a class this data does not have (a new label): by its --label-names name
                    from tui.terminal_text import terminal_safe

                    return f"→ {terminal_safe(self.new_class_shown(after))} (new)"
            return "→ " + (class_names[label] if label >= 0 else "?")
        if code == EXCLUDE:
            return "✗ excluded"
        if code == KEEP:
            return "✓ kept"
        return ""

    def holds(self, action: str, row: int, label: int | None = None) -> bool:
        """``row``'s current decision is already ``action`` (to ``label``): a second x on an
        excluded row, an accept of the label already chosen. Writing it again added an undo step
        that took back nothing visible (u said 'undone: excluded' of a row still excluded)."""
        code = ACTION_CODES.get(action)
        if code is None or int(self.codes[row]) != code:
            return False
        if action != "relabel":
            return True
        if label is None:
            return False
        if label < len(self.classes):
            return int(self.labels[row]) == label
        # an unused ClassLabel name (a new label to the journal): held when the row's relabel wrote it;
        # picking it again wrote a second line, an undo that took back nothing visible
        decision = self.journal.decision(row) if self.journal is not None and int(self.labels[row]) < 0 else None
        return decision is not None and decision.label_after == self.display_label(label)

    def mark(self, row: int) -> str:
        """One glyph for the row list's mark column: '→', '✗', '✓' or ''."""
        return MARKS[int(self.codes[row])]

    def decided_among(self, rows: np.ndarray) -> int:
        """How many of ``rows`` have a decision."""
        return int(np.count_nonzero(self.codes[rows])) if len(rows) else 0

    def counts(self) -> dict[str, int]:
        return {
            "relabel": int(np.count_nonzero(self.codes == RELABEL)),
            "exclude": int(np.count_nonzero(self.codes == EXCLUDE)),
            "keep": int(np.count_nonzero(self.codes == KEEP)),
        }

    def close(self) -> None:
        if self.journal is not None:
            self.journal_at = self.journal.rescue()  # for farewell, said after the close; the deleted file's bytes
            # saved where the path lacks this session's decisions (they went with its descriptor)
            if self.changed_on_disk():  # read-only, written by the other app since the last read
                self.replay_owed = self.journal.dataset  # farewell's count: catch_up, once the app is gone
            try:
                self.journal.close()
            finally:
                self.journal = None


#: A read-only app replays at most this many appended lines on its UI thread; more, the whole journal is
#: replayed again in the worker (engine/journal_tail.py). ui34 (s34), banking77 test's 215,600-line journal,
#: bulk groups, AVX2, load 1-5: the tail's UI part took 0.03 s at 2,000 lines, 0.12 s at 5,000, 0.38 s at
#: 10,000 and 0.32-0.40 s at 20,000 (its worker read 0.4-0.9 s), where the whole reread took 8-17 s of
#: worker CPU, holding the GIL against the UI; the takeover's cap (decisions_takeover) is the same.
TAIL_LINES_ON_UI = 20_000


def said_of(message: str, count: int) -> str:
    """A line about one decision ('the decision was NOT saved: …', 'decision NOT saved: …') said of
    ``count`` decisions where there are several: a bulk write of 3,080 rows that the disk refused
    said 'the decision was NOT saved'; now 'the 3,080 decisions were NOT saved'."""
    if count > 1:
        for one, many in (("the decision was NOT saved", f"the {count:,} decisions were NOT saved"),
                          ("decision NOT saved", f"{count:,} decisions NOT saved")):
            if message.startswith(one):
                return many + message[len(one):]
    return message
