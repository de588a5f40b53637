"""The app draws a file name's C1 bytes as it draws the C1 characters (review37): a name given on the command line
with the byte 0x9b (CSI on an 8-bit terminal) reaches Python as the surrogate escape U+DC9B, which
``terminal_safe`` let through, and stderr, where Textual draws, writes it back as the byte: 'b<0x9b>2J.csv' in the
app's title was CSI 2J. tui/cli.shell_safe escaped these already (tests/test_shell_safe_c1_bytes.py)."""

from __future__ import annotations

from tui.terminal_text import terminal_safe


def test_surrogate_escaped_c1_bytes_are_drawn_as_the_characters_are() -> None:
    assert terminal_safe("b\udc9b2J.csv") == terminal_safe("b\x9b2J.csv") == "b\ufffd2J.csv"
    assert not any(0xDC80 <= ord(c) < 0xDCA0 for c in terminal_safe("".join(map(chr, range(0xDC80, 0xDCA0)))))
    assert terminal_safe("caf\udce9.csv") == "caf\udce9.csv"  # a Latin-1 name's other bytes stay bytes
