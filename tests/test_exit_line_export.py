"""The shell is told where the app's export went (walk38).

tmux, the demo and banking77 test: e, enter wrote 'test.corrected.csv', its toast gone after 8 s; q then
said only 'textaudit: saved 4 decisions ... in test.corrections.jsonl', so a newcomer who exported and
quit had to remember where the file was, and whether decisions made after the export were in it.
"""

from __future__ import annotations

from pilot_helpers import exclude_first_label_row, journal_lines, start_export, wait_until
from tui_synthetic import fixed_app

from tui.launch import exit_lines
from tui.screens.export_dialog import ExportDialog


async def test_the_exit_lines_name_the_export_and_the_changes_after_it(pinned_result, tmp_path):
    journal, out = tmp_path / "j.jsonl", tmp_path / "fixed.csv"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await exclude_first_label_row(pilot, journal)
        await start_export(pilot, out)
        await wait_until(pilot, lambda: app.exported is not None, "the export")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog), "the dialog closed")
        await pilot.press("o")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 2, "the keep in the journal")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    rows = len(pinned_result.dataset) - 1
    lines = exit_lines(app)
    assert lines[0].startswith("textaudit: saved 2 decisions"), lines
    assert lines[1:] == [f"textaudit: exported {rows} rows to {out} this session (0 relabelled, 1 excluded); "
                         "1 later journal change is not in it: export again to include them"], lines
    assert out.is_file()

