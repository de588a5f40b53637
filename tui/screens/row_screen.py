"""The base of every row screen: list + detail pane + filter line + decision keys.

A subclass says which entries it lists (rows, or near-duplicate sets), how to draw a cell and
which rows a key acts on; filtering, sorting, decisions, undo/redo live here once.

Filtering and sorting run in a thread worker (one per screen, a new request cancels the old):
the worker only computes the new order of entries and returns it; the handler swaps it into
the row list, so a million-row sort never blocks a key press (tui/screens/row_order.py).
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.bindings import DECISION_BINDINGS, REVIEW_BINDINGS, VIEW_BINDINGS
from tui.columns import DECISION, GIVEN, ROW, SCORE, SUGGESTED, TEXT
from tui.decision_column import decision_column
from tui.decisions import RELABEL, DecisionBook
from tui.screens.row_decisions import DecisionKeys
from tui.screens.row_hiding import HideDecided
from tui.screens.row_marks import MarkKeys
from tui.screens.row_order import ListOrder, OrderRequest
from tui.terminal_text import format_score, list_cell, terminal_safe
from tui.text_index import Check
from tui.title_fit import fit_title
from tui.view import ISSUE_TITLES, AuditView
from tui.widgets.detail_pane import DetailPane
from tui.widgets.filter_bar import FilterBar, FilterSpec, parse_filter
from tui.widgets.footer import Footer
from tui.widgets.row_list import GROW_TEXT_SHARE, Column, RowList

FILTER_DEBOUNCE_S = 0.15  # typing pauses this long before the filter runs (Enter runs it at once)


def is_similarity_query(text: str) -> bool:
    """``~text`` in the filter line lists the rows nearest to ``text`` (by meaning)."""
    return text.lstrip().startswith("~")


class RowScreen(MarkKeys, DecisionKeys, HideDecided, ListOrder, Screen):
    """Rows flagged for one issue type, worst first."""

    BINDINGS = DECISION_BINDINGS + VIEW_BINDINGS + REVIEW_BINDINGS
    HELP_FIRST: tuple[str, ...] = ("Row screens",)  # the help's sections on these keys come first
    AUTO_FOCUS = "#rows"
    busy: reactive[str | None] = reactive(None, init=False)  # "sorting"/"filtering" while in flight
    issue_type = "label"
    default_sort = (SCORE, False)

    def __init__(self, view: AuditView, book: DecisionBook, issue_type: str | None = None) -> None:
        super().__init__()
        if issue_type is not None:
            self.issue_type = issue_type
        self.view = view
        self.book = book
        self.show_all = False
        self.spec = FilterSpec()
        self.filter_query = ""  # the text behind ``spec``: restored when the screen is shown again
        self.opened_filter = ""  # the filter a navigator opened the screen with: escape keeps it
        self._past_filter: tuple[int, int] | None = None  # (entry, row) listed despite the filter: widen
        self.sort_key, self.sort_descending = self.default_sort
        self.title = ISSUE_TITLES.get(self.issue_type, self.issue_type)
        self.generation = 0  # of the latest order request; older results are dropped
        self._pending_row: int | None = None  # undo/redo asked for this row before the list had it
        self._row_in_all: int | None = None  # the cursor's row when f left the list of every row
        self._return_row: tuple[int, int] | None = None  # (generation, row): f goes back there if that list has it

    # -- what the screen lists (subclasses override) ------------------------------------------

    def text_share(self, total: int) -> float:
        """What the text keeps of a list ``total`` cells wide when the label columns grow."""
        return GROW_TEXT_SHARE

    def label_width(self) -> int:
        """Label columns as wide as the longest class name, 9 to 18 cells (see label_growth)."""
        return max(9, min(18, self.longest_label()))

    def label_growth(self) -> int:
        """Cells a label column may add on a wide terminal: up to the longest name, <= 40."""
        return max(0, min(40, self.longest_label()) - self.label_width())

    def longest_label(self) -> int:
        return max((cell_len(n) for n in self.view.shown_names), default=9)

    def columns(self) -> list[Column]:
        width, grow = self.label_width(), self.label_growth()
        fit = self.view.names.fit  # class names cut in the middle, never into two equal stubs
        ml = self.view.multilabel  # label sets cut between labels, with how many are left out (MultiLabelView.fit)
        return [  # ``drop``: a narrow terminal gives up the highest first, text keeps its room
            Column(TEXT, "Text"),
            Column(GIVEN, "Given", width, drop=1, grow=grow, fit=ml.fit if ml is not None else fit),
            # a cell more than the names: a relabel's '→' (no Decision column, 80 columns) cost the
            # longest name a cell, cut in its middle as if part of it ('→refund…equest'); a wide
            # screen, where the Decision column draws the arrow, grows it to the longest name only
            Column(SUGGESTED, self.suggested_title(), width + 1, drop=2, grow=max(0, grow - 1), fit=self.fit_suggested),
            Column(SCORE, "Score", 7, right=True, drop=3),
            decision_column(self, width, grow),  # lends past its title; its width back from the text, from the start
        ]

    def fit_suggested(self, text: str, width: int) -> str:
        """A Suggested cell cut to ``width``: a relabel's '→ name' keeps its arrow, the name cut."""
        fit = self.view.names.fit
        return "→" + fit(text[1:], width - 1) if text.startswith("→") and width > 2 else fit(text, width)

    def suggested_title(self) -> str:
        """The model's-class column: a suggestion on the label screen; elsewhere (empty text, class
        imbalance, underperforming group) the model's top class, which no finding backs: headed
        'Suggested', it offered what the pane beside it called 'none' and a refused."""
        return "Suggested" if self.issue_type == "label" else "Top class"

    def entries(self, show_all: bool | None = None) -> np.ndarray:
        """Entries before filtering: flagged rows, or every row with ``f``."""
        if self.show_all if show_all is None else show_all:
            return np.arange(len(self.view), dtype=np.int64)
        return self.view.flagged(self.issue_type)

    def entry_rows(self, entry: int) -> list[int]:
        return [int(entry)]

    def cell(self, row: int, key: str) -> str:
        view = self.view
        if key == TEXT:
            return list_cell(view.texts[row])
        if key == GIVEN:
            if view.multilabel is not None:  # the row's label set
                return view.multilabel.given_text(row)
            return view.shown_names[view.given[row]]
        if key == SUGGESTED:
            if self.book.codes[row] == RELABEL and DECISION not in self.row_list.shown_keys:
                # no room for the Decision column (80 columns): a relabel says its label here, or one
                # to another class than the suggestion looked like an accept ('→' and the suggestion)
                return self.book.describe(row, view.shown_names).replace("→ ", "→", 1)  # a cell is narrow
            predicted = view.predicted[row]
            if predicted == view.given[row]:
                return "="
            if self.issue_type == "label" and not self.suggestion_backed(row):
                # every row (f, a go-to): the model's top class differs but no label issue backs it; a takes it on
                # f's list (928987e), which showed '-' there: its name in brackets, as no label issue's suggestion;
                # '-' where a refuses (no text, a list of one go-to's row)
                return f"({view.shown_names[predicted]})" if self.top_class_offered(row) else "-"
            return view.shown_names[predicted]
        if key == SCORE:
            score = view.scores.get(self.issue_type)
            return format_score(score[row]) if score is not None else ""
        if key == DECISION:
            return self.book.describe(row, view.shown_names)
        if key == ROW:
            return f"{row:,}"
        return ""

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        """Sort keys of ``entries`` by column ``key`` (runs in the order worker)."""
        view = self.view
        if key == SCORE and self.issue_type in view.scores:
            return view.scores[self.issue_type][entries]
        if key == GIVEN and view.multilabel is not None:  # label sets: by the whole set, not its first label
            return view.label_keys()[entries]
        if key in (GIVEN, SUGGESTED):
            ranks = np.argsort(np.argsort(np.asarray(view.class_names, dtype=object)))
            labels = view.given if key == GIVEN else view.predicted
            return ranks[labels[entries]]
        if key == DECISION:
            return self.book.codes[entries]
        if key == TEXT:
            return view.text_index.rank(check)[entries]
        return entries

    def filter_mask(self, entries: np.ndarray, spec: FilterSpec, check: Check) -> np.ndarray:
        """Which ``entries`` the filter keeps (runs in the order worker)."""
        return spec.mask(entries, self.view, check)

    def is_decided(self, entry: int) -> bool:
        return bool(self.book.codes[entry])

    def decision_mark(self, entry: int) -> str:
        """The glyph after the cursor mark: the decision, readable without colour."""
        return self.book.mark(entry)

    def make_detail(self) -> Widget:
        # the pane points at the list's '=' only where the list has that column (Outliers, More like this: none)
        return DetailPane(self.view, self.book, self.issue_type, id="detail",
                          model_column=any(column.key == SUGGESTED for column in self.columns()))

    def show_detail(self, entry: int | None) -> None:
        self.query_one("#detail", DetailPane).show(entry)

    def verdict(self) -> str:
        """A dataset-level line above the list (empty for most screens)."""
        return ""

    def make_verdict(self, text: str) -> Widget:
        """The widget that draws ``verdict()`` (prose, wrapped at spaces)."""
        return Static(text, id="verdict", markup=False)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar", markup=False)
        if text := self.verdict():
            yield self.make_verdict(text)
        sortable = self.columns()
        # kept: the app reads the list's place as it closes, its widgets removed by then (tui/ui_state.py)
        self.shown_list = RowList(sortable, self.cell, self.decision_mark, empty_text=self.empty_text(),
                                  marked=self.is_marked, text_share=self.text_share, id="rows")
        yield self.shown_list
        yield self.make_detail()
        yield FilterBar(self.filter_query, id="filter")
        yield Footer(compact=True)  # room for every shown key, "? Help" included, at 80 columns

    def empty_text(self) -> str:
        return "nothing flagged here: press f to list every row by score, / to search"

    def why_empty(self, request: OrderRequest) -> str:
        """What an empty list says: the filter or 'd' emptied it, or nothing is flagged. The keys
        come before the query, which the title and the filter line show too: a long query cut the
        line at 80 columns before its '/ edits it'."""
        query = terminal_safe(self.filter_query)
        if unknown := request.spec.unknown_label(self.view):  # said 'nothing matches', as if rows were looked at
            return f"no class has that name (/ edits it, ctrl+u there clears it): {terminal_safe(unknown)}"
        if not request.spec.empty and request.hide_decided:  # the rows it matches may all be decided
            return f"no undecided row matches the filter (d shows decided rows, / edits it): {query}"
        if not request.spec.empty:
            return f"nothing matches the filter (/ edits it, ctrl+u there clears it): {query}"
        if request.hide_decided and len(self.entries(request.show_all)):  # none at all: not d's doing
            return "every entry here has a decision: d shows them again"
        return self.empty_text()

    def on_mount(self) -> None:
        self.row_list.sort_key = self.sort_key
        self.row_list.sort_descending = self.sort_descending
        self.apply("sorting", first=True)

    def cursor_to_first_undecided(self) -> None:
        """Reopening a journal resumes where the review stopped: the first entry with no decision."""
        order = self.row_list.order
        undecided = next((i for i, entry in enumerate(order.tolist()) if not self.is_decided(entry)), None)
        if undecided:
            self.row_list.move_cursor(undecided)

    def keys_ready(self) -> bool:
        """Keys typed ahead (tui/key_gate.py) reach the list once it shows its latest order: 'j'
        pressed as the screen opens, or 'a' right after enter in the filter, acts on the row
        then under the cursor, not on an empty or stale list. The filter's keys never wait."""
        return self.busy is None or self.focused is not self.row_list

    @property
    def row_list(self) -> RowList:
        return self.query_one("#rows", RowList)

    def update_title(self) -> None:
        bar = self.query_one("#title-bar", Static)
        parts = self.title_parts()
        if self.mark_count:  # after the name: what a l x o act on, kept where 40 columns cut the bar
            parts.insert(1, f"{self.mark_count:,} marked")
        if self.book.read_only:
            parts.insert(0, "READ-ONLY")  # first: a narrow terminal cuts the end of the bar
        typed = self.query_one("#filter", FilterBar).value
        queries = (terminal_safe(typed), typed, self.filter_query)
        # the filter part gives way, whole, then longer words and the last parts (never the screen's name)
        bar.update(fit_title(parts, bar.content_region.width, queries, keep=2 if self.book.read_only else 1))
        bar.set_class(self.book.read_only, "-read-only")

    def on_resize(self) -> None:
        self.update_title()  # fitted to the new width

    def title_parts(self) -> list[str]:
        shown = len(self.row_list.order)
        base = len(self.entries())
        scope = "rows" if self.show_all else "flagged"  # '3,080 of 3,080 all rows' read oddly (ui30)
        decided = self.book.decided_among(self.view.flagged(self.issue_type))
        flagged = len(self.view.flagged(self.issue_type))
        # the count is of the flagged rows: with every row listed, 'decided 0/1' read as all of them (ui26)
        progress = f"decided {decided:,}/{flagged:,}" + (" flagged" if self.show_all else "")
        parts = [f"{self.title}", f"{shown:,} of {base:,} {scope}", progress]
        if self.hide_decided:
            parts.append(self.hiding_note())
        if self.spec.error:
            parts.append(self.spec.error)
        elif not self.spec.empty:
            parts.append(f"filter: {terminal_safe(self.query_one('#filter', FilterBar).value)}"  # a label's ESC
                         + (f" but row {self._past_filter[1]:,}" if self._past_filter is not None else ""))
        if self.busy:
            parts.append(f"{self.busy}…")
        return parts

    # -- events -------------------------------------------------------------------------------

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        from tui.ui_state import save_soon

        self.show_detail(event.row)
        self.refresh_bindings()  # Accept is offered row by row
        save_soon(self.app)  # the place, kept past a kill -9 or a crash (tui/ui_state.py)

    @on(Input.Changed, "#filter")
    def filter_typed(self, event: Input.Changed) -> None:
        # the bar announces its restored text when the screen is shown again: already applied;
        # ``~text`` is a similarity query, run on enter only (it embeds the text)
        if event.value != self.filter_query and not is_similarity_query(event.value):
            self.set_filter(event.value, delay=FILTER_DEBOUNCE_S)

    @on(Input.Submitted, "#filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        if is_similarity_query(event.value):
            event.input.value = self.filter_query  # the list keeps its filter; the query opens a list
            self.row_list.focus()
            self.app.open_similar(text=event.value.strip()[1:].strip())
            return
        self.set_filter(event.value)
        self.row_list.focus()

    def watch_busy(self) -> None:
        """The title bar shows 'sorting…'/'filtering…' while an order is computed."""
        if self.is_mounted:
            self.update_title()

    def preset_filter(self, query: str) -> None:
        """Show the flagged rows matching ``query`` (a navigator opened them); old marks go."""
        self._past_filter = None
        self.filter_query = self.opened_filter = query
        self.spec = parse_filter(query)
        self.show_all = False
        if self._marks is not None:
            self._marks[:] = False
        if self.is_mounted:  # else compose and on_mount use them
            self.query_one("#filter", FilterBar).value = query
            self.apply("filtering")
            self.row_list.focus()

    def filter_state(self) -> tuple[str, str, bool, int | None]:
        """What a navigator's pair replaces here (the filter, the navigator's, ``f``'s every row, the cursor's
        row), for :meth:`restore_filter` on the way back from the navigator (tui/app_review.leave_navigator)."""
        row = self.row_list.current_row if self.is_mounted else None
        return self.filter_query, self.opened_filter, self.show_all, row

    def restore_filter(self, state: tuple[str, str, bool, int | None]) -> None:
        """List again what :meth:`filter_state` said this screen listed, the cursor on its row; old marks go."""
        query, self.opened_filter, self.show_all, row = state
        self._past_filter = None
        self.filter_query, self.spec = query, parse_filter(query)
        if self._marks is not None:
            self._marks[:] = False
        if self.is_mounted:
            self.query_one("#filter", FilterBar).value = query
            self.apply("filtering")
        if row is not None:
            self.show_row(row)

    def set_filter(self, query: str, delay: float = 0.0) -> None:
        """Filter by ``query`` (see FILTER_HELP); ``delay`` debounces typing."""
        self._past_filter = None
        self.filter_query = query
        self.spec = parse_filter(query)
        self.apply("filtering", delay)

    def on_screen_resume(self) -> None:
        """Shown again: decisions made or undone on other screens since then show here too."""
        if self.is_mounted:
            self.refresh_decisions()

    def refresh_decisions(self, only_decided: bool = False) -> None:
        """Decisions changed, or may have (the screen is shown again). With ``d`` on, a decided
        entry leaves the list, the cursor staying on the next one; ``only_decided`` (decisions
        just written here, nothing undone): taken out of the list as it stands (drop_decided)."""
        if self.hide_decided and self.listed_stale() and not (only_decided and self.drop_decided()):
            self.apply()
        from tui.ui_state import save_soon

        self.row_list.refresh()  # the decided rows' cells
        self.show_detail(self.row_list.current_row)
        self.update_title()
        save_soon(self.app)  # the place, kept past a kill -9 or a crash (tui/ui_state.py)

    # -- view actions -------------------------------------------------------------------------

    def action_more_like_this(self) -> None:
        if (row := self.target()) is not None:
            self.app.open_similar(row=row)

    def action_filter(self) -> None:
        self.query_one("#filter", FilterBar).focus()

    def clear_typed_filter(self) -> bool:
        """Escape's second step (after the marks, before going back), as in less, vim or fzf: a
        filter typed here goes, back to the one the screen was opened with (a navigator's pair, else
        none). It went straight back to the summary, the typed filter kept for the next visit."""
        if self.filter_query == self.opened_filter and self._past_filter is None:
            return False
        typed = self.filter_query
        self.query_one("#filter", FilterBar).value = self.opened_filter
        self.set_filter(self.opened_filter)
        opened = f"; back to {terminal_safe(self.opened_filter)!r}" if self.opened_filter else ""
        self.notify(f"filter {terminal_safe(typed)!r} cleared{opened} (esc again: back)" if typed != self.opened_filter
                    else "the row listed past the filter goes (esc again: back)", timeout=3)
        return True

    def action_focus_detail(self) -> None:
        detail = self.query_one("#detail")
        (self.row_list if detail.has_focus else detail).focus()

    def action_toggle_flagged(self) -> None:
        """f: flagged rows / every row. f, f on an unflagged row returns to it: the flagged list opens
        at its top (the row is not there), and the list of every row kept that top row, far from
        where the user was reading (a 10k-row list, row 1,992 -> row 6,033 at the top)."""
        rows, back = self.row_list, None
        if self.show_all:
            self._row_in_all = rows.current_row
        elif (self._row_in_all is not None and rows.cursor == 0 and len(rows.order)
              and not np.isin(self._row_in_all, rows.order)):
            back = self._row_in_all  # the flagged list opened at its top and the cursor stayed there
        self.show_all = not self.show_all
        self.apply()
        # on_order_ready puts the cursor there if that list (not a later one) has it: never widened
        self._return_row = (self.generation, back) if back is not None else None
        self.notify("listing every row by score" if self.show_all else "listing flagged rows only", timeout=2)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
