"""The help screen: every key, generated from the bindings the screens declare (tui/bindings.py)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import (
    APP_BINDINGS,
    CONFUSION_BINDINGS,
    DECISION_BINDINGS,
    DIALOG_PALETTE,
    PALETTE_KEY,
    REAUDIT_BINDINGS,
    REVIEW_BINDINGS,
    SET_BINDINGS,
    SUMMARY_BINDINGS,
    THRESHOLD_BINDINGS,
    VIEW_BINDINGS,
)
from tui.widgets.filter_bar import FILTER_HELP
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel
from tui.widgets.row_list import SORT_KEYS, RowList

KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc", "space": "space",
             "left_square_bracket": "[", "right_square_bracket": "]",
             "asterisk": "*", "colon": ":"}

SECTIONS = [
    ("Everywhere", APP_BINDINGS + [PALETTE_KEY]),
    ("Summary", SUMMARY_BINDINGS),
    ("Row screens: decisions, saved to the journal at once", DECISION_BINDINGS),
    # left/right (the list's sideways keys) choose a near-duplicate member: listed in that section
    ("Row screens: view", VIEW_BINDINGS + [b for b in RowList.BINDINGS if not b.action.startswith("sideways")]),
    ("Row screens: marks (a l x o act on them) and review", REVIEW_BINDINGS),
    ("Confusions (c on row screens, C on the summary)", CONFUSION_BINDINGS),
    ("Flag threshold dialog (t on row screens)", THRESHOLD_BINDINGS),
    ("Re-audit (R on the summary and row screens)", REAUDIT_BINDINGS),
    ("Near-duplicates: keys act on the selected member or the set", SET_BINDINGS
     + [Binding("l", "pick_label", "Label", tooltip="Relabel every member of the set"),
        Binding("f", "toggle_flagged", "Conflicts", tooltip="Conflicting sets only / every set")]),
]

#: A line under a section's keys: what the row lists' Suggested cells '=' and '-' mean (walk36: no legend anywhere;
#: the pane said 'none (the model agrees)' and 'none: no label issue here (the model's top class is X)')
SECTION_NOTES = {"Row screens: view": "Suggested: = the model agrees · - no label issue backs a change · "
                 "(name) with f: the model's top class, no label issue behind it; a takes it"}


#: Keys help names otherwise than by the binding's own key: the matrix's four arrow bindings, one help line; the
#: row lists' number keys, one line '1-6' (it read '1', its text saying '1 to 6').
HELP_KEYS = {"cell(-1, 0)": "arrows", "sort_column(1)": f"1-{SORT_KEYS}"}


def key_name(keys: str) -> str:
    return ", ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def binding_table(bindings: list[Binding]) -> Table:
    """Key and what it does; the heading is drawn apart so it spans the whole width."""
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action")
    seen = set()
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.key in seen:
            continue
        seen.add(binding.key)
        table.add_row(HELP_KEYS.get(binding.action) or key_name(binding.key), binding.tooltip or binding.description)
    return table


#: Keys that do nothing in a browser (``serve``): Textual's web driver cannot suspend, so ctrl+z
#: there did nothing while help said 'Suspend to the shell (fg resumes)'.
TERMINAL_ONLY_ACTIONS = frozenset({"suspend_process"})


def offered(bindings: list[Binding], web: bool) -> list[Binding]:
    """``bindings`` less those that do nothing where the app runs (``web``: in a browser)."""
    return [b for b in bindings if not (web and isinstance(b, Binding) and b.action in TERMINAL_ONLY_ACTIONS)]


def ordered(first: tuple[str, ...]) -> list[tuple[str, list[Binding]]]:
    """SECTIONS with those whose heading starts with one of ``first`` on top, in that order."""
    rank = [next((i for i, start in enumerate(first) if heading.startswith(start)), len(first))
            for heading, _ in SECTIONS]
    return [SECTIONS[i] for i in sorted(range(len(SECTIONS)), key=rank.__getitem__)]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of every screen, the keys of the screen it is opened on first (the
    near-duplicate keys were its last section, five pages down at 80x24); escape or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close"), DIALOG_PALETTE]
    AUTO_FOCUS = "#help"

    def __init__(self, first: tuple[str, ...] = (), *, filter_first: bool = False) -> None:
        """``first``: the sections to list first; ``filter_first``: the filter's syntax before them
        (? typed into an empty filter, whose hint says '? lists the syntax')."""
        super().__init__()
        self.first = first
        self.filter_first = filter_first

    def compose(self) -> ComposeResult:
        filter_text = Text("Filter line (/): ", style="bold")
        filter_text.append(FILTER_HELP)
        with VerticalScroll(id="help"):
            # parts that break between them: at 60 columns '... · esc' / 'closes'
            yield PartsLabel(["textaudit keys", *(["this screen's first"] if self.first else []), "esc closes"],
                             id="help-title")
            if self.filter_first:
                yield Static(filter_text, classes="help-heading", markup=False)
            for heading, bindings in ordered(self.first):
                yield Static(Text(heading, style="bold underline"), classes="help-heading", markup=False)
                yield Static(binding_table(offered(bindings, self.app.is_web)), markup=False)
                if note := SECTION_NOTES.get(heading):
                    yield Static(Text(note, style="italic"), classes="help-note", markup=False)
            if not self.filter_first:  # listed once: after ? in the filter it is first (ui25 saw it twice)
                yield Static(filter_text, classes="help-heading", markup=False)
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def action_close(self) -> None:
        self.dismiss(None)
