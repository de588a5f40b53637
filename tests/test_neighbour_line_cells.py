"""A nearest neighbour's text in the detail pane: one line of the pane's cells, a blank text said.

ui33, tmux 120x40 on the demo, Outliers: the first neighbour of row 50 is the empty row 122, and
the line read '0.834  check_balance' and nothing after it (the lists say '∅ (empty text)'). The cut
counted characters, so a text of wide characters (CJK, emoji) took up to twice its width and
wrapped onto the next line.
"""

from __future__ import annotations

from rich.cells import cell_len
from tui_synthetic import outlier_detail

from tui.widgets.detail_pane import one_line


def test_a_blank_neighbour_is_said_and_wide_characters_count_twice():
    assert one_line("", 40) == "∅ (empty text)"
    assert one_line("   \n\t ", 40) == "∅ (empty text)"
    wide = "数据集中的文本" * 10  # 70 characters, 140 cells
    line = one_line(wide, 40)
    assert cell_len(line) <= 40 and line.endswith("…") and wide.startswith(line[:-1]), line
    assert one_line("a short text", 40) == "a short text"


async def test_the_pane_lines_of_neighbours_fit(pinned_result, journal_path):
    async with outlier_detail(pinned_result, journal_path) as (view, row, pane):
        first, second = (int(r) for r in view.neighbour_indices[row][:2])
        view.texts[first] = ""
        view.texts[second] = "数据集中的文本" * 20
        lines = pane.render_row(row).plain.splitlines()
        at = lines.index("Nearest neighbours:")
        shown = lines[at + 1: at + 3]
        assert shown[0].rstrip().endswith("∅ (empty text)"), shown
        assert all(cell_len(line) <= pane.size.width - 1 for line in shown), [cell_len(x) for x in shown]
