"""Datalab's own report text, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class ReportScreen(Screen):
    """The report ``textaudit audit`` prints; escape goes back."""

    BINDINGS = [Binding("escape,q", "back", "Back")]

    def __init__(self, report: str) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        yield Static("Datalab report · escape: back", id="title-bar")
        with VerticalScroll(id="report"):
            yield Static(Text(self.report))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
