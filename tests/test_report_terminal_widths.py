"""``textaudit audit``'s text report lines its example tables up as a terminal draws them.

The report redraws Datalab's label tables with class names (engine/report_render.named_report) and padded each cell
by Rich's cell_len, which counts a spacing vowel sign (Mc: the 'ा' of 'खाना', Tamil 'ா', 'ை') as 0 cells, a skin-tone
modifier as 0 and an emoji joined by a zero-width joiner as nothing; tmux 3.3a, xterm and VTE draw each of those in
cells of their own. In tmux (s42 indic42, s43 term43) the predicted_label column of a table with Hindi, Tamil and CJK
names ended at 110 or 114 cells by row. Checked here with glibc's wcwidth (tmux 3.3a's measure): every row's columns
end where the header's do."""

from __future__ import annotations

import re

from engine.report_render import named_report, report_text
from tests.glibc_cells import cells_of, glibc_width_fixture

glibc_width = glibc_width_fixture("\u093e", "glibc here does not give a spacing vowel sign 1 cell")

NAMES = ["खाना_मिठाई", "மழை_வானிலை", "旅行_出張", "👍🏽 good", "👨\u200d👩\u200d👧 family", "card", "বাংলা খবর"]

DATALAB = "\n".join([
    "Examples representing most severe instances of this issue:",
    "    is_label_issue  label_score  given_label  predicted_label",
    "18            True     0.037741            0                2",
    "81            True     0.065905            1                0",
    "21            True     0.068665            3                4",
    "20            True     0.068665            5                6",
    "7             True     0.074486            6                1",
    "",
    "    is_class_imbalance_issue  class_imbalance_score  given_label",
    "3                      False                 0.3125            0",
    "4                      False                 0.3125            4",
    "10                     False                 0.3125            2",
    "",
    "Rarest Class: 1",
])


def _column_ends(line: str, width) -> list[int]:
    """The cells up to the end of each column after the index (the right-aligned ones), by ``width``: a row's first
    cell is its index, the header (which starts with spaces) has none."""
    ends = [match.end() for match in re.finditer(r"\S+(?= {2,}|$)", line)]
    return [cells_of(line[:end], width) for end in ends[0 if line.startswith(" ") else 1:]]


def _tables(report: str) -> list[list[str]]:
    lines, tables = report.splitlines(), []
    for i, line in enumerate(lines):
        if "given_label" in line:
            end = next(j for j in range(i, len(lines)) if not lines[j].strip())
            tables.append(lines[i:end])
    return tables


def test_named_tables_line_up_as_a_terminal_draws_them(glibc_width) -> None:
    tables = _tables(named_report(DATALAB, NAMES))
    assert len(tables) == 2
    for header, *rows in tables:
        assert rows and all(any(name in row for name in NAMES) for row in rows), rows
        want = _column_ends(header, glibc_width)
        for row in rows:
            assert _column_ends(row, glibc_width) == want, (row, want)


def test_the_printed_report_keeps_them_lined_up(glibc_width) -> None:
    view = {"source": "d.csv", "n_rows": 20, "n_classes": len(NAMES), "issue_counts": {"label": 5},
            "label_estimate": None, "non_iid_p_value": None, "report": named_report(DATALAB, NAMES)}
    [table, _] = _tables(report_text(view, []))
    ends = {tuple(_column_ends(line, glibc_width)) for line in table}
    assert len(ends) == 1, table
