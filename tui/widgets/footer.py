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

    A key the key docked right ('? Help', or the palette key) would cover in part is hidden
    whole: at 40 columns the summary's footer read 'e Ex  ? Help' and the label screen's 'o Kee ?
    Help' (ui30, tmux): 'Ex' read as Exit as well as Export. Every key still works; help lists them.
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
        self.call_after_refresh(self.hide_cut_keys)  # once the new keys have their places

    def hide_cut_keys(self, tries: int = 5) -> None:
        """Hide (class ``-cut``) each key that ends past the left edge of the keys docked right. The
        places are added up from the keys' sizes: a hidden key has no region on the screen (hiding by
        regions showed it again on the next call). Keys not laid out yet (a recompose): again after
        the next refresh."""
        shown = [child for child in self.children if child.display]
        if tries and (not self.size.width or any(not child.outer_size.width for child in shown)):
            self.call_after_refresh(self.hide_cut_keys, tries - 1)
            return
        docked = [child for child in shown if child.styles.dock == "right"]
        edge = self.size.width - sum(child.outer_size.width + child.styles.margin.width for child in docked)
        x = 0
        for child in shown:
            if child in docked:
                continue
            x += child.styles.margin.left
            end = x + child.outer_size.width
            child.set_class(end > edge, "-cut")
            x = end + child.styles.margin.right

    def on_mount(self) -> None:  # Textual runs Footer.on_mount too (handlers run up the classes)
        self.app.screen_change_signal.subscribe(self, self.screen_changed)

    def screen_changed(self, screen: Screen) -> None:
        if self.is_attached:
            self.styles.visibility = "visible" if screen is self.screen else "hidden"

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < PALETTE_MIN_WIDTH, "-no-palette-key")
        self.call_after_refresh(self.hide_cut_keys)

    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        if not screen.app.app_focus and not self.children and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)
