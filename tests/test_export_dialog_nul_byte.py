"""A NUL byte in the export dialog's path is refused in a line, not a traceback (fix40c).

A pasted path holding NUL (binary text on the clipboard) ended the app in 'ValueError: embedded null byte': the
dialog looks at the file system on every change (exists, is_dir, the write probe), and only OSError was caught.
Since bd2bd85 '$'\\x00'' typed reads as that byte too (as bash's quoting spells a byte)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import export_warning, one_row_export_dialog
from textual import events


@pytest.mark.parametrize("how", ["pasted", "spelled"])
async def test_a_nul_byte_is_said_and_enter_refused(tmp_path: Path, how: str) -> None:
    async with one_row_export_dialog(tmp_path) as (app, pilot, path):
        path.value = f"{tmp_path}/"
        path.cursor_position = len(path.value)
        if how == "pasted":
            path.post_message(events.Paste("a\x00b.csv"))
        else:
            path.value += "a$'\\x00'b.csv"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        said = export_warning(app.screen)
        assert app.is_running and app.results == []
    assert said == "the path holds a NUL byte, which no file name can: remove it"
    assert list(tmp_path.iterdir()) == [tmp_path / "data.csv"]  # the source alone
