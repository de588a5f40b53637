"""The label picker never cuts two class names alike: a cut name points at one class.

At 40 columns the picker cut each name in its middle, so with banking77's classes the line '(suggested)' stood on read
'car…ing' (card_linking or card_not_working?) or 'top…rge' (top_up_by_bank_transfer_charge or top_up_by_card_charge?),
and 'card_payment_fee_charged' beside a 'card_payment_fee_refund' likewise. tui/prob_column.apart_cut keeps them
apart: the tail nearest the middle that tells a name from every other at that width, the matched letters' styles kept.
"""

from __future__ import annotations

import pytest
from pilot_helpers import StyledDialogHost
from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList

from tui.names import ELLIPSIS
from tui.prob_column import apart_cut, apart_cuts
from tui.screens.label_picker import LabelPicker

NAMES = ["card_linking", "card_not_working", "card_payment_fee_charged", "card_payment_fee_refund",
         "card_payment_not_recognised", "getting_spare_card", "getting_virtual_card", "top_up_by_bank_transfer_charge",
         "top_up_by_card_charge", "top_up_failed", "exchange_rate", "refund_request"]


def _classes_read(shown: str, names: list[str]) -> list[str]:
    """The classes a reader can take a drawn name for: itself, or those starting and ending as its cut does."""
    if ELLIPSIS not in shown:
        return [name for name in names if name == shown]
    head, _, tail = shown.partition(ELLIPSIS)
    return [name for name in names if len(name) > len(head) + len(tail) and name.startswith(head)
            and name.endswith(tail)]


@pytest.mark.parametrize("width", range(9, 31))  # 8: no cut tells the two top_up names apart
def test_cut_names_point_at_one_class(width: int) -> None:
    cuts = apart_cuts(NAMES, width)
    for name, shown in cuts.items():
        assert cell_len(shown) <= width, (name, shown)
        assert _classes_read(shown, NAMES) == [name], (width, name, shown)


def test_the_cut_keeps_the_matched_letters_styles() -> None:
    cut = apart_cut(NAMES)
    content = Content("top_up_by_card_charge").stylize("bold", 0, 3).stylize("bold", 20, 21)
    shown = cut(content, 9)
    assert _classes_read(shown.plain, NAMES) == ["top_up_by_card_charge"], shown.plain
    assert any("bold" in str(span.style) for span in shown.spans), shown.spans


@pytest.mark.parametrize("suggested", ["card_not_working", "top_up_by_card_charge", "card_payment_fee_refund",
                                       "getting_virtual_card"])
async def test_the_suggested_line_at_40x12_names_one_class(suggested: str) -> None:
    probs = [0.9 if name == suggested else 0.01 for name in NAMES]
    picker = LabelPicker(NAMES, current=NAMES.index("exchange_rate"), suggested=NAMES.index(suggested), probs=probs,
                         text="I was charged for topping up by card.")
    app = StyledDialogHost(picker)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        lines = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        for line in lines:
            shown = line.split("  ")[0].split(" (")[0].strip()
            assert len(_classes_read(shown, NAMES)) == 1, (shown, lines)
        said = next(line for line in lines if "suggested" in line)
        assert _classes_read(said.split(" (")[0].strip(), NAMES) == [suggested], said
