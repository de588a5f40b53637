"""The export dialog's format line and its unknown-extension warning list the same extensions, the ones export
accepts (fix40c: the line listed 5, .csv .tsv .jsonl .json .parquet; the warning 7, with .ndjson and .pq)."""

from __future__ import annotations

import re
from pathlib import Path

from pilot_helpers import export_format_line, export_warning, one_row_export_dialog

from engine.formats import SUFFIX_FORMATS, format_of


def _listed(text: str, before: str) -> list[str]:
    """The extensions listed after ``before`` in ``text`` (up to the closing parenthesis or ', or')."""
    tail = " ".join(text.split()).split(before, 1)[1]
    return re.findall(r"\.[a-z]+", re.split(r"\)|, or ", tail)[0])


async def test_the_format_line_and_the_warning_list_what_export_accepts(tmp_path: Path) -> None:
    async with one_row_export_dialog(tmp_path, size=(120, 40)) as (app, pilot, path):
        said = export_format_line(app.dialog)
        path.value = str(tmp_path / "out.xlsx")
        await pilot.pause()
        warned = export_warning(app.dialog)
        line, warning = _listed(said, "Format follows the extension ("), _listed(warned, "use ")
        assert sorted(line) == sorted(warning) == sorted(SUFFIX_FORMATS)
        for suffix in line:  # each one listed is taken: no warning, and export knows its format
            path.value = str(tmp_path / f"out{suffix}")
            await pilot.pause()
            assert "unknown extension" not in export_warning(app.dialog)
            assert format_of(Path(f"out{suffix}")) is not None
