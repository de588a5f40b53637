"""At 50 columns the label picker's probabilities line up and a long typed new class is cut, not wrapped (tmux,
banking77 test, ui35b): 'fiat_currency_support  0.003' stood 4 cells right of 'exchange_rate     0.962', a cut
name's 2 more; '+ new class: balance_not_updated_after_cheque  (confirm next)' took three lines."""

from __future__ import annotations

from pilot_helpers import StyledDialogHost

from tui.screens.label_picker import LabelPicker

NAMES = ["exchange_rate", "exchange_charge", "wrong_exchange_rate_for_cash_withdrawal", "fiat_currency_support",
         "balance_not_updated_after_bank_transfer", "balance_not_updated_after_cheque_or_cash_deposit"]
PROBS = [0.962, 0.008, 0.009, 0.003, 0.0, 0.0]


async def drawn(query: str) -> list[str]:
    picker = LabelPicker(NAMES, current=1, suggested=0, text="Where do I find the exchange rate?", probs=PROBS,
                         new_class=lambda name: None, query=query)
    async with StyledDialogHost(picker).run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = pilot.app.screen.query_one("#picker-options")
        return [line.rstrip() for y in range(options.size.height) if (line := options.render_line(y).text).strip()]


async def test_the_probabilities_line_up_at_50_columns():
    lines = await drawn("")
    assert len(lines) == len(NAMES), lines  # one line each
    ends = {line.rstrip(" ▁▂▃▄▅▆▇█").rindex("0.") for line in lines}
    assert len(ends) == 1, lines
    assert any("(suggested)" in line for line in lines) and any("(given)" in line for line in lines), lines


async def test_a_long_new_class_is_cut_on_one_line_at_50_columns():
    lines = await drawn("balance_not_updated_after_cheque")
    new = [line for line in lines if "new class" in line]
    assert len(new) == 1 and "…" in new[0] and new[0].lstrip().startswith("+ new class: balance"), lines
    assert lines[lines.index(new[0]) + 1].lstrip("▶ ").startswith("balance_not"), lines  # the next is a class
