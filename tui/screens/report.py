"""The audit report, scrollable line by line (and sideways); Enter on a row of an example table opens that row.

Datalab's report is written for notebooks: its Python advice (``datalab.get_issues(...)``) is
left out here, and the row numbers of its example tables open the row on its issue screen.
The first lines say which score flags the label rows, with Datalab's own flag beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.bindings import HISTORY_BINDINGS
from tui.screens.history_keys import HistoryKeys
from tui.view import AuditView
from tui.widgets.footer import Footer
from tui.widgets.wide_lines import WideLines

#: Lines of advice for a Python session, pointless in the app.
PYTHON_ADVICE = re.compile(r"datalab\.\w+\(|`datalab|get_issues\(")
SECTION = re.compile(r"^-+ (\w+) issues -+$")
TABLE_ROW = re.compile(r"^\s*(\d+)\s+(?:True|False)\b")
PRED_PROBS = "pred_probs: "  # the header's line (engine/report_render.report_text)
COLUMN_GAP = re.compile(r"\S {2,}(?=\S)")  # a gap between two columns of a table (pandas' to_string)


@dataclass(frozen=True)
class ReportLine:
    text: str
    issue_type: str | None = None  # set on a row of an example table: Enter opens it
    row: int | None = None
    fit: bool = False  # cut to the width in its longest word (the header's 'pred_probs:', as the summary's)

    @property
    def table(self) -> bool:
        """A table's line (drawn whole, scrolled sideways), not prose (wrapped): a row of an example
        table, or a line with two column gaps or more."""
        return self.row is not None or len(COLUMN_GAP.findall(self.text)) >= 2


def report_lines(view: AuditView) -> list[ReportLine]:
    """The report without Python advice, each example-table row tagged with its issue and row."""
    lines = [ReportLine(text) for text in filter(None, [view.label_source()])]
    if lines:
        lines.append(ReportLine(""))
    section: str | None = None
    for text in view.report.splitlines():
        if PYTHON_ADVICE.search(text):
            continue
        if section is None and text.startswith(PRED_PROBS):  # a --model folder's path: the CLI says it whole
            lines.append(ReportLine(text, fit=True))
            continue
        if match := SECTION.match(text.strip()):
            section = match.group(1)
        elif section and (match := TABLE_ROW.match(text)):
            row = int(match.group(1))
            if section in view.issue_types and 0 <= row < len(view):
                lines.append(ReportLine(text, section, row))
                continue
        lines.append(ReportLine(text))
    return lines


class ReportScreen(HistoryKeys, Screen):
    """The report ``textaudit audit`` prints; Enter on a row number opens it; escape goes back."""

    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("enter", "open_row", "Open row"),
        *HISTORY_BINDINGS,
    ]
    AUTO_FOCUS = "#report"

    def __init__(self, view: AuditView) -> None:
        super().__init__()
        self.view = view
        self.lines = report_lines(view)

    def compose(self) -> ComposeResult:
        # 58 cells: whole at 60 columns ('escape: back' ended 'escape: b…' there, ui28); esc as the help says it
        yield Static("Audit report · enter on a row number opens it · esc closes", id="title-bar", markup=False)
        # tables whole, scrolled sideways (left/right; they wrapped in two at 120 columns), the notes wrapped
        texts = [Text(line.text.expandtabs(4), style="bold" if line.row is not None else "") for line in self.lines]
        yield WideLines(texts, [line.table for line in self.lines], fit=[line.fit for line in self.lines],
                        id="report")
        yield Footer()

    @on(WideLines.Selected, "#report")
    def opened(self, event: WideLines.Selected) -> None:
        event.stop()
        self.open_line(event.index)

    def action_open_row(self) -> None:
        report = self.query_one("#report", WideLines)
        if report.highlighted is not None:
            self.open_line(report.highlighted)

    def open_line(self, index: int) -> None:
        line = self.lines[index]
        if line.row is None or line.issue_type is None:
            self.notify("no row on this line: the bold lines of the example tables open", timeout=3)
            return
        self.app.pop_screen()
        if line.issue_type == "non_iid":
            self.app.open_issue("non_iid")
        else:
            self.app.show_row(line.issue_type, line.row)

    def action_back(self) -> None:
        self.app.pop_screen()
