"""The re-audit screen (``R``): audits the dataset with the journal's corrections applied (in the
app's worker; escape cancels), then shows what changed: per issue type the issues resolved,
still flagged and newly flagged, and per class. Enter on a type lists its newly flagged rows.
"""

from __future__ import annotations

import time
from typing import Any

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.bindings import REAUDIT_BINDINGS
from tui.names import cut_middle, drawn_name, natural_key
from tui.screens.history_keys import HistoryKeys
from tui.screens.progress import CANCELLING, StageClock, duration
from tui.screens.summary import JOURNAL_CELLS
from tui.view import ISSUE_TITLES
from tui.widgets.footer import Footer
from tui.widgets.row_table import RowTable

CLASS_ROWS = 10  # classes shown in the per-class table (most changed first)
#: The class column's cells: the room the screen leaves beside the three counts' columns and the
#: padding (COUNT_CELLS), at least MIN_CLASS_CELLS; CLASS_CELLS before the screen is laid out. It was
#: 32 at any width: at 200 columns banking77's 'balance_not_upda…r_bank_transfer', at 60 'Remain…' (ui30).
CLASS_CELLS = 32
COUNT_CELLS = 32
MIN_CLASS_CELLS = 16
#: 'Remaining', as the per-class table below it and the CLI's delta say ('Still flagged' named it here)
HEADINGS = ("Issue type", "Before", "After", "Resolved", "Remaining", "New")
#: Where the table is wider than the screen (60 columns), the titles longer than 'Near-duplicates'
#: are cut to a word or two: 'Underperforming group' put New, the column enter acts on, behind a
#: sideways scroll.
SHORT_TITLES = {"underperforming_group": "Underperforming", "null": "Empty text", "overlapping_class": "Overlapping"}
#: The title's words before the journal's name, the shorter where the longer leave it too little room.
TITLE_HEADS = ("Re-audit with the corrections in ", "Re-audit · ")


def title_text(journal_name: str, room: int) -> str:
    """The title within ``room`` cells (0: not laid out yet, whole): the journal's name cut in its middle,
    its end kept, as the summary's title cuts it; the bar's own ellipsis at its right edge cut the end
    ('Re-audit with the corrections in banking77_test_v2.corr…' at 60 columns: which journal, unsaid)."""
    for head in TITLE_HEADS:
        left = room - cell_len(head)
        if room <= 0 or left >= cell_len(journal_name):
            return head + journal_name
        if left >= JOURNAL_CELLS:
            break
    return head + cut_middle(journal_name, max(left, JOURNAL_CELLS))


def class_table(delta: dict[str, Any], issue_type: str, names: dict[str, str] | None = None,
                name_cells: int = CLASS_CELLS) -> Any:
    """Per class: resolved / remaining / new of one issue type, most changed first; ``names``
    (--label-names): each class as the data spells it -> the name shown (the delta keeps the values);
    ``name_cells``: the most cells a class name takes (cut in its middle past them)."""
    entry = delta.get(issue_type) or {}
    by_class = {(names or {}).get(key, key): counts for key, counts in (entry.get("by_class") or {}).items()}
    if not by_class:
        return ""
    ranked = sorted(by_class.items(),
                    key=lambda item: (-(item[1]["resolved"] + item[1]["new"]), natural_key(str(item[0]))))
    unit = entry.get("by_class_unit", "class")  # "label": label sets, a row counted under each of its labels
    title = f"{ISSUE_TITLES.get(issue_type, issue_type)} by {unit}"
    table = Table(box=None, padding=(0, 1), show_edge=False, title_justify="left", title=title)
    table.add_column(unit.capitalize(), no_wrap=True, max_width=name_cells)
    for name in ("Resolved", "Remaining", "New"):
        table.add_column(name, justify="right")
    for name, counts in ranked[:CLASS_ROWS]:
        shown = Text(cut_middle(drawn_name(name), name_cells))  # the data's name: not markup, no raw control bytes
        table.add_row(shown, resolved_cell(counts), f"{counts['remaining']:,}", f"{counts['new']:,}")
    if unit == "label":
        from rich.console import Group

        return Group(table, Text("label sets: a row counts under each label of its set", style="italic"))
    return table


#: What a Resolved cell's 'decided+undecided' means (walk36: ag_news after 34 decisions said 'Resolved 98', 64 of
#: them rows nobody decided that the new audit's own cut, 161 flags to 64, no longer flagged). Every resolved
#: row is one no longer flagged: 'rows you decided + ...' read as every decided row (walk41: the demo's
#: near-duplicate pair given one label, 2 rows decided, said Resolved 0 and nothing of why)
RESOLVED_NOTE = "Resolved: rows no longer flagged, those you decided + those without a decision"


def still_flagged_line(delta: dict[str, Any]) -> str:
    """The decided rows the new audit still flags, per type ('' where none): they count as Remaining (a row
    kept as it is; a near-duplicate given one label, its copy still there)."""
    found = [f"{ISSUE_TITLES.get(name, name)} {entry['remaining_decided']:,}" for name, entry in delta.items()
             if name != "non_iid" and entry.get("remaining_decided")]
    return f"Still flagged after your decision (counted in Remaining): {', '.join(found)}" if found else ""


def resolved_cell(counts: dict[str, Any]) -> str:
    """A Resolved count as 'decided+undecided' ('34+64'), where the delta knows which were decided."""
    resolved, decided = counts["resolved"], counts.get("resolved_decided")
    return f"{resolved:,}" if decided is None or not resolved else f"{decided:,}+{resolved - decided:,}"


def moved_note(moved: dict[str, tuple[int, int]]) -> str:
    """Why Before differs from the summary after a threshold change: the re-audit counts each
    check's own flags (after t on banking77, the summary said 9 label issues and Before said 7)."""
    said = "; ".join(f"{ISSUE_TITLES.get(name, name)} {now:,} on the summary, {default:,} here"
                     for name, (now, default) in moved.items())
    return f"Before and After are each audit's own flags, not the thresholds moved with t ({said})"


def overlap_line(reaudit: Any) -> str:
    """The classes the model cannot tell apart (engine/class_overlap.py) before and after the
    corrections, when either audit has some: relabelling their mixed-up rows is what fixes them,
    and no row check's counts show it (empty when neither has a group)."""

    def said(result: Any) -> str:
        groups = (result.output.info.get("label") or {}).get("overlapping_class_groups") or []
        classes = sum(len(group["classes"]) for group in groups)
        return f"{classes} classes, {sum(int(group['rows']) for group in groups):,} rows" if groups else "none"

    before, after = said(reaudit.before), said(reaudit.after)
    return "" if before == after == "none" else f"Classes the model cannot tell apart: {before} before, {after} after"


class ReauditScreen(HistoryKeys, Screen):
    """Progress while the worker runs; the delta once it has finished."""

    BINDINGS = REAUDIT_BINDINGS
    HELP_FIRST = ("Re-audit",)
    AUTO_FOCUS = "#delta-table"

    def __init__(self, journal_name: str) -> None:
        super().__init__()
        self.journal_name = journal_name
        self.started = time.monotonic()
        self.clocks: dict[str, StageClock] = {}
        self.reaudit: Any = None
        self.running = True
        self.types: list[str] = []
        self.short = False  # the titles shortened to fit (SHORT_TITLES)
        self.cancelling = False  # escape pressed while it runs: the status says so until it stops
        self.classes_of: str | None = None  # the issue type the per-class table shows

    def compose(self) -> ComposeResult:
        yield Static(title_text(self.journal_name, 0), id="title-bar", markup=False)
        yield Static("starting…", id="reaudit-status", markup=False)
        yield RowTable(id="delta-table", cursor_type="row", zebra_stripes=False)
        yield Static(id="delta-classes", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#delta-table", DataTable)
        table.add_columns(*HEADINGS)
        table.display = False
        self.set_interval(0.25, self.tick)

    def tick(self) -> None:
        if self.running:
            self.draw_progress()

    def update_stage(self, stage: str, done: int, total: int, text: str, reused: int = 0) -> None:
        now = time.monotonic()
        clock = self.clocks.get(stage)
        if clock is None:
            clock = self.clocks[stage] = StageClock(stage, now)
        clock.report(now, done, total, text, reused)
        if text == "done":  # the pipeline's last word on a stage
            clock.finished = now
        self.draw_progress()

    def draw_progress(self) -> None:
        now = time.monotonic()
        lines = [clock.line(now) for clock in self.clocks.values()]
        # the tick redrew 'escape cancels' over 'cancelling…' within 0.25 s, while the step ran on for
        # seconds (ui30, tmux, banking77 test: escape during predict, no word until 're-audit cancelled')
        lines.append(f"elapsed {duration(now - self.started)} · {CANCELLING if self.cancelling else 'escape cancels'}")
        self.query_one("#reaudit-status", Static).update("\n".join(lines))

    def show_delta(self, reaudit: Any, moved: dict[str, tuple[int, int]] | None = None) -> None:
        """Fill the delta table; the cursor starts on the first type with newly flagged rows.
        ``moved``: checks whose threshold the reviewer moved (t), as (flagged now, flagged by the
        audit): the counts here are the audits' own flags, which the status line then says."""
        self.running = False
        self.reaudit = reaudit
        delta = reaudit.delta
        j = reaudit.journal
        took = duration(time.monotonic() - self.started)
        reuse = [n for n in reaudit.after.notes if n.startswith("reused the vectors")]  # 'all N' where every one
        hits = reaudit.after.stage_cache_hits
        words = {"embed": "embeddings", "neighbours": "neighbour graph"}  # stage names are not words
        cached = " and ".join(words[stage] for stage in ("embed", "neighbours") if hits.get(stage))
        status = (f"Done in {took}: {j.get('relabel', 0):,} relabelled, {j.get('exclude', 0):,} excluded, "
                  f"{j.get('keep', 0):,} kept as they are"
                  + (f" · reused the cached {cached}" if cached else "") + (f" · {reuse[0]}" if reuse else "")
                  + ("\n" + j["unapplied"] if j.get("unapplied") else "")
                  + ("\n" + moved_note(moved) if moved else "")
                  + ("\n" + line if (line := overlap_line(reaudit)) else "")
                  + ("\n" + line if (line := self.new_class_note(reaudit)) else "")
                  + ("\n" + RESOLVED_NOTE if any("resolved_decided" in d for d in delta.values()) else "")
                  + ("\n" + line if (line := still_flagged_line(delta)) else "")
                  + "\nenter lists a type's newly flagged rows · escape goes back")
        self.query_one("#reaudit-status", Static).update(status)
        table = self.query_one("#delta-table", DataTable)
        self.types = [name for name in delta if name != "non_iid"]
        self.fill_table()
        table.display = True
        table.focus()
        first = next((i for i, name in enumerate(self.types) if delta[name]["new"]),
                     next((i for i, name in enumerate(self.types) if delta[name]["resolved"]), 0))
        if table.row_count:
            table.move_cursor(row=first)
        self.show_classes(self.types[first] if self.types else None)

    def new_class_note(self, reaudit: Any) -> str:
        """Why a row relabelled to a new class is not counted as resolved: it is flagged again (engine/reaudit)."""
        from engine.reaudit import new_class_flags, new_class_line

        found = new_class_flags(reaudit)
        view = getattr(self.app, "view", None)
        names = {**(getattr(view, "value_names", None) or {}), **getattr(view, "new_names", {})}
        return new_class_line(found, {key: drawn_name(names.get(key, key)) for key in found})

    def cells(self, short: bool) -> list[tuple[str, ...]]:
        """The table's rows, each type's title shortened where ``short``."""
        delta = self.reaudit.delta
        return [((short and SHORT_TITLES.get(name)) or ISSUE_TITLES.get(name, name),
                 f"{delta[name]['before']:,}", f"{delta[name]['after']:,}", resolved_cell(delta[name]),
                 *(f"{delta[name][k]:,}" for k in ("remaining", "new"))) for name in self.types]

    def fits(self, rows: list[tuple[str, ...]]) -> bool:
        """Whether a table of ``rows`` fits the screen without a sideways scroll."""
        table = self.query_one("#delta-table", DataTable)
        widths = [max(cell_len(cell) for cell in column) for column in zip(HEADINGS, *rows)]
        room = self.size.width - table.styles.margin.width
        return sum(widths) + 2 * table.cell_padding * len(widths) <= room

    def fill_table(self) -> None:
        """(Re)fill the table at this width, keeping the cursor's row."""
        table = self.query_one("#delta-table", RowTable)
        rows = self.cells(short=False)
        self.short = not self.fits(rows)
        if self.short:
            rows = self.cells(short=True)
        cursor = table.cursor_row
        table.clear_rows()
        for name, row in zip(self.types, rows):
            table.add_row(*row, key=name)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)

    def on_resize(self) -> None:
        bar = self.query_one("#title-bar", Static)
        bar.update(title_text(self.journal_name, bar.content_region.width))
        if self.reaudit is not None:
            self.show_classes(self.classes_of)  # the names' room changes with the width
        if self.reaudit is not None and self.types and self.short == self.fits(self.cells(short=False)):
            self.fill_table()  # the titles' length changes with the width

    def show_classes(self, issue_type: str | None) -> None:
        view = getattr(self.app, "view", None)
        names = getattr(view, "value_names", None)
        if names is not None:  # and a class the journal added, by the name --label-names gives it ('5=New')
            names = {**getattr(view, "new_names", {}), **names}
        self.classes_of = issue_type
        cells = max(MIN_CLASS_CELLS, self.size.width - COUNT_CELLS) if self.size.width else CLASS_CELLS
        body = class_table(self.reaudit.delta, issue_type, names, cells) if issue_type and self.reaudit else ""
        self.query_one("#delta-classes", Static).update(body)

    def show_stopped(self, text: str) -> None:
        self.running = False
        self.query_one("#reaudit-status", Static).update(text + "\nescape goes back")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value in self.types:
            self.show_classes(event.row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_newly_flagged(event.row_key.value)

    def action_open_new(self) -> None:
        table = self.query_one("#delta-table", DataTable)
        if not self.running and table.row_count:
            self.app.open_newly_flagged(self.types[table.cursor_row])

    def action_undo(self) -> None:
        if self.running:  # it reads the journal as it was: an undo now would not count
            self.notify("the re-audit is running: u after it ends (escape cancels it)", timeout=3)
        else:
            super().action_undo()

    def action_redo(self) -> None:
        if self.running:
            self.notify("the re-audit is running: ctrl+r after it ends (escape cancels it)", timeout=3)
        else:
            super().action_redo()

    @property
    def running(self) -> bool:
        return self._auditing

    @running.setter
    def running(self, value: bool) -> None:
        self._auditing = value
        if self.is_mounted:
            self.refresh_bindings()  # escape's word in the footer: Cancel while it runs, then Back

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running
        if action == "back":
            return not self.running
        return True

    def action_cancel(self) -> None:
        """Escape while it runs."""
        if self.running:
            self.app.cancel_reaudit()
            self.cancelling = True
            self.draw_progress()

    def action_back(self) -> None:
        """Escape once it has ended."""
        if not self.running:
            self.app.pop_screen()
