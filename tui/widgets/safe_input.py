"""An input line that never sends a control character to the terminal.

Textual's Input draws its value as it is. A value the app puts there holds whatever the data
holds: the confusion navigator's filter ``given:'<ESC>[31mred'`` (a label with an escape
sequence) recoloured the terminal, and a label with a line break (``'line\\nbreak'``) pushed
the screen up a line, the title gone. A pasted id or path can hold them too. The value keeps
every character (the filter must still match that label); only the drawing changes: one visible
symbol per control character, as the lists draw them, so the cursor and the selection, which
Input counts in characters, stay on the character they mark.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Input

from tui.terminal_text import CONTROL_PICTURES

#: One cell per control character (a bidi control, drawn ``⟨RLO⟩`` elsewhere, is one ``�`` here).
ONE_CELL = {code: (picture if len(picture) == 1 else "\ufffd") for code, picture in CONTROL_PICTURES.items()}


def input_safe(value: str) -> str:
    """``value`` with each control character replaced by one visible character."""
    return value if value.isprintable() else value.translate(ONE_CELL)


#: Keys that type a character Textual's key_to_character does not find ('slash': no Unicode name SLASH).
TYPED = {"slash": "/"}


class SafeInput(Input):
    """An Input drawing control characters as symbols (its value unchanged)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """'/' is typed here, so the screen's '/ Filter' leaves the footer while an input has the
        focus: in the filter line the footer offered '/ Filter' and '/' typed a slash (ui30, tmux)."""
        return super().check_consume_key(key, character or TYPED.get(key))

    @property
    def _value(self) -> Text:  # Input draws this (private in Textual 8: an older one draws raw, never crashes)
        text = super()._value
        if self.password or self.value.isprintable():
            return text
        safe = Text(input_safe(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(safe) if self.highlighter is not None else safe

    def on_resize(self) -> None:
        """The cursor kept in view when the field gets its width or a new one: Textual scrolls to
        the cursor only when it moves, so a value set before the layout and longer than the field
        showed its start, the cursor at its end out of view (the export dialog at 60 columns on
        banking77: '/work/shared/data/banking77/test.corrected.c', the extension cut; End did not
        help, the cursor being there already)."""
        self.scroll_to_region(Region(self._position_to_cell(self.cursor_position), 0, 1, 1), animate=False,
                              force=True)

    def _position_to_cell(self, position: int) -> int:
        """Where the cursor is drawn: over the symbols drawn, not the characters (a control
        character is 0 cells wide as a character, 1 as its symbol)."""
        return cell_len(input_safe(self.value[:position]))
