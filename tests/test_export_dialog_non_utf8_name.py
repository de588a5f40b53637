"""The export dialog and the app's toasts name a Latin-1 file with its byte escaped, as the title, notes and exit
line do (bc5cdf5, a4f7870): Python reads 'caf\\xe9.csv' as 'caf\\udce9.csv', and a UTF-8 terminal dropped the byte
written back for it: the dialog's 'Note: caf.csv: 1 blank line ...' and the toast 'wrote 3 rows to caf.csv' named
another file (fix39c left this)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tui.app import TextauditApp
from tui.screens.export_dialog import ExportDialog

NAME = "caf\udce9"  # the file caf\xe9 as Python reads its name
SHOWN = "caf$'\\xe9'"


def test_the_dialog_escapes_the_byte_in_its_paths_and_notes(tmp_path: Path) -> None:
    dialog = ExportDialog(str(tmp_path / f"{NAME}.csv"), tmp_path / f"{NAME}.corrections.jsonl",
                          {"relabel": 0, "exclude": 1, "keep": 0}, 3,
                          notes=[f"{NAME}.csv: 1 blank line is not a row; an export leaves them out"])
    said = dialog.summary(False)
    assert "\udce9" not in said
    assert f"From:    {tmp_path}/{SHOWN}.csv\n" in said
    assert f"Journal: {tmp_path}/{SHOWN}.corrections.jsonl\n" in said
    assert f"Note:    {SHOWN}.csv: 1 blank line is not a row" in said


def test_a_toast_escapes_the_byte(tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(App, "notify", lambda self, message, **options: shown.append(message))
    app = TextauditApp(source=str(tmp_path / f"{NAME}.csv"), journal_path=tmp_path / "j.jsonl")
    app.notify(f"wrote 3 rows to {tmp_path}/{NAME}.corrected.csv (0 relabelled, 1 excluded)", timeout=8)
    assert shown == [f"wrote 3 rows to {tmp_path}/{SHOWN}.corrected.csv (0 relabelled, 1 excluded)"]
