"""At 50 columns a long class name in the label picker is cut so that its probability and note stay on its
line (session 34's walkthrough: banking77's 'balance_not_updated_after_bank_trans' over 'fer  0.005  (given)',
and a long new class's '(current, new class)' on a line of its own). At 80 and 120 columns the names are whole."""

from __future__ import annotations

import pytest
from pilot_helpers import StyledDialogHost

from tui.screens.label_picker import LabelPicker

LONG = "balance_not_updated_after_bank_transfer"  # banking77's, 39 cells
NEW = "balance_not_updated_after_a_long_wait_new"  # 41 cells
NAMES = [LONG, "pending_transfer", "failed_transfer", "card_lost"]
PROBS = [0.005, 0.905, 0.016, 0.074]


async def drawn(size: tuple[int, int]) -> list[str]:
    picker = LabelPicker(NAMES, current=0, suggested=1, decided=len(NAMES), text="My transfer is pending.",
                         probs=PROBS, unused=[NEW], new_names=[NEW])
    async with StyledDialogHost(picker).run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = pilot.app.screen.query_one("#picker-options")
        lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
        assert options.option_count == len(NAMES) + 1
        return [line for line in lines if line.strip()]


async def test_a_long_name_is_cut_and_keeps_its_note_on_its_line_at_50_columns():
    lines = await drawn((50, 16))
    assert len(lines) == len(NAMES) + 1, lines  # no line wrapped
    given = next(line for line in lines if "0.005" in line)
    # the note before the probability, so that every probability lines up (ui35b: tests/test_picker_aligned_at_50.py)
    assert given.lstrip().startswith("balance_not") and given.endswith("_transfer  (given)  0.005"), lines
    assert "…" in given, lines
    new = next(line for line in lines if "new class" in line)
    assert new.endswith("(current, new class)") and "…" in new and new.lstrip().startswith("balance"), lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_names_are_whole_where_the_line_has_room(size):
    lines = await drawn(size)
    assert len(lines) == len(NAMES) + 1, lines
    assert any(LONG in line and line.endswith("0.005  (given)") for line in lines), lines
    assert any(NEW in line and line.endswith("(current, new class)") for line in lines), lines
    assert not any("…" in line for line in lines), lines


def test_a_cut_keeps_the_matched_letters_styled():
    from textual.content import Content

    from tui.screens.label_picker import cut_content

    content = Content(LONG).stylize("bold", 0, 3).stylize("bold", len(LONG) - 2, len(LONG))
    cut = cut_content(content, 21)
    assert cut.plain == "balance_no…k_transfer" and cut.cell_length == 21
    assert [(span.start, span.end) for span in cut.spans] == [(0, 3), (19, 21)]
    assert cut_content(content, 60) is content
