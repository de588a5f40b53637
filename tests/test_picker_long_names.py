"""The label picker lines up every class's probability, also beside a name longer than 40 cells.

Seen in tmux at 200x60 on banking77 train: 'balance_not_updated_after_cheque_or_cash_deposit'
(48 cells) had its probability 8 cells right of the other 76 classes' (names were padded to 40
cells at most, whatever the dialog's width). At 80 columns every line still fits on one line.
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue
from rich.cells import cell_len
from textual.widgets import OptionList
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.screens.label_picker import LabelPicker

LONG = "balance_not_updated_after_cheque_or_cash_deposit"  # 48 cells


def long_named_app(result, journal_path) -> TextauditApp:
    return fixed_app(result, journal_path, lambda i: LONG if i == 0 else f"class_{i}")


async def picker_lines(pilot) -> list[str]:
    screen = await open_issue(pilot, "label")
    await pilot.press("l")
    await pilot.pause()
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, LabelPicker)
    options = picker.query_one("#picker-options", OptionList)
    assert options.option_count == len(screen.view.class_names)
    return [options.render_line(y).text.rstrip() for y in range(options.option_count)]


def probability_ends(lines: list[str]) -> set[int]:
    """Where each line's probability ends (the first 'N.NNN' after its name)."""
    import re

    return {cell_len(line[:m.end()]) for line in lines if (m := re.search(r"\d\.\d{3}", line))}


async def test_a_wide_dialog_lines_up_a_48_cell_name(pinned_result, journal_path):
    app = long_named_app(pinned_result, journal_path)
    async with app.run_test(size=(200, 60)) as pilot:
        lines = await picker_lines(pilot)
        assert any(LONG in line for line in lines)
        assert len(probability_ends(lines)) == 1, lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_class_keeps_one_line(pinned_result, journal_path, size):
    app = long_named_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        lines = await picker_lines(pilot)  # one rendered line per option: none wrapped
        assert sum(1 for line in lines if "0." in line) == len(lines), lines
