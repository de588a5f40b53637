"""Help names the row lists' sort keys '1-6' (ab34fe4 showed the binding's own key, '1', its text saying '1 to 6')."""

from __future__ import annotations

from rich.console import Console


def _lines(section: str) -> list[str]:
    from tui.screens.help import SECTIONS, binding_table

    console = Console(width=160, record=True)
    console.print(binding_table(dict(SECTIONS)[section]))
    return console.export_text().splitlines()


def test_help_writes_the_number_keys_as_a_range():
    lines = [line.strip() for line in _lines("Row screens: view")]
    (sort,) = [line for line in lines if "counted from the left" in line]
    assert sort.startswith("1-6 ") and "1 to 6" not in sort
    assert not any(line.split()[0] == "1" for line in lines if line)  # no line keyed '1' alone
