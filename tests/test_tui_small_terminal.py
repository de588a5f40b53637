"""A 60x15 terminal: the dialogs say their keys where they are seen. The export dialog's buttons
and the keys of the threshold and bulk dialogs were below the bottom edge (tmux at 60x15)."""

from __future__ import annotations

from pilot_helpers import press_on, settle
from textual.widgets import Button
from tui_synthetic import fixed_app


def on_screen(app, widget) -> bool:
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= app.size.height


async def test_export_dialog_fits_60x15_and_keeps_its_full_form_at_80x24(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 15)) as pilot:
        dialog = await press_on(pilot, "label", "e")
        assert type(dialog).__name__ == "ExportDialog"
        for button in dialog.query(Button):
            assert on_screen(app, button), button.region
        # (the title breaks between its parts where it is too wide: tui/widgets/parts_label.py)
        assert "enter exports · esc cancels" in str(dialog.query_one(".dialog-title").render()).replace("\n", " · ")
        assert "Writes 258 of 258 rows" in str(dialog.query_one("#export-summary").render())
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#export-format").display  # the format sentence, hidden only when short
        assert all(on_screen(app, button) and button.region.height == 3 for button in dialog.query(Button))


async def test_threshold_and_bulk_dialogs_say_their_keys_in_the_title(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 15)) as pilot:
        await press_on(pilot, "label", "t")
        title = app.screen.query_one("#threshold-title")
        assert "enter applies · esc cancels" in str(title.render()).replace("\n", " · ") and on_screen(app, title)
        await pilot.press("escape")
        await pilot.press("space", "down", "space", "x")
        await pilot.pause()
        title = app.screen.query_one("#bulk-title")
        assert "enter/y confirms · esc/n cancels" in str(title.render()).replace("\n", " · ") and on_screen(app, title)


async def test_the_export_summary_follows_the_changed_rows_checkbox(pinned_result, tmp_path):
    """The checkbox's state showed by colour alone ('▐X▌' on and off; NO_COLOR or a capture cannot
    tell them apart): the summary line now says what will be written."""
    from textual.widgets import Checkbox

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await press_on(pilot, "label", "a", "down", "x", "e")
        summary = dialog.query_one("#export-summary")
        assert "Writes 257 of 258 rows: 1 relabelled, 1 excluded" in str(summary.render())
        dialog.query_one(Checkbox).toggle()
        await pilot.pause()
        assert "Writes only the 2 changed rows (1 relabelled, 1 excluded)" in str(summary.render())
        dialog.query_one(Checkbox).toggle()
        await pilot.pause()
        assert "Writes 257 of 258 rows" in str(summary.render())


async def test_the_palette_key_covers_the_footer_to_its_right_edge(pinned_result, tmp_path):
    """At 60 columns the compact footer's palette key kept a one-column margin on the right, where
    the last key under it showed through ('▏^p palette1' in tmux on the near-duplicate screen).
    Narrower than 80 columns the footer now leaves the palette key out (test_footer_narrow_help),
    so this is checked at 80."""
    from textual.widgets import Footer

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 15)) as pilot:
        app.open_issue("near_duplicate")
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        palette = footer.query_one(".-command-palette")
        assert palette.region.right == footer.region.right, (palette.region, footer.region)
