"""The summary's cursor starts on the first issue type with flagged rows: on a file with no empty
texts it sat on 'Null / empty text' (0 rows), so the README's Down Enter opened Outliers where
Label issues was meant (banking77 test slice in tmux)."""

from __future__ import annotations

import numpy as np
from textual.widgets import DataTable
from tui_synthetic import fixed_result, fixed_view

from tui.app import TextauditApp


async def _start_row(demo_csv, tmp_path, *, empty: tuple[str, ...]) -> str:
    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    for name in empty:
        view.flags[name] = np.zeros(len(view), dtype=bool)
        view.counts[name] = 0
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        return view.issue_types[table.cursor_row]


async def test_no_empty_texts_starts_on_the_label_issues(demo_csv, tmp_path):
    assert await _start_row(demo_csv, tmp_path, empty=("null",)) == "label"


async def test_an_empty_text_keeps_the_first_row(demo_csv, tmp_path):
    assert await _start_row(demo_csv, tmp_path, empty=()) == "null"  # the demo's one empty text


async def test_nothing_flagged_anywhere_starts_on_the_first_row(demo_csv, tmp_path):
    result = fixed_result(demo_csv)
    names = tuple(fixed_view(result.dataset).issue_types)
    assert await _start_row(demo_csv, tmp_path, empty=names) == names[0]
