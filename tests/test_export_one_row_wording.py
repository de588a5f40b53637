"""export's summary said 'wrote 1 rows to ...' (a --corrections-only export of one decision)."""

from __future__ import annotations

from pathlib import Path

from engine.export import ExportSummary


def test_one_row_is_one_row() -> None:
    line = ExportSummary(path=Path("o.csv"), rows_written=1, relabelled=1, excluded=0, kept=0, fmt="csv").line()
    assert line == "wrote 1 row to o.csv (csv): 1 relabelled, 0 excluded, 0 kept as is"
    assert ExportSummary(path=Path("o.csv"), rows_written=1200, relabelled=0, excluded=0, kept=0,
                         fmt="csv").line().startswith("wrote 1,200 rows to o.csv")
