"""ctrl+c after the audit: Textual's own binding only showed 'Press [b]ctrl+q[/b] to quit the app'
(tags and all: toasts are plain text) and the app ran on; a user over SSH expects it to quit."""

from __future__ import annotations

from pilot_helpers import journal_lines, settle, wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp, exit_lines


async def test_ctrl_c_quits_from_a_row_screen_with_the_decisions_saved(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(pinned_result, journal_path=journal, view=fixed_view(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the exclude in the journal")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.return_code == 0
    assert [entry["action"] for entry in journal_lines(journal)] == ["exclude"]
    assert exit_lines(app)[0].startswith("textaudit: saved 1 decision")


async def test_ctrl_c_quits_from_the_label_picker_and_the_filter(pinned_result, tmp_path):
    """An input's own ctrl+c (copy) took the key: in the picker or the filter it did nothing."""
    for where, key, typed, focus in (("the picker", "l", "", "picker-query"), ("the filter", "slash", "ab", "filter")):
        app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_issue("label")
            await settle(pilot)
            # ctrl+c must reach the input: one pressed before the input has the focus quits from
            # the list, and the test would pass without trying the input
            await pilot.press(key)
            await wait_until(pilot, lambda: getattr(app.focused, "id", None) == focus, f"{where}'s input")
            await pilot.press(*typed)
            await wait_until(pilot, lambda: app.focused.value == typed, f"{typed!r} in {where}")
            await pilot.press("ctrl+c")
            await wait_until(pilot, lambda: not app.is_running, f"the app to quit from {where}")
        assert app.return_code == 0
