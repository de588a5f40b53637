"""The help says what f does on the near-duplicate screen: conflicting sets only / every set.

Seen in tmux on banking77 test: the help listed only 'f  Flagged rows / all rows'; on the
near-duplicate screen f left '1 of 36 sets (conflicts only)'.
"""

from __future__ import annotations

from rich.console import Console

from tui.screens.help import SECTIONS, binding_table


def test_the_near_duplicate_section_names_f():
    title, bindings = SECTIONS[-1]
    assert title.startswith("Near-duplicates")
    console = Console(width=120, record=True, file=open("/dev/null", "w"))
    console.print(binding_table(bindings))
    assert "Conflicting sets only / every set" in console.export_text()
