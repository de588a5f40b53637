"""The exit line names every export the app wrote, not only the last (walk39: banking77, a full export to
test.corrected.csv then a changed-rows export to changes.csv; q said only 'exported 3 rows to changes.csv', and
the user looked for the full file in vain), and a failed export's line names its path once (fix39d: 'the export to
X failed: cannot write X: ...')."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from engine.errors import DataError
from engine.export import ExportSummary
from tui.launch import export_line


def _app(*summaries: ExportSummary, failed=None) -> SimpleNamespace:
    book = SimpleNamespace(journal=SimpleNamespace(next_seq=3))
    return SimpleNamespace(book=book, exported=summaries[-1] if summaries else None, exports=list(summaries),
                           export_failed=failed)


def test_each_export_written_is_named_in_order() -> None:
    full = ExportSummary(Path("/d/test.corrected.csv"), 3080, 2, 1, 0, journal_seq=3)
    changes = ExportSummary(Path("/d/changes.csv"), 3, 2, 1, 0, journal_seq=3, changed_only=True)
    assert export_line(_app(full, changes)) == [
        "textaudit: exported 3,080 rows to /d/test.corrected.csv this session (2 relabelled, 1 excluded)",
        "textaudit: exported 3 rows to /d/changes.csv this session (2 relabelled, 1 excluded)"]


def test_a_path_written_again_is_named_once_by_its_latest_export() -> None:
    first = ExportSummary(Path("/d/out.csv"), 10, 0, 0, 0, journal_seq=2)
    again = ExportSummary(Path("/d/out.csv"), 9, 0, 1, 0, journal_seq=3)
    assert export_line(_app(first, again)) == [
        "textaudit: exported 9 rows to /d/out.csv this session (0 relabelled, 1 excluded)"]


def test_a_failed_export_names_its_path_once_after_the_files_written() -> None:
    full = ExportSummary(Path("/d/a.csv"), 5, 0, 0, 0, journal_seq=3)
    error = DataError("cannot write /full/a.csv: No space left on device")
    lines = export_line(_app(full, failed=(Path("/full/a.csv"), error)))
    assert lines[0] == "textaudit: exported 5 rows to /d/a.csv this session (0 relabelled, 0 excluded)"
    assert lines[1:] == ["textaudit: export to /full/a.csv failed: cannot write it: No space left on device"], lines
