"""The confusion matrix gives its class names the room the terminal has: at 120 columns banking77's names
were cut at 20 cells ('balance_no…_transfer') beside 36 empty columns (ui38, tmux)."""

from __future__ import annotations

import io

from rich.console import Console
from tui_synthetic import fixed_app

LONG = "balance_not_updated_after_bank_transfer"  # 39 cells, banking77's


def _matrix_lines(screen, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(screen.query_one("#confusion-matrix").content)
    return [line.rstrip() for line in console.export_text().splitlines() if line.strip()]


async def test_long_names_whole_where_there_is_room(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, name=lambda i: f"{LONG}_{i}")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("C", "v", "v", "v")
        await pilot.pause()
        assert app.screen.mode == "matrix"
        lines = _matrix_lines(app.screen, 116)  # 120 columns less the padding and a scroll bar
        assert sum(f"{LONG}_" in line for line in lines) == len(lines) - 1, lines  # every row's name whole
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not any(LONG in line for line in _matrix_lines(app.screen, 76))  # cut to fit 80 columns
        assert all(len(line) <= 76 for line in _matrix_lines(app.screen, 76))
