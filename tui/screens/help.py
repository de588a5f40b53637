"""The help screen: every key, generated from the BINDINGS the screens declare."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.filter_bar import FILTER_HELP


def _key_name(keys: str) -> str:
    names = {"slash": "/", "question_mark": "?", "escape": "esc", "space": "space",
             "left_square_bracket": "[", "right_square_bracket": "]"}
    return ", ".join(names.get(k, k) for k in keys.split(","))


def binding_table(title: str, bindings) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action")
    seen = set()
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.key in seen:
            continue
        seen.add(binding.key)
        table.add_row(_key_name(binding.key), binding.tooltip or binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys of every screen; escape or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        from tui.app import TextauditApp
        from tui.screens.near_duplicates import SET_BINDINGS
        from tui.screens.row_screen import DECISION_BINDINGS, VIEW_BINDINGS
        from tui.screens.summary import SummaryScreen
        from tui.widgets.row_list import RowList

        sections = [
            binding_table("Everywhere", TextauditApp.BINDINGS + [Binding("ctrl+p", "", "Command palette: every screen and action")]),
            binding_table("Summary", SummaryScreen.BINDINGS),
            binding_table("Row screens: decisions (saved to the journal at once)", DECISION_BINDINGS),
            binding_table("Row screens: view", VIEW_BINDINGS + RowList.BINDINGS),
            binding_table("Near-duplicates (act on the selected member or the whole set; l relabels the set)",
                          SET_BINDINGS),
        ]
        filter_text = Text("Filter line (/): ", style="bold")
        filter_text.append(FILTER_HELP)
        with VerticalScroll(id="help"):
            yield Static(Text("textaudit keys · esc closes", style="bold"))
            for table in sections:
                yield Static(table)
            yield Static(filter_text)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
