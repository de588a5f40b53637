"""The app's review actions (issue 13): navigators, live thresholds, more like this, re-audit.

A mixin of ``TextauditApp`` (which supplies ``view``, ``book``, ``result``, ``options``,
``journal_path``, ``issue_screen`` and the screen stack). Workers here post messages only; the
handlers below turn them into screens.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work

from engine.errors import Cancelled
from engine.pipeline import Progress
from tui.messages import ReauditFinished, ReauditProgress, ReauditStopped, SimilarReady, WorkFailed
from tui.terminal_text import terminal_safe
from tui.view import ISSUE_TITLES, counted

if TYPE_CHECKING:
    from tui.screens.reaudit import ReauditScreen
    from tui.screens.threshold_dialog import ThresholdChoice

SIMILAR_ROWS = 50  # more like this: how many nearest rows
LOADING, EMBEDDING = "loading the audit's vectors…", "embedding the query…"  # said while more like this waits


@dataclass(frozen=True)
class SimilarRequest:
    """More like ``row``, or like the typed ``text``."""

    row: int | None = None
    text: str | None = None


class ReviewActions:
    """Opens the review screens and runs their workers."""

    def init_review(self) -> None:
        self.similarity = None  # engine.review.SimilarityIndex, loaded on the first "more like this"
        self.thresholds = None  # tui.thresholds.Thresholds, built on the first threshold change
        self.reaudit_cancel = threading.Event()
        self.last_reaudit = None  # engine.reaudit.Reaudit of the latest finished re-audit

    def open_filtered(self, issue_type: str, query: str) -> None:
        """Open ``issue_type``'s screen listing its flagged rows that match the filter ``query``.

        From a navigator (confusions, more like this) the screen opens above it, so escape
        goes back there. A navigator opened from that very screen (``c`` on the label screen)
        moves below it: enter on a pair popped the navigator, and escape then went back to the
        summary, past the pairs still to review."""
        if self.view is None:
            return
        screen = self.issue_screen(issue_type)
        navigator = self.screen
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
            if navigator is not screen and self.is_screen_installed(navigator):  # kept while popped
                if getattr(navigator, "came_from", None) is None and hasattr(screen, "filter_state"):
                    navigator.came_from = (screen, screen.filter_state())  # escape on it comes back there
                self.pop_screen()
                self.push_screen(navigator)
                self.push_screen(screen)
        else:
            self.push_screen(screen)
        screen.preset_filter(query)

    def action_confusions(self) -> None:
        from tui.screens.confusions import ConfusionScreen

        if self.view is None:
            return
        if "label" not in self.view.flags:
            self.notify("no label check in this audit: nothing to group by class", timeout=4)
            return
        kind = ConfusionScreen
        if self.view.multilabel is not None:  # a set change is not a class pair: its own navigator
            from tui.screens.label_changes import LabelChangeScreen as kind
        if not self.raise_open(kind):  # built once and installed: its view and cursor stay where they were left
            name = f"navigator:{kind.__name__}"
            if not self.is_screen_installed(name):
                self.install_screen(kind(self.view, self.book), name=name)
            self.get_screen(name).came_from = None  # opened here: escape goes back to the screen below it
            self.push_screen(name)

    def leave_navigator(self, navigator: object) -> None:
        """Escape on a navigator (confusions, label changes): back to the screen below it, or to the one it was
        opened from where a pair moved that screen above it (:meth:`open_filtered`), listing what it listed
        before the pair. From the label screen, ``c``, a pair, escape and escape went to the summary (walk40)."""
        came_from, navigator.came_from = getattr(navigator, "came_from", None), None
        if len(self.screen_stack) <= 1:
            return
        self.pop_screen()
        if came_from is not None and came_from[0] not in self.screen_stack and self.is_screen_installed(came_from[0]):
            screen, state = came_from
            self.push_screen(screen)
            screen.restore_filter(state)

    def raise_open(self, kind: type) -> bool:
        """A screen of ``kind`` already open comes back to the top (the screens above it closed):
        the command palette, which ctrl+p opens over a dialog too, stacked a second export or
        threshold dialog over the first (two answers to one question) and a report over the report."""
        found = next((s for s in reversed(self.screen_stack) if isinstance(s, kind)), None)
        if found is None:
            return False
        while self.screen is not found:
            self.pop_screen()
        return True

    # -- live thresholds ----------------------------------------------------------------------

    def open_thresholds(self, issue_type: str) -> None:
        from tui.screens.threshold_dialog import ThresholdDialog
        from tui.thresholds import Thresholds

        if self.view is None:
            return
        if self.thresholds is None:
            self.thresholds = Thresholds(self.view)
        if not self.thresholds.types:
            self.notify("no label, outlier or near-duplicate scores in this audit", timeout=4)
            return
        if self.raise_open(ThresholdDialog):
            return
        self.push_screen(ThresholdDialog(self.thresholds, issue_type), self.apply_threshold)

    def apply_threshold(self, choice: ThresholdChoice | None) -> None:
        """Re-flag one check from its cached scores; every screen that lists it follows."""
        if choice is None:
            return
        thresholds, kind = self.thresholds, choice.issue_type
        if choice.count == thresholds.default_count(kind):
            threshold = thresholds.default[kind]  # the audit's own flags, exactly
        else:
            threshold = thresholds.threshold_for_count(kind, choice.count)
        count = thresholds.apply(kind, threshold)
        for screen in self._issue_screens.values():
            if getattr(screen, "issue_type", None) == kind and hasattr(screen, "view_changed"):
                screen.view_changed()
        at = "nothing" if threshold is None else f"score ≤ {threshold:.4g}"
        if threshold is not None and threshold == thresholds.default[kind] and not thresholds.cut[kind]:
            at = "the audit's own verdict (not a score cut)"
        # the moved threshold is not saved: a reopen flagged the default's rows again, unsaid (walk37)
        session = "" if choice.count == thresholds.default_count(kind) else "; this session only: a reopen starts at it"
        self.notify(f"{ISSUE_TITLES.get(kind, kind)}: {counted(count, 'row')} flagged at {at} "
                    f"(audit default {thresholds.default_count(kind):,}{session})", timeout=5)

    # -- re-audit with the corrections ---------------------------------------------------------

    def action_reaudit(self) -> None:
        from tui.screens.reaudit import ReauditScreen

        if self.view is None or self.result is None or self.book is None:
            return
        options = getattr(self.result, "options", None) or self.options
        given = [name for name, path in (("--pred-probs", getattr(options, "pred_probs_path", None)),
                                         ("--features", getattr(options, "features_path", None))) if path]
        if given:  # engine.reaudit refuses them, in the words of the command line's --apply-journal
            self.notify(f"R re-audits on textaudit's own vectors and folds, not on {' and '.join(given)} (they "
                        "describe the uncorrected rows): export the corrections and audit that file",
                        severity="warning", timeout=8)
            return
        if not any(self.book.counts().values()):
            # one toast line at 80 columns ('... decide some rows, then' left 'R' alone on a second one)
            self.notify("nothing to re-audit yet: decide some rows first", timeout=4)
            return
        if any(isinstance(s, ReauditScreen) and s.running for s in self.screen_stack):
            self.notify("a re-audit is already running", timeout=3)
            return
        self.reaudit_cancel = threading.Event()
        self.last_reaudit = None
        self.push_screen(ReauditScreen(terminal_safe(self.journal_path.name)))
        self.run_reaudit()

    def cancel_reaudit(self) -> None:
        self.reaudit_cancel.set()

    @work(thread=True, exclusive=True, exit_on_error=False, name="reaudit", group="reaudit")
    def run_reaudit(self) -> None:
        """Audit the corrected data (cached vectors reused); progress and outcome as messages."""
        import dataclasses

        def report(progress: Progress) -> None:
            self.post_message(ReauditProgress(progress.stage, progress.done, progress.total, progress.message,
                                              progress.reused))

        options = dataclasses.replace(getattr(self.result, "options", None) or self.options)
        try:
            from engine.reaudit import reaudit  # in the try: a failed import is said, not a silent stop

            result = reaudit(self.result.dataset, options, self.journal_path, progress=report,
                             cancel=self.reaudit_cancel, before=self.result)
        except Cancelled:
            self.post_message(ReauditStopped())
        except Exception as error:  # noqa: BLE001 - reaches the user as one line
            self.post_message(ReauditStopped(error))
        else:
            self.post_message(ReauditFinished(result))

    def _reaudit_screen(self) -> ReauditScreen | None:
        from tui.screens.reaudit import ReauditScreen

        return next((s for s in reversed(self.screen_stack) if isinstance(s, ReauditScreen)), None)

    def on_reaudit_progress(self, message: ReauditProgress) -> None:
        if (screen := self._reaudit_screen()) is not None:
            screen.update_stage(message.stage, message.done, message.total, message.text, message.reused)

    def on_reaudit_finished(self, message: ReauditFinished) -> None:
        self.last_reaudit = message.reaudit
        if (screen := self._reaudit_screen()) is not None:
            screen.show_delta(message.reaudit, self.thresholds.moved() if self.thresholds is not None else {})

    def on_reaudit_stopped(self, message: ReauditStopped) -> None:
        from tui.messages import readable

        text = "re-audit cancelled" if message.error is None else f"re-audit failed: {readable(message.error)}"
        if (screen := self._reaudit_screen()) is not None:
            screen.show_stopped(text)
        self.notify(text, severity="information" if message.error is None else "error", timeout=6)

    def open_newly_flagged(self, issue_type: str) -> None:
        """The rows the re-audit flags for ``issue_type`` that the first audit did not."""
        import numpy as np

        from tui.screens.more_like_this import MoreLikeThisScreen

        reaudit = getattr(self, "last_reaudit", None)
        if reaudit is None:
            return
        rows = np.asarray(reaudit.delta.get(issue_type, {}).get("new_rows", []), dtype=np.int64)
        if not len(rows):
            self.notify(f"nothing newly flagged for {ISSUE_TITLES.get(issue_type, issue_type)}", timeout=3)
            return
        scores = np.full(len(rows), np.nan)
        column = f"{issue_type}_score"
        if column in reaudit.after.output.issues:
            after = reaudit.after.output.issues[column].to_numpy(dtype=np.float64)
            position = {int(original): i for i, original in enumerate(reaudit.rows.tolist())}
            scores = np.asarray([after[position[int(r)]] for r in rows], dtype=np.float64)
            # the worst first, as every issue list (they came in row order: 0.107, 0.112, 0.107); NaN last
            ranked = np.argsort(scores, kind="stable")
            rows, scores = rows[ranked], scores[ranked]
        caption = f"Newly flagged: {ISSUE_TITLES.get(issue_type, issue_type)} (New = re-audit score)"
        self.push_screen(MoreLikeThisScreen(self.view, self.book, rows, scores, caption, value_title="New",
                                            recorded_type=issue_type))

    # -- more like this -----------------------------------------------------------------------

    def open_similar(self, row: int | None = None, text: str | None = None) -> None:
        """Find the rows nearest to ``row`` or to ``text`` (in a worker), then list them."""
        if self.view is None or self.result is None:
            return
        if self.similarity is None or text is not None:
            self.notify(LOADING if self.similarity is None else EMBEDDING, timeout=3)
        self.run_similar(SimilarRequest(row, text))

    @work(thread=True, exclusive=True, exit_on_error=False, name="similar", group="similar")
    def run_similar(self, request: SimilarRequest) -> None:
        import numpy as np

        options = getattr(self.result, "options", None) or self.options
        try:
            from engine.review import SimilarityIndex  # in the try: a failed import is said, not a silent stop
            from engine.similar import audit_vectors, query_vector

            index = self.similarity
            if index is None:
                index = SimilarityIndex(audit_vectors(self.result.dataset, options, self.cancel_event))
            if request.text is not None:
                rows, sims = index.query(query_vector(request.text, options), SIMILAR_ROWS)
            else:  # the row itself first: it belongs to the group the reviewer marks
                rows, sims = index.like_row(request.row, SIMILAR_ROWS)
                rows = np.concatenate([[request.row], rows])
                sims = np.concatenate([[1.0], sims]).astype(np.float32)
        except Exception as error:  # noqa: BLE001 - reaches the user as one line
            self.post_message(WorkFailed("more like this", error))
        else:
            self.post_message(SimilarReady(request, rows, sims, index))

    def on_similar_ready(self, message: SimilarReady) -> None:
        from tui.screens.more_like_this import MoreLikeThisScreen

        self.similarity = message.index
        # the 'loading…' toast once what it waited for is shown: it stayed up over the list for its 3 s
        self.drop_notices(lambda n: n.message in (LOADING, EMBEDDING))
        request = message.request
        if request.text is not None:
            caption = f"Like ~{request.text[:40]}"
        else:
            caption = f"More like row {request.row:,}"
        screen = MoreLikeThisScreen(self.view, self.book, message.rows, message.sims, caption)
        if isinstance(self.screen, MoreLikeThisScreen):
            self.switch_screen(screen)  # one list of similar rows at a time
        else:
            self.push_screen(screen)

