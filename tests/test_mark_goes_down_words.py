"""space marks the row and moves down; help, the palette and (while rows are marked) the footer say so.

Seen in tmux on banking77 train (loop42): after a mark, three Downs marked... the wrong row, as space had
moved down already (mutt-like); help said 'Mark or unmark the row' and the footer nothing.
"""

from __future__ import annotations

from pilot_helpers import settle
from test_confusion_matrix_footer import footer_actions
from tui_synthetic import fixed_app

from tui.bindings import REVIEW_BINDINGS


def footer_words(app) -> list[str]:
    return [key.description for key in app.screen.query("FooterKey")]


async def test_space_says_it_goes_down(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        app.open_issue("label")
        await settle(pilot)
        rows = app.screen.row_list
        assert "Mark, go down" not in footer_words(app)  # the footer keeps its room until a mark
        first = rows.current_row
        await pilot.press("space")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.is_marked(first) and rows.current_row != first  # marked, and the cursor went down
        assert "Mark, go down" in footer_words(app), footer_words(app)
        assert "toggle_mark('footer')" in footer_actions(app)
        await pilot.press("space")  # the shown binding marks (and goes down) as the other did
        await pilot.pause()
        assert app.screen.mark_count == 2
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert any("then go down" in title for title in titles), titles
        await pilot.press("escape")  # the marks go, and the footer key with them
        await pilot.pause()
        await pilot.pause()
        assert app.screen.mark_count == 0 and "Mark, go down" not in footer_words(app)


def test_help_says_mark_go_down():
    space = [b for b in REVIEW_BINDINGS if b.key == "space"]
    assert space and all("go down" in (b.tooltip or "") and b.description == "Mark, go down" for b in space)
