"""Textual's footer, drawn even while the app has no focus (``textaudit serve`` in a page not yet
clicked), and hidden while another screen is on top of its own."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


PALETTE_MIN_WIDTH = 80  # the width every screen's keys and the palette key were laid out for


class Footer(TextualFooter):
    """Textual's Footer, but one that has drawn no key yet draws them without the app's focus,
    and one whose screen is covered leaves the bottom line to the screen on top.

    Textual's footer redraws only while the app has the focus (blurred, it keeps the keys it
    last drew). Textual's web driver starts every app blurred, until the page sends a focus,
    which a page opened without a click (or headless) never does: ``textaudit serve`` showed a
    blank footer until the first key press, and so did every screen opened while the page was
    blurred. An empty footer draws the screen's keys at once; a drawn one keeps Textual's rule.

    A modal screen lets the screen under it show through: under the command palette (Textual's
    own, with no footer) the row screen's 'a Accept l Label x Exclude' stayed on the bottom line,
    keys the palette's search box took as letters. The footer hides (keeping its line, so
    nothing under the modal moves) while its screen is not the one on top.

    Under :data:`PALETTE_MIN_WIDTH` columns the palette key (docked right) is left out: at 60
    columns it covered the last keys, '? Help' among them ('q Quit  ? He▏^p palette' on the
    summary; gone on the row screens), and ctrl+p works without it.
    """

    def compose(self):
        """Textual's keys; the help key marked, so that narrower than the palette key needs it keeps
        its place at the right end (app.tcss): at 40 columns the summary's footer ended 'q Qu' and the
        row screens' '… u Undo', '? Help' cut off (the filter's hint says '? lists the syntax')."""
        for widget in super().compose():
            if getattr(widget, "action", None) == "help":  # a FooterKey (textual.widgets._footer, private:
                # a served app must not import it, tests/test_served_driver.py)
                widget.add_class("-help")
            yield widget

    def on_mount(self) -> None:  # Textual runs Footer.on_mount too (handlers run up the classes)
        self.app.screen_change_signal.subscribe(self, self.screen_changed)

    def screen_changed(self, screen: Screen) -> None:
        if self.is_attached:
            self.styles.visibility = "visible" if screen is self.screen else "hidden"

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < PALETTE_MIN_WIDTH, "-no-palette-key")

    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        if not screen.app.app_focus and not self.children and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)
