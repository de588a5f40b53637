"""The go-to dialog's error line wraps inside the dialog at 80 columns, never cut off.

Seen in tmux on banking77 test at 80x24: ':' then 99999 read 'row 99,999 is past the last row
(3,079); id:99999 looks it up as an' and the dialog's border: the closing 'id' cut off (the
label was as wide as its text, clipped by the dialog).
"""

from __future__ import annotations

from pilot_helpers import StyledDialogHost
from textual.widgets import Label

from tui.screens.goto_dialog import GotoDialog


async def test_a_long_error_wraps_within_the_dialog():
    async with StyledDialogHost(GotoDialog(ids=list(range(3080)), n_rows=3080)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"99999", "enter")
        await pilot.pause()
        error = pilot.app.screen.query_one("#goto-error", Label)
        box = pilot.app.screen.query_one("#goto")
        assert "looks it up as an id" in str(error.render())
        assert error.region.right <= box.content_region.right  # inside the dialog, not clipped by it
        assert error.size.height >= 2  # wrapped
