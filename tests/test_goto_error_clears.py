"""The go-to dialog's error line clears as soon as the query is edited.

Seen in tmux on the demo: ':' 'abc' enter said "no row has the id 'abc'"; typing 'id:d0012' over
it left that line under the new query until enter, as if it were said of 'id:d0012'.
"""

from __future__ import annotations

from pilot_helpers import DialogHost
from textual.widgets import Label

from tui.screens.goto_dialog import GotoDialog


async def test_an_edit_clears_the_error():
    app = DialogHost(GotoDialog(ids=[f"d{i:04d}" for i in range(20)], n_rows=20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        error = app.screen.query_one("#goto-error", Label)
        assert "no row has the id 'abc'" in str(error.render())
        await pilot.press("backspace")
        await pilot.pause()
        assert str(error.render()).strip() == ""
        await pilot.press(*"d", "enter")  # 'abd': the error says the new query
        await pilot.pause()
        assert "'abd'" in str(error.render())
        await pilot.press("ctrl+u", *"id:d0012", "enter")
        await pilot.pause()
    assert app.results == [12]
