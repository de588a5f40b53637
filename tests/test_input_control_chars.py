"""Input lines draw control characters as symbols, never raw (tui/widgets/safe_input.py).

In tmux at 80x24, enter on the confusion navigator's pair ``'\\x1b[31mred' → normal`` (a label
holding an escape sequence) put ``given:'<ESC>[31mred'`` in the filter bar, and Textual's Input
sent it to the terminal as it was: the filter line turned red. A pair with ``'line\\nbreak'``
pushed the whole screen up a line (the title gone, the footer drawn twice). The value keeps every
character (the filter still matches the label); only the drawing changes.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import DialogHost, list_ready, wait_until
from rich.cells import cell_len
from textual.widgets import Input
from tui_synthetic import fixed_app

from tui.screens.export_dialog import ExportDialog
from tui.widgets.filter_bar import FilterBar

QUERY = "given:'\x1b[31mred' suggested:'line\nbreak' '\u202eevil'"


def drawn(widget: Input) -> str:
    """The characters the input sends to the terminal for its line."""
    return widget.render_line(0).text


async def test_the_filter_bar_draws_a_preset_query_without_control_characters(pinned_result, journal_path) -> None:
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await wait_until(pilot, lambda: list_ready(app), "the label list")
        screen = app.screen
        screen.preset_filter(QUERY)  # what the confusion navigator does on enter
        await pilot.pause()
        bar = screen.query_one("#filter", FilterBar)
        assert bar.value == QUERY  # kept whole: the filter matches the label as the data spells it
        line = drawn(bar)
        assert line.isprintable(), repr(line)
        assert "given:'␛[31mred' suggested:'line break' '\ufffdevil'" in line
        title = str(screen.query_one("#title-bar").render())  # 'filter: ...' there too
        # cut to fit, the title names the filter's fields by their short keys (g:, s:; d1a63db)
        assert title.isprintable() and "filter: g:'␛[31mred'" in title, repr(title)
        bar.focus()
        await pilot.pause()
        bar.cursor_position = len(QUERY)
        # the cursor is drawn after the last symbol, not 2 cells short (ESC and LF are 0 cells as characters)
        assert bar._position_to_cell(len(QUERY)) == cell_len("given:'␛[31mred' suggested:'line break' '\ufffdevil'")
        assert drawn(bar).isprintable()


async def test_the_export_path_of_a_file_named_with_an_escape_is_drawn_safe(tmp_path: Path) -> None:
    source = tmp_path / "da\x1b[2Jta.csv"  # ESC [2J clears the screen when sent raw
    source.write_text("text,label\nx,a\n")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", {"relabel": 1, "exclude": 0, "keep": 0}, 1))
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        path = app.dialog.query_one("#export-path", Input)
        assert path.value.endswith("da\x1b[2Jta.corrected.csv")
        assert drawn(path).isprintable() and "/da␛[2Jta.co" in drawn(path)
