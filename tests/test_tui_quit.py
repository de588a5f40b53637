"""ctrl+c after the audit: Textual's own binding only showed 'Press [b]ctrl+q[/b] to quit the app'
(tags and all: toasts are plain text) and the app ran on; a user over SSH expects it to quit."""

from __future__ import annotations

from pilot_helpers import journal_lines, settle
from tui_synthetic import fixed_view

from tui.app import TextauditApp, exit_lines


async def test_ctrl_c_quits_from_a_row_screen_with_the_decisions_saved(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(pinned_result, journal_path=journal, view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("x", "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    assert [entry["action"] for entry in journal_lines(journal)] == ["exclude"]
    assert exit_lines(app)[0].startswith("textaudit: saved 1 decision")


async def test_ctrl_c_quits_from_the_label_picker_and_the_filter(pinned_result, tmp_path):
    """An input's own ctrl+c (copy) took the key: in the picker or the filter it did nothing."""
    for keys in (("l",), ("slash", "a", "b")):
        app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_issue("label")
            await settle(pilot)
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert not app.is_running, keys
        assert app.return_code == 0
