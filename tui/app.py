"""The textaudit Textual app: screen registry, global keys, the audit worker (the export's in tui/app_export.py).

Workers post typed messages (tui/messages.py) for their outcome (finished, cancelled, failed);
the handlers turn them into UI changes, so no traceback reaches the user.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.screen import Screen

from engine.errors import EXIT_CANCELLED, Cancelled
from engine.pipeline import AuditOptions, AuditResult, Progress
from tui.bindings import APP_BINDINGS
from tui.decisions import DecisionBook
from tui.app_export import ExportActions
from tui.app_journal import JournalFollow
from tui.app_quit import QuitKeys
from tui.app_review import ReviewActions
from tui.key_gate import KeyGate
from tui.messages import (AuditCancelled, AuditFinished, AuditNotice, AuditProgress, WorkFailed, export_failure,
                          readable)
from tui.palette import PaletteCommands
from tui.view import AuditView

if TYPE_CHECKING:
    from textual.notifications import Notification

    from engine.export import ExportSummary
    from engine.load import Dataset


LARGE_ROWS = 100_000  # from this size on, the loaded result is frozen out of the cyclic GC
JOURNAL_POLL_S = 2.0  # a read-only app looks this often whether the other app wrote the journal
SHORT_TOAST_S = 6.0  # an information toast this short is a key's outcome: the next one replaces it


class TextauditApp(KeyGate, JournalFollow, ExportActions, ReviewActions, PaletteCommands, QuitKeys, App[int]):
    """Browse an audit and record corrections. Build it from a result, or from a source."""

    CSS_PATH = "app.tcss"
    TITLE = "textaudit"
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        result: AuditResult | None = None,
        *,
        source: str | None = None,
        options: AuditOptions | None = None,
        journal_path: Path | str | None = None,
        view: AuditView | None = None,
        label_names: dict[int, str] | None = None,
        dataset: Dataset | None = None,
    ) -> None:
        """``view``: the columns to show for ``result`` (default: built from it; tests pass fixed ones);
        ``label_names``: names of integer labels (``--label-names``), checked against the data; ``dataset``:
        ``source`` loaded already (browse's column check), audited without reading it again."""
        super().__init__()
        from tui.mark_widths import count_spacing_marks

        count_spacing_marks()  # 'का' measured 2 cells, as terminals draw it (Rich: 1)
        if result is None and source is None:
            raise ValueError("TextauditApp needs a result or a source")
        self.result = result
        self.source = source if source is not None else str(result.dataset.source)
        self.options = options or AuditOptions()
        self.journal_path = Path(journal_path) if journal_path else Path.cwd() / "textaudit.corrections.jsonl"
        self.cancel_event = threading.Event()
        self._interrupt_seen = False  # a SIGTERM / SIGINT / SIGHUP acted on (_check_interrupted)
        self.view: AuditView | None = None
        self._given_view = view
        self.label_names = label_names
        self.loaded = dataset
        self.book: DecisionBook | None = None
        #: Why the audit failed, printed again once the terminal is restored (tui/launch.py).
        self.audit_error: BaseException | None = None
        self.cancelled_after: list[str] = []  # the stages done when the audit was cancelled
        self.cancelled_kept = 0  # and the texts whose vectors a cancelled embedding kept
        #: The stages the engine says are in the cache as the audit stopped (the cancel's ``cached_stages``,
        #: engine/stage_runner.timed), None until it said: the shell's line claims no other (tui/launch.exit_lines).
        self.cached_stages: list[str] | None = None
        #: The stages finished so far, kept as they finish: ctrl+q or a closed serve tab quits with the
        #: progress screen gone before the shell is told what the cache keeps (tui/launch.exit_lines).
        self.stages_done: list[str] = []
        #: The last export from the app: the shell is told where it went once the toast saying so is gone
        #: (tui/launch.exit_lines). Set by the export's own thread, so an export still running at q / ctrl+q
        #: (its message never handled) is named too.
        self.exported: ExportSummary | None = None
        #: Every export written this session, in order (the exit line names each: walk39).
        self.exports: list[ExportSummary] = []
        #: The last export's failure where it came after the last export written (its thread sets it: an export
        #: failing as the app quit was never said; tui/launch.exit_lines says it).
        self.export_failed: tuple[Path, BaseException] | None = None
        #: The outputs of the exports running now (absolute, links resolved): a second to one is refused.
        self.exporting: set[str] = set()
        #: The journal's next seq as the app closed it: the exit line counts the lines after the last export.
        self.closed_seq: int | None = None
        self._issue_screens: dict[str, Screen] = {}
        self._places: dict[str, dict] | None = None  # the row screens' places from the last run (tui/ui_state.py)
        self.init_review()
        self.init_key_gate()  # keys typed ahead wait for the last one's effects (tui/key_gate.py)

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every toast as plain text: messages carry labels, texts, paths and filters from the data,
        and as markup '[b]old' lost its brackets and 'x [/] y' crashed the app (MarkupError)."""
        from tui.std_streams import undecodable_escaped  # a Latin-1 name's byte: 'caf$'\xe9'.csv', not 'caf.csv'
        from tui.terminal_text import terminal_safe  # a path or label with ESC in it: drawn, not sent raw

        message = "\n".join(terminal_safe(undecodable_escaped(line)) for line in str(message).split("\n"))
        if severity == "information" and (timeout or self.NOTIFICATION_TIMEOUT) <= SHORT_TOAST_S:
            # a key's short outcome replaces the previous key's: stacked, they climbed over the
            # detail pane at 80x24 ('f' 'f': two toasts); warnings, errors and long ones stay
            self.drop_notices(lambda n: n.severity == "information" and n.timeout <= SHORT_TOAST_S, refresh=False)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def drop_notices(self, match: Callable[[Notification], bool], refresh: bool = True) -> None:
        """Take down the toasts ``match`` picks. Textual's own list, not public API: a Textual without
        it leaves them to their timeout (never a crash)."""
        shown, unnotify = getattr(self, "_notifications", ()), getattr(self, "_unnotify", None)
        for notice in [n for n in shown if match(n)]:
            if unnotify is not None:
                unnotify(notice, refresh=refresh)

    # -- start-up -----------------------------------------------------------------------------

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Give the screen's AUTO_FOCUS widget the keys when nothing has them.

        A page (``serve``) can report a blur before the first screen is composed; Textual then
        skips the auto focus and, on focus, restores only what was focused at the blur, so the
        first key (say Down on the summary) would go nowhere."""
        screen = self.screen
        if screen.focused is None and screen.AUTO_FOCUS:
            target = next((w for w in screen.query(screen.AUTO_FOCUS) if w.focusable), None)
            if target is not None:
                screen.set_focus(target, scroll_visible=False)

    def on_mount(self) -> None:
        from tui.interrupts import INTERRUPTED

        self._interrupt_seen = INTERRUPTED.is_set()  # set before this app ran: not a signal to it
        self.set_interval(0.25, self._check_interrupted)
        self.set_interval(JOURNAL_POLL_S, self._check_journal)
        if self.result is not None:
            self.show_result(self.result)
        else:
            from tui.screens.progress import ProgressScreen

            self.push_screen(ProgressScreen(self.source))
            self.run_audit_worker()

    @work(thread=True, exclusive=True, exit_on_error=False, name="audit", group="audit")
    def run_audit_worker(self) -> None:
        """Run the pipeline off the UI thread; progress and the outcome go out as messages."""

        def report(progress: Progress) -> None:
            if progress.notice:
                self.post_message(AuditNotice(progress.notice))
                return
            self.post_message(AuditProgress(progress.stage, progress.done, progress.total, progress.message,
                                            progress.reused))

        try:
            from engine.pipeline import run_audit  # in the try: a failed import is said, not a silent stop

            from engine.load import Dataset

            source = self.source
            if self.loaded is not None:  # read whole by browse's column check (fix41b): not read again
                source = self.loaded
                report(Progress("load", 1, 1, "done"))
            if self.label_names is not None:  # names that miss a label: said once loaded, not after the audit
                from engine.label_names import load_named

                source = load_named(source, self.options, self.label_names, report)
            if isinstance(source, Dataset):  # run_audit says no loaded Dataset's notices (a re-audit's were said)
                for notice in source.notices:
                    report(Progress("load", 1, 1, notice=notice))
            result = run_audit(source, self.options, progress=report, cancel=self.cancel_event)
            view = self.view_of(result)  # here, not on the UI thread: 0.5 s at 220k rows (scipy's import)
            if len(view) >= LARGE_ROWS:  # before the replay's objects: see show_result (its passes, now
                gc.freeze()  # in this thread, still held the GIL ~0.3 s each at 220k rows)
            # the journal's replay too: a 220k-line journal took 6 s, the app frozen on the summary's way
            opened = DecisionBook.open(self.journal_path, result.dataset)
            if self.cancel_event.is_set():  # escape during the replay, or the app closed: nothing opens
                opened[0].close()
                raise Cancelled("cancelled")
        except Cancelled as stopped:
            # set here too: after ctrl+q (the app gone, its messages dropped) the shell's line still
            # counts the texts an embedding kept; app.run() returns once this thread has ended
            self.cancelled_kept = getattr(stopped, "kept", 0)
            self.cached_stages = getattr(stopped, "cached_stages", None)  # what is in the cache, not what finished
            self.post_message(AuditCancelled(self.cancelled_kept))
        except Exception as error:  # noqa: BLE001 - reaches the user as one line, never a traceback
            self.post_message(WorkFailed("audit", error))
        else:
            self.post_message(AuditFinished(result, view, opened))

    def cancel_audit(self) -> None:
        self.cancel_event.set()

    def progress_screen(self):
        """The audit's progress screen where it is in the stack (under help or the palette), or None."""
        from tui.screens.progress import ProgressScreen

        return next((s for s in self.screen_stack if isinstance(s, ProgressScreen)), None)

    def on_audit_progress(self, message: AuditProgress) -> None:
        if (progress := self.progress_screen()) is not None:  # under a dialog too: it stood still behind it
            progress.update_stage(message)
            self.stages_done = list(progress.stage_done)

    def on_audit_notice(self, message: AuditNotice) -> None:
        if (progress := self.progress_screen()) is not None:
            progress.show_notice(message.text)

    def on_audit_finished(self, message: AuditFinished) -> None:
        self._given_view = message.view
        self.show_result(message.result, message.opened)

    def on_audit_cancelled(self, message: AuditCancelled) -> None:
        if (progress := self.progress_screen()) is not None:  # what the shell is told the next start reuses
            self.cancelled_after = list(progress.stage_done)
        self.cancelled_kept = message.kept
        self.exit(EXIT_CANCELLED, return_code=EXIT_CANCELLED)

    def on_work_failed(self, message: WorkFailed) -> None:
        """The one place a worker's failure reaches the user (screens forward theirs here)."""
        if message.what == "audit" and (progress := self.progress_screen()) is not None:
            self.audit_error = message.error
            while self.screen is not progress:  # a dialog over it: the error is the progress screen's to say
                self.pop_screen()
            progress.show_error(readable(message.error))
        elif message.what == "audit":
            self.notify(readable(message.error), severity="error", timeout=15)
        elif message.what == "export" and message.output is not None:  # as the exit line says it
            self.notify(export_failure(message.output, message.error), severity="error", timeout=15)
        else:
            what = "filter/sort" if message.what == "order" else message.what
            self.notify(f"{what} failed: {readable(message.error)}", severity="error", timeout=15)
            if message.what == "journal reread":  # the export preview counts the copy this app has
                self._export_preview()

    def view_of(self, result: AuditResult) -> AuditView:
        """The rows as the screens show them (class names from ``--label-names``; a name that misses
        a label raises UsageError). Pure: the audit worker builds it off the UI thread."""
        from engine.label_names import class_display_names, new_class_names, unnamed_numbers_note

        names = None if self.label_names is None else class_display_names(self.label_names, result.dataset)
        view = AuditView.from_result(result, names)
        if self.label_names is not None:  # '5=New' on labels 1-4: the new class 5, made in the picker, is New
            view.new_names = new_class_names(self.label_names, result.dataset)
        if names is None and (note := unnamed_numbers_note(result.dataset)):
            view.notes.insert(0, note)  # first: the summary shows five notes
            view.numbered = True  # and the detail pane beside the labels (walk43: the note sat below the fold)
        return view

    def show_result(self, result: AuditResult, opened: tuple[DecisionBook, list[str]] | None = None) -> None:
        """Open the journal and the summary screen for a finished audit. ``opened``: the journal as
        the audit worker opened and replayed it (``DecisionBook.open``); None: opened here (a
        result given to the app)."""
        from tui.screens.summary import SummaryScreen

        self.result = result
        given, self._given_view = self._given_view, None
        if given is None:
            from engine.errors import UsageError

            try:
                given = self.view_of(result)
            except UsageError as exc:  # as a failed audit: said on the progress screen and the shell, exit 2
                self.post_message(WorkFailed("audit", exc))
                return
        self.view = given
        self.book, messages = opened if opened is not None else DecisionBook.open(self.journal_path, result.dataset)
        self.book.new_names = given.new_names  # a new class by its --label-names name (describe, the dialogs)
        if self.view.multilabel is not None:
            self.book.describe_set = self.view.multilabel.describe_after
        if len(self.view) >= LARGE_ROWS:
            # The result lives as long as the app: keep its millions of objects out of the
            # cyclic GC, whose full passes over them stalled every thread ~0.25 s at 1M rows.
            gc.freeze()
        summary = SummaryScreen(self.view, self.book, self.journal_path)
        if (progress := self.progress_screen()) is not None:
            # help or the palette open over the progress when the audit ended: switch_screen replaced the
            # dialog and left the progress under the summary, where every screen's escape (the summary
            # kept at stack[1]) came back to it, 'cancelling…' an audit long done, every key dead
            while self.screen is not progress:
                self.pop_screen()
            self.switch_screen(summary)
        elif len(self.screen_stack) > 1:
            self.switch_screen(summary)
        else:
            self.push_screen(summary)
        for text in messages:
            self.notify(text, severity="warning", timeout=12)

    # -- navigation ---------------------------------------------------------------------------

    def issue_screen(self, issue_type: str) -> Screen:
        """The screen of one issue type, built once and installed.

        Installed, because Textual removes (unmounts) a popped screen that is not installed: a
        kept reference to it would be a dead screen that, pushed again, never draws yet still
        takes the keys. Installed screens survive being popped, cursor and filter included.
        """
        if issue_type not in self._issue_screens:
            from tui.screens.flagged_rows import FlaggedRowsScreen
            from tui.screens.label_issues import LabelIssuesScreen
            from tui.screens.near_duplicates import NearDuplicatesScreen
            from tui.screens.non_iid import NonIidScreen
            from tui.screens.outliers import OutliersScreen
            from tui.screens.overlapping_classes import OverlappingClassesScreen

            kinds = {"label": LabelIssuesScreen, "outlier": OutliersScreen, "near_duplicate": NearDuplicatesScreen,
                     "overlapping_class": OverlappingClassesScreen}
            if self.view.multilabel is not None:  # label sets: set suggestions, the set picker
                from tui.screens.multilabel_issues import MultiLabelIssuesScreen

                kinds["label"] = MultiLabelIssuesScreen
            if issue_type == "non_iid":
                screen: Screen = NonIidScreen(self.view)
            else:
                screen = kinds.get(issue_type, FlaggedRowsScreen)(self.view, self.book, issue_type)
            from tui.ui_state import restore_place

            restore_place(self, screen, issue_type)  # where the last run left it: row, sort, f, d (tui/ui_state.py)
            self.install_screen(screen, name=f"issue:{issue_type}")
            self._issue_screens[issue_type] = screen
        return self._issue_screens[issue_type]

    def open_issue(self, issue_type: str, flagged: bool = False) -> None:
        """Show the screen of ``issue_type``; ``flagged`` (the summary, the palette: 'N flagged') at
        the rows its count is about, even when the last visit listed every row (``:`` or ``f``)."""
        if self.view is None:
            return
        fresh = issue_type not in self._issue_screens  # its first show this run: as the last run left it (f too)
        screen = self.issue_screen(issue_type)
        if flagged and hasattr(screen, "show_flagged") and not fresh:
            screen.show_flagged()
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
            return
        while len(self.screen_stack) > 2:  # summary stays at the bottom; one issue screen above
            self.pop_screen()
        self.push_screen(screen)

    def show_row(self, issue_type: str, row: int) -> None:
        """Open the screen of ``issue_type`` with the cursor on ``row`` (undo/redo go there)."""
        self.open_issue(issue_type)
        screen = self.issue_screen(issue_type)
        if hasattr(screen, "show_row"):
            if screen.is_mounted:
                screen.show_row(row)
            else:  # composed on its first show: its first order places the cursor
                screen._pending_row = row

    def action_suspend_process(self) -> None:
        """ctrl+z: the app's whole job stops, as the terminal's own ^Z stops it (tui/suspend.py)."""
        from tui.suspend import suspend_job

        suspend_job(self)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_FIRST", ())))

    def action_open_report(self) -> None:
        from tui.screens.report import ReportScreen

        if self.view is not None and not self.raise_open(ReportScreen):
            self.push_screen(ReportScreen(self.view))

    def action_summary(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_command_palette(self) -> None:
        """Textual's palette, whose page keys cannot crash the app (tui/palette.py)."""
        from tui.palette import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def on_unmount(self) -> None:
        from tui.ui_state import save_places

        save_places(self)  # each row screen's place, for the next run (tui/ui_state.py)
        self.cancel_event.set()
        self.reaudit_cancel.set()
        if self.book is not None:  # a read-only journal changed since the last read is replayed for
            if self.book.journal is not None:  # (the exit line's lines after the last export: tui/launch)
                self.closed_seq = self.book.journal.next_seq
            self.book.close()  # the exit line once the app is gone (tui/launch.exit_lines), not here

