"""The command palette, with page keys that cannot crash the app.

Textual's palette (8.2) passes page-up/down to its option list, whose page move reads the line
of the highlighted option; right after a search refills the list and before the list is laid
out that line does not exist yet and the KeyError ended the app with a traceback (tmux: ctrl+p,
m, down, pagedown typed at once). A page key that comes too early now does nothing.
"""

from __future__ import annotations

from textual.command import CommandPalette
from textual.css.query import NoMatches


class SafeCommandPalette(CommandPalette):
    """The Textual command palette; a page key sent before its list is laid out is ignored, and
    so are the results of a search that ends after the palette closed."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):  # the list is not laid out yet: the next key works
            pass

    def _watch__list_visible(self) -> None:
        try:
            super()._watch__list_visible()
        except NoMatches:  # the palette closed while a search ran: nothing left to show it on
            pass
