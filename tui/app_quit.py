"""How the app quits: q and ctrl+q, ctrl+c (cancels a running audit, else quits), and SIGTERM, SIGINT, SIGHUP or
a terminal gone (tui/interrupts.py's flag, polled), through the app's own shutdown.

A mixin of ``TextauditApp`` (which supplies ``cancel_event``, ``_interrupt_seen``, the screen stack and the poll
that calls ``_check_interrupted``)."""

from __future__ import annotations

import threading

from engine.errors import EXIT_CANCELLED


class QuitKeys:
    """``action_quit``, ``action_interrupt``, ``action_help_quit`` and the interrupt poll, for ``TextauditApp``."""

    cancel_event: threading.Event
    _interrupt_seen: bool

    def action_quit(self) -> None:
        self.cancel_event.set()
        self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+c on the progress screen is its own (cancel, shown as 'cancelling…')."""
        from tui.screens.progress import ProgressScreen

        if action == "interrupt" and isinstance(self.screen, ProgressScreen):
            return False
        return True

    def _check_interrupted(self) -> None:
        """SIGTERM, SIGINT and SIGHUP set the flag (tui.interrupts.flag_only while the app runs), as
        does a terminal gone (the driver's writer on EIO; its terminal_gone, polled here, where SIGHUP
        is ignored): quit as the signal means, through the app's own shutdown (exit 130,
        'interrupted'); during the audit, cancel it as ctrl+c does."""
        from tui.interrupts import INTERRUPTED
        from tui.screens.progress import ProgressScreen

        if not INTERRUPTED.is_set() and getattr(self._driver, "terminal_gone", lambda: False)():
            INTERRUPTED.set()  # its terminal hung up with SIGHUP ignored: as a SIGHUP would
        if not INTERRUPTED.is_set() or self._interrupt_seen:
            return
        self._interrupt_seen = True
        if any(isinstance(screen, ProgressScreen) for screen in self.screen_stack):
            self.action_interrupt()  # cancels the audit as ctrl+c does; exit 130 once it stops
        else:
            self.exit(EXIT_CANCELLED, return_code=EXIT_CANCELLED)

    def action_interrupt(self) -> None:
        """ctrl+c anywhere: cancels a running audit (a dialog open over its progress), else quits."""
        from tui.screens.progress import ProgressScreen

        progress = next((s for s in self.screen_stack if isinstance(s, ProgressScreen)), None)
        if progress is not None:
            progress.action_cancel()
        else:
            self.action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c quits, as q and ctrl+q do (every decision is already saved). Textual's own
        ctrl+c only said 'Press [b]ctrl+q[/b] to quit', tags and all (toasts are plain text)."""
        self.action_quit()
