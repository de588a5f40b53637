"""The help lists left/right ('Previous member' / 'Next member') only under Near-duplicates, the
one screen where they do something; they were listed under 'Row screens: view' as well."""

from __future__ import annotations

from tui.bindings import SET_BINDINGS
from tui.screens.help import SECTIONS


def test_member_keys_only_in_the_near_duplicate_section():
    sections = {heading: {b.description for b in bindings} for heading, bindings in SECTIONS}
    holding = [heading for heading, names in sections.items() if "Previous member" in names or "Next member" in names]
    assert holding == [heading for heading in sections if heading.startswith("Near-duplicates")]
    assert any(b.key == "right_square_bracket" and "→" in (b.tooltip or "") for b in SET_BINDINGS)  # → still said there
