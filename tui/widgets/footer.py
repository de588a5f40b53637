"""Textual's footer, drawn even while the app has no focus (``textaudit serve`` in a page not yet clicked)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's Footer, but one that has drawn no key yet draws them without the app's focus.

    Textual's footer redraws only while the app has the focus (blurred, it keeps the keys it
    last drew). Textual's web driver starts every app blurred, until the page sends a focus,
    which a page opened without a click (or headless) never does: ``textaudit serve`` showed a
    blank footer until the first key press, and so did every screen opened while the page was
    blurred. An empty footer draws the screen's keys at once; a drawn one keeps Textual's rule.
    """

    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        if not screen.app.app_focus and not self.children and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)
