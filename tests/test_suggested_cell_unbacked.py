"""On the label screen's every-row list, a row no label issue flags shows no class under 'Suggested'.

Seen in tmux on a banking77 test slice (100x30): `f` (every row), `/given:card_arr`, and the row
'I still don't have my card after 2 weeks' listed 'lost_or_stolen_card' under Suggested while the
detail pane beside it said 'Suggested: none: no label issue here (the model's top class is
lost_or_stolen_card)' and a answered 'nothing to accept'. A go-to to an unflagged row lists every
row by itself, so any `:` showed such rows. The other screens head the column 'Top class'.
Since 928987e `a` takes that top class on f's list: the cell names it in brackets, '(lost_or_stolen_card)' (loop43c).
"""

from __future__ import annotations

from pilot_helpers import every_row, settle
from tui_synthetic import fixed_view

UNBACKED = 5  # the fixed view's row 5: its model's class differs from the given one (rows % 17 == 5)
BACKED = 22  # 22 % 17 == 5 too, and stays flagged


def app_with_an_unflagged_disagreement(result, journal_path):
    from tui.app import TextauditApp

    view = fixed_view(result.dataset)
    view.flags["label"][UNBACKED] = False  # the model disagrees, the label check does not flag it
    view.datalab_label_flags[UNBACKED] = False  # nor Datalab's (whose flag backs a suggestion there: walk37)
    view.counts["label"] -= 1
    return TextauditApp(result, journal_path=journal_path, view=view)


def drawn_line(row_list, row: int) -> str:
    position = int(list(row_list.order).index(row))
    row_list.move_cursor(position)
    return row_list.render_line(position - int(row_list.scroll_offset.y) + 1).text


async def test_an_unbacked_top_class_is_not_listed_as_a_suggestion(pinned_result, journal_path):
    app = app_with_an_unflagged_disagreement(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        row_list = await every_row(pilot, "label")
        view = app.view
        assert not view.backs_suggestion(UNBACKED) and view.backs_suggestion(BACKED)
        unbacked = drawn_line(row_list, UNBACKED)
        await settle(pilot)
        backed = drawn_line(row_list, BACKED)
    top, backed_top = (view.shown_names[view.predicted[r]] for r in (UNBACKED, BACKED))
    assert view.texts[UNBACKED][:12] in unbacked, unbacked
    after_given = unbacked.split(view.shown_names[view.given[UNBACKED]], 1)[1]
    # since 928987e a takes the top class on f's list: named in brackets, never bare as a label issue's suggestion
    assert f" {top} " not in after_given and f"({top[:4]}" in after_given, unbacked
    assert backed_top in backed, backed  # a row the label check flags keeps its suggestion
