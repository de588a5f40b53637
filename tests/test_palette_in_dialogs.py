"""ctrl+p in a dialog: it opens the palette (a priority key), and the dialog's footer says so, as
every other screen's does; a palette command opening a dialog already open goes back to that one
rather than stacking a second (two export dialogs, two threshold dialogs answering one question)."""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue, settle
from textual.widgets._footer import FooterKey
from tui_synthetic import fixed_app

from tui.palette import SafeCommandPalette

DIALOGS = {"ExportDialog": ("e",), "HelpScreen": ("question_mark",), "LabelPicker": ("l",),
           "GotoDialog": ("colon",), "ThresholdDialog": ("t",), "BulkDialog": ("space", "x")}


def palette_key_drawn(screen) -> bool:
    return any(key.has_class("-command-palette") for key in screen.query(FooterKey))


@pytest.mark.parametrize("dialog", DIALOGS)
async def test_a_dialog_offers_the_palette_and_ctrl_p_opens_it(dialog, pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        assert palette_key_drawn(app.screen)
        await pilot.press(*DIALOGS[dialog])
        await settle(pilot)
        assert type(app.screen).__name__ == dialog
        assert palette_key_drawn(app.screen), "the dialog's footer left '^p palette' out"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, SafeCommandPalette)


async def run_command(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("keys, command, kind", [
    (("e",), "Export corrected", "ExportDialog"),
    (("t",), "Flag thresholds", "ThresholdDialog"),
    (("e",), "Open: Datalab report", "ReportScreen"),  # the report over the export dialog: allowed
])
async def test_a_palette_command_does_not_stack_a_second_dialog(keys, command, kind, pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press(*keys)
        await settle(pilot)
        await run_command(pilot, command)
        assert type(app.screen).__name__ == kind
        assert [type(s).__name__ for s in app.screen_stack].count(kind) == 1
        if kind == "ReportScreen":  # and from the report, the report again: the same one
            await run_command(pilot, "Open: Datalab report")
            assert [type(s).__name__ for s in app.screen_stack].count(kind) == 1
            await run_command(pilot, "Export corrected")  # back to the export dialog under it
            assert [type(s).__name__ for s in app.screen_stack][-2:] == ["LabelIssuesScreen", "ExportDialog"]


async def test_the_palette_over_a_dialog_does_not_list_itself(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("e")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "palette" not in titles and "Cancel" in titles
