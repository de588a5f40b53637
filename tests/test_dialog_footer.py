"""A dialog's footer shows the dialog's own keys. Before, every dialog (label picker, threshold,
go-to, bulk preview, export, help, label-set picker) left the footer of the row screen under it
in view: 'a Accept l Label x Exclude o Keep u Undo / Filter', keys that did nothing while the
dialog was up (the picker's input took the letters)."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.screens.label_set_picker import LabelSetPicker

ROW_KEYS = {"accept", "pick_label", "exclude", "keep", "undo", "filter", "help"}


def footer_actions(screen) -> set[str]:
    """The actions of the keys drawn in the footer on the bottom line of ``screen``."""
    footers = [footer for footer in screen.query("Footer") if footer.region.bottom == screen.size.height]
    return {key.action for footer in footers for key in footer.query("FooterKey")}


@pytest.mark.parametrize(("keys", "dialog", "shown"), [
    (["l"], "LabelPicker", {"cancel"}),
    (["t"], "ThresholdDialog", {"next_type", "apply", "cancel"}),
    (["colon"], "GotoDialog", {"cancel"}),
    (["space", "x"], "BulkDialog", {"confirm", "cancel"}),
    (["e"], "ExportDialog", {"cancel"}),
    (["question_mark"], "HelpScreen", {"close"}),
])
async def test_a_dialog_footer_shows_its_own_keys(pinned_result, journal_path, keys, dialog, shown):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        assert ROW_KEYS - {"help"} <= footer_actions(app.screen)  # the row screen's own footer
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        actions = footer_actions(app.screen)
        assert actions == shown | {"app.command_palette"}, actions  # '^p palette', as every screen shows
        assert not actions & ROW_KEYS


async def test_the_label_set_picker_footer(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        app.push_screen(LabelSetPicker(["app", "card", "refund"], given=(0,)))
        await pilot.pause()
        await pilot.pause()
        assert footer_actions(app.screen) == {"cancel", "save", "app.command_palette"}


async def test_the_command_palette_hides_the_row_keys(pinned_result, journal_path):
    """Textual's command palette has no footer: the row screen's 'a Accept l Label x Exclude'
    stayed on the bottom line under it, keys its search box took as letters."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        row_screen = app.screen
        footer = next(f for f in row_screen.query("Footer") if f.region.bottom == row_screen.size.height)
        assert footer.visible
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.pause()
        assert "CommandPalette" in type(app.screen).__name__
        assert not footer.visible
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is row_screen and footer.visible
