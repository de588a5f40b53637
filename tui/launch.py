"""The TUI's entry point for the shell: the terminal check, the signals, the lines printed after it.

``textaudit browse`` and ``demo`` call :func:`run_app`, which imports the app (tui/app.py) only
when it runs it.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import EXIT_CANCELLED
from tui.messages import readable

if TYPE_CHECKING:
    from engine.load import Dataset
    from engine.pipeline import AuditOptions
    from tui.app import TextauditApp


def terminal_problem() -> str | None:
    """The standard stream that is not a terminal (``stdin``: keys, ``stderr``: the screen Textual
    draws), None when both are, or when ``TEXTUAL_DRIVER`` names another driver (textual-serve's)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    for name, stream in (("stdin", sys.__stdin__), ("stderr", sys.__stderr__)):
        try:
            if stream is None or not stream.isatty():
                return name
        except (ValueError, OSError):  # closed
            return name
    return None


def utf8_screen() -> None:
    """Draw in UTF-8 whatever the locale says. Textual draws on stderr, and under a locale that is
    not UTF-8 (``LANG=en_US``, which glibc reads as Latin-1; the C locale with ``PYTHONUTF8=0``)
    Python wrote every rule, arrow, bar and ``·`` as a backslash escape (``\\u2500``) or a Latin-1
    byte: a garbled screen on the UTF-8 terminal over SSH. Textual's driver reads keys as UTF-8
    already; textual-serve's app processes (``TEXTUAL_DRIVER``) send bytes of their own."""
    stream = sys.__stderr__
    if os.environ.get("TEXTUAL_DRIVER") or not isinstance(stream, io.TextIOWrapper):
        return
    if codecs.lookup(stream.encoding).name != "utf-8":
        stream.flush()
        stream.reconfigure(encoding="utf-8", errors=stream.errors)  # not 'strict': a lone surrogate ended the app


def run_app(source: str, options: AuditOptions, journal_path: Path, label_names: dict[int, str] | None = None,
            dataset: Dataset | None = None) -> int:
    """Entry point for ``textaudit browse`` and ``demo``: returns the process exit code. ``dataset``: ``source``
    loaded already (browse's column check read it whole), audited without a second read."""
    if (stream := terminal_problem()) is not None:  # in a pipe, nohup or cron it waited for keys forever
        from engine.errors import UsageError

        raise UsageError(f"the TUI needs a terminal, and {stream} is not one (a pipe, a file, nohup?); run it "
                         "in a terminal (tmux keeps it over SSH), or use 'textaudit audit' for a report")
    from tui.app import TextauditApp  # Textual and the screens: only once there is a terminal to draw on
    from tui.interrupts import flag_only

    from tui.terminal_size import terminal_driver

    app = TextauditApp(source=source, options=options, journal_path=journal_path, label_names=label_names,
                       dataset=dataset)
    app.driver_class = terminal_driver(app.driver_class)  # measured where it draws, not by COLUMNS or stdout
    utf8_screen()
    with flag_only():  # a signal sets the flag the app polls; no KeyboardInterrupt in its loop
        app.run()
    from engine.paths import shell_word
    from tui.cli import shell_safe

    if app.book is not None and app.book.replay_owed is not None:  # seconds for a long journal: say why
        journal = shell_word(str(app.journal_path))
        print(shell_safe(f"textaudit: reading {journal} again (the other textaudit wrote to it)"),
              file=sys.stderr, flush=True)
    for line in exit_lines(app):  # after the terminal is restored
        # the journal's path holds the data file's name: 'e\x1b[31mx.corrections.jsonl' coloured the shell
        print(shell_safe(line), file=sys.stderr)
    return int(app.return_code or 0)


def exit_lines(app: TextauditApp) -> list[str]:
    """What the shell is told once the TUI is gone: what was saved and where, or why nothing was
    (an audit that failed, or that was cancelled or quit before it finished: it said nothing). A byte of a
    Latin-1 file name, which a UTF-8 terminal drops ('caf.csv'), is written as the title draws it: 'caf\\xe9.csv'."""
    from tui.std_streams import undecodable_escaped

    if app.book is not None:
        app.book.catch_up()  # read-only, the journal written since the last read: counted as it is now
        return [undecodable_escaped(line) for line in (app.book.farewell(app.journal_path), *export_line(app))]
    if app.audit_error is not None:  # the TUI's message is gone with its screen: say it again
        from tui.cli import shell_safe

        return [f"textaudit: error: {shell_safe(undecodable_escaped(readable(app.audit_error)))}"]
    from tui.screens.progress import QUIT_HEAD, cancelled_line

    if app.return_code == EXIT_CANCELLED:
        return [cancelled_line(app.cancelled_after, app.options.use_cache, app.cancelled_kept,
                               cached=getattr(app, "cached_stages", None))]
    # ctrl+q, or a serve tab closed, mid-audit: what the cache keeps, as after escape (it said only
    # 'nothing was opened', the 2,048 texts embedded by then kept unsaid: ui28, ag_news in tmux)
    return [cancelled_line(app.stages_done, app.options.use_cache, app.cancelled_kept, head=QUIT_HEAD,
                           cached=getattr(app, "cached_stages", None))]


def lines_after_export(app: Any, summary: Any) -> int:
    """Journal lines written after the export read the journal (not in its file), by the journal's seq: counted
    from enter, a decision typed ahead of the read was said 'not in it' though the file had it (tmux, review38b's
    'e path enter x' sent at once). The journal's seq as the app closed it, once it is gone."""
    journal = getattr(getattr(app, "book", None), "journal", None)
    seq = journal.next_seq if journal is not None else getattr(app, "closed_seq", None)
    return max(0, seq - summary.journal_seq) if seq is not None else 0


def export_line(app: TextauditApp) -> list[str]:
    """Where each of the app's exports went (or that the latest failed), and whether the journal changed after
    it: the toast saying so was gone with the app, and a newcomer who exported and quit looked for the file
    (walk38). Every file written is named, not only the last (walk39: a full export, then the changed rows)."""
    summary = getattr(app, "exported", None)  # (a stand-in app of the tests may lack it)
    written = list(getattr(app, "exports", None) or ([summary] if summary is not None else []))
    latest = {str(each.path): each for each in written}  # a path written again: its latest export only
    lines = [written_line(app, each) for each in written if latest[str(each.path)] is each and app.book is not None]
    failed = getattr(app, "export_failed", None)
    if failed is not None:  # the latest export failed (its toast gone, or never drawn: q while it ran)
        from tui.cli import shell_safe

        from tui.messages import export_failure

        lines.append(f"textaudit: {shell_safe(export_failure(*failed))}")  # the toast's words, the path once
    return lines


def written_line(app: Any, summary: Any) -> str:
    """One export written: its rows, its path, and the journal lines written after it."""
    from engine.paths import shell_word
    from engine.wording import counted, counted_verb

    since = lines_after_export(app, summary)
    later = (f"; {counted_verb(since, 'later journal change', 'are')} not in it: export again to include them"
             if since > 0 else "")
    return (f"textaudit: exported {counted(summary.rows_written, 'row')} to {shell_word(str(summary.path))} this "
            f"session ({summary.relabelled:,} relabelled, {summary.excluded:,} excluded){later}")
