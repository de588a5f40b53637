"""The summary: size, classes, every issue type's count and review progress, class chart."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from engine.label_signal import MIN_KAPPA
from engine.order_words import NONE, STRONG, chance, not_random, order_evidence
from engine.report_render import uncertain_clause
from engine.wording import share
from tui.bindings import SUMMARY_BINDINGS
from tui.decisions import DecisionBook
from engine.label_order import LabelOrder
from tui.names import cut_middle
from tui.pred_source import fit_line
from tui.screens.history_keys import HistoryKeys
from tui.std_streams import undecodable_escaped
from tui.terminal_text import terminal_safe
from tui.view import ISSUE_TITLES, ROW_TYPES, AuditView, counted
from tui.widgets.charts import BarChart
from tui.widgets.footer import Footer
from tui.widgets.parts_label import SEPARATOR, PartsLabel
from tui.widgets.row_table import RowTable

WIDE_COLUMNS = 150  # from this width the chart stands beside the issue table
TABLE_COLUMNS = ("Issue type", "Flagged", "Decided", "To review")
DECIDED = 2  # the column left out where the four do not fit (Flagged - To review says it)
JOURNAL_CELLS = 16  # the title cuts the journal's name to no fewer cells (then the line's end goes)


def non_iid_verdict(p_value: float | None, order: LabelOrder | None = None, z: float | None = None,
                    length_drift: bool = False) -> str:
    """Datalab's non-IID p-value in words, and whether the labels' order is the reason; where the texts
    look random but their length drifts with the row order (a note says so), that, not 'random order'."""
    if p_value is None:
        return "Non-IID: not checked."
    grouped = order is not None and order.grouped
    runs = (f"the rows are grouped by label ({counted(order.changes, 'label change')} between consecutive rows; "
            f"a random order gives about {order.expected:,.0f})" if grouped else "")
    if order is not None and order.partly_grouped:  # as the Non-IID screen says: not random, not grouped
        runs = order.run_together()  # where they do, where that is a range of rows
    if order is not None and order.alternating:  # the runs test's other side: interleaved by label (hostile41)
        runs = f"{order.alternate()}, interleaved by label"
    evidence = order_evidence(p_value, z)
    if evidence != NONE:  # Datalab flags it; the words as strong as the evidence (engine/order_words.py)
        texts = "similar texts sit together" if evidence == STRONG else "similar texts seem to sit together"
        verdict = "NOT random" if runs else not_random(p_value, z)  # labels in runs are evidence of their own (z >= 4)
        if grouped:
            why = runs
        elif runs:  # the chance is said here, since the verdict is the labels'
            why = f"{texts}, and {runs}" if evidence == STRONG else f"{texts} ({chance(p_value, z)}), and {runs}"
        elif order is not None:
            why = f"{texts} (the labels' order looks random)"
        else:
            why = "e.g. sorted by class or drifting"
        return f"Non-IID: p = {p_value:.3g} → the row order is {verdict}: {why}; shuffle before splitting."
    if runs:  # labels in runs (z >= 4) are evidence of their own, whatever the texts' p-value
        return (f"Non-IID: p = {p_value:.3g} on the texts, but the row order is NOT random: {runs}; "
                "shuffle before splitting.")
    if length_drift:  # 'consistent with rows in random order' sat above 'the texts get longer down the file'
        return (f"Non-IID: p = {p_value:.3g} on the texts' neighbours, but the texts' length drifts with the row "
                "order (see the note); shuffle before splitting.")
    return f"Non-IID: p = {p_value:.3g} → consistent with rows in random order."


def non_iid_cell(p_value: float | None, order: LabelOrder | None = None, z: float | None = None,
                 length_drift: bool = False) -> str:
    """The issue table's Flagged cell for the dataset-level Non-IID row: what the verdict line below
    says, in a word. Datalab's count (1 where its p-value flags the order, else 0) read 'Non-IID 0'
    above 'the row order is NOT random: the labels run together in rows 2,618-3,079' (probe27)."""
    if p_value is None:
        return "not checked"
    runs = order is not None and order.not_random
    evidence = order_evidence(p_value, z)
    if runs or evidence == STRONG:
        return "NOT random"
    if evidence == NONE:
        return "drifts" if length_drift else "no"  # the length note's word, as the verdict line below says
    return "likely"


#: How many notes the summary lists; the report (r) has them all.
SUMMARY_NOTES = 5
#: A note's leading issue types, as the engine names them ('outlier: ...', 'null, outlier not checked: ...').
NOTE_TYPES = re.compile(r"(?P<types>[a-z_]+(?:, [a-z_]+)*)(?::| not checked:)")


def is_method_note(note: str) -> bool:
    """How the label scores were made ('label scores: the noise-aware posterior, because ...')."""
    return note.startswith("label scores")


def titled_note(note: str) -> str:
    """``note`` with the issue types it starts with ('near_duplicate: 2 rows are flagged ...', 'class_imbalance,
    underperforming_group not checked: ...') named as the table above names them ('Near-duplicates: ...'):
    the engine's names read as other things than the table's rows (ui38). The report (r) keeps them: its
    table names the types so (as --issues-out and --format json do)."""
    match = NOTE_TYPES.match(note)
    if not match or not all(name in ISSUE_TITLES for name in match["types"].split(", ")):
        return note
    return ", ".join(ISSUE_TITLES[name] for name in match["types"].split(", ")) + note[match.end("types"):]


def summary_notes(notes: list[str], room: int = SUMMARY_NOTES) -> list[str]:
    """The summary's note lines: what the data and the run say, up to ``room`` lines; the notes on
    how the label scores were made ('label scores...', two to four on most data) stay in the report,
    and one last line counts what it holds more. A user reads the summary to choose what to open:
    those notes name the scoring method and its held-out evidence ('its gain: -17% of the most
    class pairs could add, z -3.3'), nothing to open or check on the data, and on the demo at 120x40
    they took 7 of its 10 note lines, after the 2 notes on the data (ui26/ui27); who doubts a score
    reads them beside Datalab's report, where r opens them."""
    data = [titled_note(note) for note in notes if not is_method_note(note)]
    method = len(notes) - len(data)
    shown = data if len(data) <= (room - 1 if method else room) else data[:room - 1]  # the last line counts the rest
    more = len(notes) - len(shown)
    if not more:
        return [f"note: {note}" for note in shown]
    how = ("" if not method else " (on how the label scores were made)" if method == more == 1
           else " (all on how the label scores were made)" if method == more
           else f" ({method:,} on how the label scores were made)")
    return [f"note: {note}" for note in shown] + [f"note: {counted(more, 'more note')} in the report{how}: r opens it"]


def health_line(view: AuditView) -> str:
    """One sentence on how much of the data needs a look."""
    flagged = np.zeros(len(view), dtype=bool)
    for name in ROW_TYPES:
        if name in view.flags and name != "class_imbalance":
            flagged |= view.flags[name]
    fraction = flagged.mean() if len(view) else 0.0  # overlapping classes' rows too (engine/class_overlap.py)
    groups = (view.info.get("label") or {}).get("overlapping_class_groups") or []
    grade = "good" if fraction < 0.05 else "fair" if fraction < 0.15 else "needs attention"
    estimate = (view.info.get("label") or {}).get("estimated_label_issues")
    diagnostics = (view.info.get("label") or {}).get("label_score_diagnostics") or {}
    uncertain = "" if estimate is None else uncertain_clause(bool(diagnostics.get("weak_classifier")), int(estimate),
                                                               see="the note")
    estimated = ("" if estimate is None  # the flags are as many as the estimate unless a threshold moved them
                 else f" (as many as label errors estimated{uncertain})" if view.counts.get("label") == int(estimate)
                 else f" (label errors estimated: {int(estimate):,}{uncertain})")
    labels = (counted(view.counts["label"], "possible wrong label") + estimated if "label" in view.counts
              else "labels not checked")
    kappa = diagnostics.get("label_signal_kappa")  # no_label_signal: kappa or the ranking (engine/label_signal.py)
    if diagnostics.get("no_label_signal", kappa is not None and kappa < MIN_KAPPA):
        labels = f"the texts barely predict the labels (see the note): {labels}"
    count = int(flagged.sum())
    overlap = ""
    if groups:
        names = [view.shown_names[c] for group in groups for c in group["classes"]]
        overlap = (f" · the model cannot tell {len(names)} classes apart ({', '.join(names[:3])}"
                   f"{', …' if len(names) > 3 else ''}{overlap_counts(view, groups)}: see Overlapping classes)")
    return (f"Health: {grade} · {count:,} of {len(view):,} rows ({share(count, len(view))}) flagged by a row check "
            f"(class imbalance aside) · {labels}{overlap}")


def overlap_counts(view: AuditView, groups: list[dict]) -> str:
    """The overlapping classes' rows, the confident joint's count of them likely mislabelled and the
    label check's flags among them, each said for what it is: banking77 test with 4 currency classes
    shuffled among themselves read '13 possible wrong labels (as many as label errors estimated) ·
    the model cannot tell 4 classes apart' above the note's '110 ... likely mislabelled' (ui27b):
    two counts of wrong labels, 13 and 110, with nothing to say how they meet."""
    classes = [c for group in groups for c in group["classes"]]
    held = int(np.isin(view.given, classes).sum())
    if "likely_mislabelled" not in groups[0] or held == 0:  # an audit cached before the count
        return ""
    mixed = sum(int(group.get("likely_mislabelled", 0)) for group in groups)
    flags = view.flags.get("label")
    flagged = 0 if flags is None else int((flags & np.isin(view.given, classes)).sum())  # as flagged now (t)
    return (f"; {held:,} rows: if their labels are mixed up, about {mixed:,} are wrong, and the label check "
            f"flags {flagged:,} of the {held:,}")


def journal_line(book: DecisionBook, n_rows: int) -> str:
    """The journal's totals: decisions by kind, rows decided, this session's writes."""
    counts = book.counts()
    decided = sum(counts.values())
    session = f" · this session {book.saved_this_session:,} saved" if book.saved_this_session else ""
    if book.steps_this_session:
        session += f", {book.steps_this_session:,} undo/redo"
    return (f"Journal: {counts['relabel']:,} relabelled · {counts['exclude']:,} excluded · {counts['keep']:,} kept"
            f" = {counted(decided, 'row')} ({share(decided, n_rows)}){session} · R re-audits, C confusions")


def chart_title(view: AuditView, book: DecisionBook) -> str:
    """The class chart's heading; once the journal relabels or excludes rows, it says the bars are
    the audited labels: after 'a' and 'x' on banking77 test every class still drew 40 rows, with
    nothing saying the decisions were not counted."""
    counts = book.counts()
    title = f"Class distribution ({view.n_classes:,} classes)"
    changes = [counted(n, word) for n, word in ((counts["relabel"], "relabel"), (counts["exclude"], "exclusion")) if n]
    if changes:
        title += f" · as audited, before the journal's {' and '.join(changes)} (R re-audits with them)"
    return title


class SummaryScreen(HistoryKeys, Screen):
    """Enter on an issue type opens its screen; ``c`` shows the class chart (beside the table when wide)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]
    BINDINGS = SUMMARY_BINDINGS
    HELP_FIRST = ("Summary",)  # the help's sections on this screen's keys come first
    AUTO_FOCUS = "#issue-table"

    def __init__(self, view: AuditView, book: DecisionBook, journal_path: Path) -> None:
        super().__init__()
        self.view = view
        self.book = book
        self.journal_path = journal_path

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static(self.title_text(), id="title-bar", markup=False)
        with VerticalScroll(id="summary"), Container(id="summary-body"):
            with Vertical(id="summary-main"):
                yield Static(health_line(view), id="health", markup=False)
                yield RowTable(id="issue-table", cursor_type="row", zebra_stripes=False)
                # parts: at 80 columns the line broke inside its keys, 'R re-audits, C' / 'confusions'
                yield PartsLabel(journal_line(self.book, len(view)).split(SEPARATOR), id="journal-totals")
                if source := view.label_source():
                    yield Static(source, id="label-source", markup=False)
                if view.pred_source:  # as the report's and the JSON's: a user weighing the label list asks
                    yield Static(view.pred_source, id="pred-source", markup=False)
                yield Static(non_iid_verdict(view.p_value, view.label_order, view.p_z, view.length_drift is not None),
                             id="non-iid-verdict", markup=False)
                if view.notes:
                    yield Static("\n".join(summary_notes(view.notes)), id="notes", markup=False)
            with Vertical(id="summary-chart"):
                if view.multilabel is not None:  # label frequencies and co-occurrence
                    from tui.widgets.multilabel_chart import multilabel_chart

                    yield from multilabel_chart(view)
                else:
                    yield Static(chart_title(view, self.book), classes="section", id="chart-title", markup=False)
                    counts = np.bincount(view.given, minlength=view.n_classes)
                    yield BarChart(view.class_names, counts.tolist(), id="class-chart")  # raw names: it draws them
        yield Footer()

    def title_text(self) -> str:
        view = self.view
        mode = "READ-ONLY · " if self.book.read_only else ""  # first: a narrow terminal cuts the end
        kinds = "labels" if view.multilabel is not None else "classes"  # label sets: each row carries several
        name = terminal_safe(undecodable_escaped(Path(view.source).name))  # 'caf\xe9.csv', as the exit line
        counts = [f"{len(view):,} rows", f"{view.n_classes:,} {kinds}"]
        journal = terminal_safe(undecodable_escaped(self.journal_path.name))
        # the program's name goes first where the line would be cut: banking77's 'test.csv · 3,080 rows ·
        # 77 classes' cut the journal's name at 80 columns ('journal test.corrections.jso…')
        room = self.size.width - 2  # the bar's padding
        full = f"{mode}textaudit · {' · '.join([name, *counts])} · journal {journal}"
        if room <= 0 or cell_len(full) <= room:
            return full
        # then the journal's name is cut in its middle, its end kept: the multi-label demo's
        # 'journal demo_multilabel.correct…' at 80 columns (ui25) lost what file it is; where even
        # JOURNAL_CELLS of it do not fit, the counts go (the class count, then the rows, which the
        # health line says): at 60 columns 'demo_multilabel.jsonl · 272 rows · 6 labels · journal
        # dem' (ui26) left 3 cells of the journal's name
        for shown in (counts, counts[:1], []):
            about = f"{mode}{' · '.join([name, *shown])} · journal "
            left = room - cell_len(about)
            if left >= min(JOURNAL_CELLS, cell_len(journal)):
                break
        return f"{about}{cut_middle(journal, max(left, JOURNAL_CELLS))}"

    def on_resize(self) -> None:
        self.query_one("#title-bar", Static).update(self.title_text())
        self.call_after_refresh(self.fit_pred_source)
        self.call_after_refresh(self.fit_table)  # the table's width is known once laid out
        # a smaller terminal moved no cursor: its row left the screen; grown back, the page scrolled to
        # it stayed scrolled, the title and health lines off the top (walk37): from the top again
        self.call_after_refresh(self.follow_cursor, True)

    def fit_pred_source(self) -> None:
        """The 'pred_probs:' line in one line of its width (tui/pred_source.fit_line)."""
        for line in self.query("#pred-source").results(Static):
            line.update(fit_line(self.view.pred_source, line.content_region.width))

    def fit_table(self) -> None:
        """Leave out the Decided column where the four columns are wider than the table: at 50
        columns the last read 'To r' behind a sideways scroll (walk31); Flagged and To review
        stay, and the journal line below has the decisions."""
        table = self.query_one("#issue-table", DataTable)
        if table.size.width and (self.table_width(TABLE_COLUMNS) > table.size.width) != self.without_decided:
            self.without_decided = not self.without_decided
            self.fill_table()

    def table_width(self, labels: tuple[str, ...]) -> int:
        """The cells the issue table's columns ``labels`` need, padding included."""
        cells = [self.table_row(name) for name in self.view.issue_types]
        pad = 2 * self.query_one("#issue-table", DataTable).cell_padding
        return sum(max([cell_len(label), *(cell_len(row[TABLE_COLUMNS.index(label)]) for row in cells)]) + pad
                   for label in labels)

    def on_mount(self) -> None:
        self.without_decided = False
        self.fill_table()
        self.query_one("#issue-table", DataTable).move_cursor(row=self.first_to_review(), scroll=False)
        # Textual centres an auto-focused widget before the first layout, which scrolled the
        # health line off the top at 80x24: the page starts at its top instead
        self.call_after_refresh(self.query_one("#summary", VerticalScroll).scroll_home, animate=False)

    def first_to_review(self) -> int:
        """The table row the cursor starts on: the first issue type with flagged rows ('Null / empty
        text' with 0 rows took it, so Down Enter opened Outliers where Label issues was meant)."""
        counts = self.view.counts
        return next((i for i, name in enumerate(self.view.issue_types) if counts.get(name, 0) > 0), 0)

    def table_row(self, name: str) -> tuple[str, str, str, str]:
        """The issue table's cells of issue type ``name``, all four columns."""
        if name not in self.view.counts:  # its check did not run; a note says why (it showed 0)
            return ISSUE_TITLES.get(name, name), "not checked", "-", "-"
        flagged = f"{self.view.counts[name]:,}"
        if name == "non_iid":  # the verdict in a word, not Datalab's 0 or 1 (the report keeps it)
            # 'row order', what is left to look at, where 'dataset-level' stood: 'NOT random' beside
            # it put the table past 60 columns (a sideways scroll bar under it)
            flagged = non_iid_cell(self.view.p_value, self.view.label_order, self.view.p_z,
                                   self.view.length_drift is not None)
            decided, remaining = "-", "-" if flagged == "no" else "row order"
        else:
            done = self.book.decided_among(self.view.flagged(name))
            decided, remaining = f"{done:,}", f"{self.view.counts[name] - done:,}"
        return ISSUE_TITLES.get(name, name), flagged, decided, remaining

    def fill_table(self) -> None:
        table = self.query_one("#issue-table", DataTable)
        cursor = table.cursor_row
        shown = [i for i in range(len(TABLE_COLUMNS)) if not (self.without_decided and i == DECIDED)]
        if [column.label.plain for column in table.ordered_columns] != [TABLE_COLUMNS[i] for i in shown]:
            table.clear(columns=True)
            table.add_columns(*(TABLE_COLUMNS[i] for i in shown))
        else:
            table.clear()
        for name in self.view.issue_types:
            row = self.table_row(name)
            table.add_row(*(row[i] for i in shown), key=name)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), scroll=False)
        self.query_one("#health", Static).update(health_line(self.view))  # thresholds may have moved
        for source in self.query("#label-source").results(Static):  # so may the label rows it counts
            source.update(self.view.label_source())
        totals = journal_line(self.book, len(self.view))
        self.query_one("#journal-totals", PartsLabel).set_parts(totals.split(SEPARATOR))
        if self.view.multilabel is None:
            self.query_one("#chart-title", Static).update(chart_title(self.view, self.book))
        bar = self.query_one("#title-bar", Static)
        bar.update(self.title_text())
        bar.set_class(self.book.read_only, "-read-only")

    def on_screen_resume(self) -> None:
        self.fill_table()
        self.fit_table()  # a threshold moved on an issue screen may widen a count
        # back from an issue screen the table has the keys again: after 'c' the page kept them,
        # so up/down scrolled the page while enter opened the table's unseen cursor row
        self.query_one("#issue-table", DataTable).focus(scroll_visible=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_issue(event.row_key.value, flagged=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "issue-table":
            self.call_after_refresh(self.follow_cursor)

    def follow_cursor(self, from_top: bool = False) -> None:
        """Scroll the page as little as it takes to show the issue table's cursor row (the header
        too on the first row); ``from_top`` (a resize): the least scroll from the page's top that
        shows it. The table grows to its rows (height auto), so its own cursor scrolling has nothing
        to scroll: at 50x16 on a 5,000-row file the health line took 8 lines and Down moved the
        cursor below the screen's edge, the page still showing the first two rows (ui31)."""
        table = self.query_one("#issue-table", DataTable)
        page = self.query_one("#summary", VerticalScroll)
        if not table.has_focus or not table.row_count or not page.size.height:
            return  # at the chart the page has the keys and shows the chart
        row = table.cursor_row
        header = table.header_height if table.show_header else 0
        top = header + sum(r.height for r in table.ordered_rows[:row])
        height = table.ordered_rows[row].height
        if row == 0:
            top, height = top - header, height + header
        # the row's place on the screen, then in the page's scrolled (virtual) space
        y = table.content_region.y - round(table.scroll_y) + top - page.scrollable_content_region.y + round(page.scroll_y)
        if from_top:
            bottom = y + height - page.scrollable_content_region.height
            page.scroll_to(y=max(0, bottom), animate=False, immediate=True)
            return
        page.scroll_to_region(Region(0, y, 1, height), animate=False, immediate=True)

    def action_open(self) -> None:
        table = self.query_one("#issue-table", DataTable)
        if not table.has_focus:  # at the chart the table's cursor row is out of sight: back to it
            self.back_to_table()
        elif table.row_count:
            self.app.open_issue(self.view.issue_types[table.cursor_row], flagged=True)

    def back_to_table(self) -> None:
        self.query_one("#issue-table", DataTable).focus(scroll_visible=False)
        self.query_one("#summary", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self.follow_cursor)  # on a short terminal the top may not show the row

    def action_chart(self) -> None:
        """Scroll the page to the class chart and give it the keys; ``c`` again (or enter, or
        tab) goes back to the table. Enter at the chart opened the table's unseen cursor row."""
        page = self.query_one("#summary", VerticalScroll)
        if page.has_focus:
            self.back_to_table()
            return
        page.focus()
        # after the next refresh: a key pressed as the summary appears would otherwise scroll by a
        # layout not yet computed (the chart's place unknown) and leave the page where it was
        self.call_after_refresh(page.scroll_to_widget, self.query_one("#summary-chart"), animate=False, top=True)

    def action_report(self) -> None:
        self.app.action_open_report()

    def decisions_changed(self) -> None:
        self.fill_table()

    def action_export(self) -> None:
        self.app.action_export()
