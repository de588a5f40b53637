"""The export dialog says before Enter that a journal path is refused: it offered 'c500.corrections.jsonl
exists: press Enter again to replace it' for another dataset's journal, then the export failed with the
command line's '--output ... is a corrections journal; refusing to overwrite it, even with --force'."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input

from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}
LINE = {"v": 1, "seq": 1, "group": 1, "group_size": 1, "ts": "2026-12-05T14:21:50.825Z", "action": "relabel",
        "row": 0, "id": 0, "text_sha256": "0" * 64, "label_before": "a", "label_after": "b",
        "issue_type": "label", "suggested_label": "b", "id_column": None, "label_column": "label",
        "text_column": "text", "data": "other.csv"}


async def _enter_twice(pilot, app: DialogHost, value: str) -> str:
    app.dialog.query_one("#export-path", Input).value = value
    await pilot.pause()
    shown = export_warning(app.dialog)
    await pilot.press("enter", "enter")
    await pilot.pause()
    return shown


async def test_another_datasets_journal_is_refused_before_enter(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\n")
    other = tmp_path / "other.corrections.jsonl"  # a journal of another dataset, in the same folder
    other.write_text(json.dumps(LINE) + "\n")
    before = other.read_bytes()
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = await _enter_twice(pilot, app, str(other))
        assert "exists" not in shown and "a corrections journal: export never overwrites it" in shown
        assert app.results == [] and "never overwrites" in export_warning(app.dialog)
    assert other.read_bytes() == before


async def test_the_datas_default_journal_path_is_refused_with_journal_elsewhere(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    """browse data.csv --journal elsewhere: data.corrections.jsonl (no file yet) is where the next
    browse or export of data.csv looks for its journal; export_corrected refuses it after Enter."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\n")
    app = DialogHost(ExportDialog(str(source), tmp_path / "elsewhere" / "j.jsonl", COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = await _enter_twice(pilot, app, str(tmp_path / "data.corrections.jsonl"))
        assert "corrections journal goes" in shown and app.results == []
    assert not (tmp_path / "data.corrections.jsonl").exists()


def test_plain_files_and_hub_sources_are_not_in_the_way(tmp_path: Path) -> None:
    from engine.output_guard import journal_in_the_way

    (tmp_path / "out.jsonl").write_text('{"text": "x", "label": "a"}\n')  # a JSON Lines export, not a journal
    assert journal_in_the_way(tmp_path / "out.jsonl", str(tmp_path / "data.csv")) is None
    assert journal_in_the_way(tmp_path / "new.csv", "hf:user/name") is None
