"""The app's export: ctrl+e's dialog, the export worker (one at a time to an output), and the toast of what it
wrote. A mixin of ``TextauditApp`` (which supplies ``book``, ``result``, ``view``, ``source``, ``journal_path``, the
export fields ``exporting``, ``exported``, ``exports``, ``export_failed``, and ``raise_open``/``reread_journal``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from engine.paths import shell_word
from engine.wording import agreeing, counted
from tui.messages import ExportFinished, WorkFailed

if TYPE_CHECKING:
    from tui.screens.export_dialog import ExportRequest


class ExportActions:
    """``action_export``, the export worker and ``on_export_finished``, for ``TextauditApp``."""

    def on_export_finished(self, message: ExportFinished) -> None:
        from tui.launch import lines_after_export

        summary, since = message.summary, lines_after_export(self, message.summary)
        later = (f"; {counted(since, 'journal change')} made while it ran {agreeing(since, 'are')} not in it: export "
                 f"again to include {'it' if since == 1 else 'them'}" if since > 0 else "")  # as the exit line (review38b)
        self.notify(f"wrote {counted(summary.rows_written, 'row')} to {shell_word(str(summary.path))} "
                    f"({summary.relabelled:,} relabelled, {summary.excluded:,} excluded){later}", timeout=8)
        for warning in summary.warnings:  # as the CLI prints them: a widened column, a changed file
            self.notify(warning, severity="warning", timeout=15)

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        if self.book is None or self.result is None:  # ctrl+e, listed 'Everywhere' by help, on the progress screen
            self.notify("nothing to export: the audit failed" if self.audit_error is not None
                        else "the export opens once the audit is done (ctrl+e then)", severity="warning")
            return
        if self.book.journal is None:
            self.notify(f"cannot export: {self.book.problem}", severity="error")
            return
        if self.raise_open(ExportDialog):  # the palette's Export over the dialog itself
            return
        reading = self.book.changed_on_disk()  # read-only: preview what the export will read from disk,
        if reading:  # read in a worker (a long journal took seconds here, the app frozen); the dialog opens
            self.reread_journal()  # now, so keys typed ahead go to it, and shows the counts once read
        style = getattr(self.result.dataset, "style", None)  # how the file was read: blank lines left out, ...
        notes = list(getattr(style, "notes", None) or ())
        if self.view.value_names:  # --label-names: the file gets the values, as the journal holds them
            from engine.label_names import written_as_values

            notes.append(written_as_values(self.view.value_names))
        dialog = ExportDialog(self.source, self.journal_path, None if reading else self.book.counts(), len(self.view),
                              notes=notes, with_id=getattr(self.result.dataset, "id_column", None) is not None)
        self.push_screen(dialog, self._export_confirmed)

    def _export_confirmed(self, request: ExportRequest | None) -> None:
        if request is not None and _output_key(request.output) in self.exporting:  # e, enter again while it ran:
            output = shell_word(str(request.output))  # the dialog did not ask to replace it (no file yet: review38b)
            self.notify(f"not exported: the export to {output} is still running; export again once it is done",
                        severity="warning", timeout=8)
        elif request is not None:
            self.exporting.add(_output_key(request.output))
            self.notify(f"exporting to {shell_word(str(request.output))}…", timeout=3)
            self.run_export(request)

    @work(thread=True, exit_on_error=False, name="export", group="export")
    def run_export(self, request: ExportRequest) -> None:
        try:  # the import too: a module that fails to import (a broken install) said nothing after
            from engine.export import export_corrected  # 'exporting to …' (the worker ended silently)

            summary = export_corrected(self.result.dataset, self.journal_path, request.output, fmt=request.fmt,
                                       corrections_only=request.corrections_only, missing_journal_ok=True,
                                       force=request.overwrite)  # the dialog asked before replacing
        except Exception as error:  # noqa: BLE001 - reaches the user as one line
            self.exporting.discard(_output_key(request.output))
            self.export_failed = (request.output, error)
            self.post_message(WorkFailed("export", error, request.output))
        else:
            self.exporting.discard(_output_key(request.output))  # before the toast says it is written
            self.export_failed = None
            # here, not in on_export_finished: counted when it finished, a decision made while it ran (typed
            # after enter) read as in the file; and q during an export never handled the message (walk38's
            # exit line said nothing of it, though the file was written: review38b, tmux, 10,003 rows to hf)
            self.exported = summary
            self.exports.append(summary)
            self.post_message(ExportFinished(summary))


def _output_key(output: Path) -> str:
    """How two exports' outputs are compared: absolute, ``~`` and links resolved."""
    return os.path.realpath(os.path.expanduser(output))
