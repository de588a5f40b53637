"""``u`` / ``ctrl+r`` on screens that list no rows (summary, report, confusions, label changes,
non-IID, re-audit): undo / redo the newest decision, wherever it was made, and open its screen on
the row, as a row screen does. Per screen, not the app's: an app binding fires inside dialogs too."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.decisions_history import Outcome


class HistoryKeys:
    """A Screen mixin; the decisions are the app's (``app.book``, ``app.view``)."""

    def action_undo(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if app.book is not None:
            self._history(app.book.undo(app.view.shown_names), "undone")

    def action_redo(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if app.book is not None:
            self._history(app.book.redo(app.view.shown_names), "redone")

    def decisions_changed(self) -> None:
        """Redraw what shows decisions (the summary's review progress)."""

    def _history(self, outcome: Outcome, which: str) -> None:
        """Say what and where, and open the screen the decision was made on with the cursor on
        its row (the summary, then these screens, bound neither key: u did nothing, said nothing)."""
        from tui.screens.row_decisions import history_done, history_message
        from tui.view import counted

        if not history_done(self, outcome, which):  # type: ignore[arg-type]
            return
        self.decisions_changed()
        app, step = self.app, outcome.step  # type: ignore[attr-defined]
        if step is None:
            app.notify(f"{which}: {counted(len(outcome.rows), 'row')}", timeout=6)
            return
        message = history_message(step, which)
        if step.issue_type in app.view.issue_types:
            app.show_row(step.issue_type, step.rows[0])
            message += " · moved there"
        app.notify(message, timeout=6)
