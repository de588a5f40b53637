"""The detail pane: full text, given vs suggested label, why the row is flagged, neighbours."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from engine.datalab_rule import DatalabLabelRule
from engine.flag_order import flag_order
from engine.wording import share
from tui.decisions import RELABEL, DecisionBook
from tui.terminal_text import cell_plain, format_score, list_cell, quoted
from tui.view import ISSUE_TITLES, ROW_TYPES, AuditView, counted

NEIGHBOURS_SHOWN = 5
#: Said for a row with no text in place of its nearest neighbours (its vector is the model's for '').
NO_TEXT_NEIGHBOURS = "none shown: the row has no text to be near another's"
TOP_K = 3  # most probable classes shown with their probabilities


#: The most characters of one text a pane draws: wrapping (and diffing) a 1 MB text on the UI
#: thread froze the app for seconds per cursor move; the rest is said, and kept in the data.
SHOWN_CHARS = 20_000
LABEL_INDENT = 11  # 'Top 3:     ', 'Labels:    ': where a wrapped line of classes goes on


def fitted(parts: list[str], width: int, sep: str = "  ·  ", start: int = LABEL_INDENT) -> str:
    """``parts`` joined by ``sep``, a line broken between two parts (never inside one) where the
    next would pass ``width`` cells, the new line indented as the first (``start`` cells taken).
    Left to the terminal, 'Top 3:' broke between a class and its probability ('refund_request' /
    '0.180' at 80 columns); a non-breaking space would not help (Textual breaks on it too)."""
    out, used = "", start
    for i, part in enumerate(parts):
        piece = sep + part if i else part
        if width > 0 and used + cell_len(piece) > width and (i or start):  # the first: off the header's line
            indent = LABEL_INDENT if LABEL_INDENT + cell_len(part) <= width else 0  # a long one: the whole line
            out += "\n" + " " * indent
            used, piece = indent, part
        out += piece
        used += cell_len(piece)
    return out


def cut_text(text: str) -> str:
    """``text`` cut to :data:`SHOWN_CHARS`, with a note of how much is not drawn (what the word diff compares)."""
    text = str(text)
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]}… [{len(text) - SHOWN_CHARS:,} more characters not shown; the data keeps them]"


def shown_text(text: str) -> str:
    """:func:`cut_text` without the characters Rich and terminals measure differently (``cell_plain``: the
    near-duplicate diff's second column stood off by them)."""
    return cell_plain(cut_text(text))


def one_line(text: str, width: int) -> str:
    """A neighbour's text on one line of ``width`` cells, as a row list draws it (list_cell): a
    blank text as '∅ (empty text)', where the demo's empty row left 'check_balance' and nothing; cut
    by cells, where 60 CJK characters (120 cells) passed as 60 and wrapped onto the next line."""
    text = list_cell(str(text)[: max(0, width) * 8 + 64])  # a 1 MB text: split only its start
    return text if cell_len(text) <= width else set_cell_size(text, max(0, width - 1)).rstrip() + "…"


def text_neighbours(view: AuditView, row: int, count: int) -> tuple[list[tuple[int, float]], int]:
    """``row``'s first ``count`` nearest neighbours that have a text (row, distance), and how many rows with no text
    were passed over to find them: an empty text's vector is the model's for '' (no nearness of its own, as the row's
    own list says: NO_TEXT_NEIGHBOURS), yet a row with text listed it ('∅ (empty text)', a distance; fix41c)."""
    found: list[tuple[int, float]] = []
    passed = 0
    for other, distance in zip(view.neighbour_indices[row], view.neighbour_distances[row]):
        if len(found) == count:
            break
        if view.has_no_text(int(other)):
            passed += 1
        else:
            found.append((int(other), float(distance)))
    return found, passed


def passed_over(passed: int) -> str:
    """The line under a neighbour list saying the rows with no text it leaves out ('' for none)."""
    if not passed:
        return ""
    return f"  ({counted(passed, 'row')} with no text left out: an empty text's nearness means nothing)\n"


def unbacked_words(view: AuditView, row: int) -> str:
    """Why the model's top class is no suggestion on ``row`` (single-label). It said 'none: no label issue here',
    which said not why: the demo's 3 close_account rows (p=0.013, the model preferring check_balance) score past
    the label check's cut, in a class the model barely saw (ui38)."""
    from engine.noise_matrix import TINY_CLASS_ROWS

    score, flags = view.scores.get("label"), view.flags.get("label")
    if view.has_no_text(row):
        return "none: the row has no text"
    if score is None or flags is None:
        return "none: no label issue here"
    order = flag_order(view.given, score, flags)
    if not order.count:
        return "none: the label check flags no row"
    size = int(order.sizes[view.given[row]])
    if order.passed_over[row]:
        return (f"none: not flagged, though among the {order.count:,} lowest label scores: its class of "
                f"{counted(size, 'row')} gets at most its share of the flags")
    small = (f"; its class has {counted(size, 'row')}, which the model barely saw out of fold"
             if size < TINY_CLASS_ROWS else "")
    return f"none: the label check flags the {order.count:,} lowest label scores, not this row's{small}"


def why_flagged(view: AuditView, row: int, issue_type: str) -> str:
    """One plain sentence saying why the row is on this screen."""
    names = view.shown_names
    if issue_type not in view.flags:  # a list of similar rows: the reason of the first check that flags it
        issues = flagged_by(view, row)
        if not issues:
            return "Listed for its similarity; no check flags it."
        issue_type = issues[0][0]
    given, predicted = int(view.given[row]), int(view.predicted[row])
    flags = view.flags.get(issue_type)
    flagged = bool(flags[row]) if flags is not None else False
    score = view.scores.get(issue_type)
    score_text = f"{issue_type} score {format_score(score[row])}" if score is not None else ""
    state = "flagged" if flagged else "not flagged"  # not "listed by score": a list may be sorted by Given
    if issue_type == "label":
        blank = view.flags.get("null")
        if not flagged and blank is not None and bool(blank[row]):  # engine.issue_managers._without_blank_rows
            return "No text: a label cannot be judged without one (the null check flags the row); not flagged."
        p_given = view.probability(row, given) or 0.0
        if score is not None and flags is not None and view.multilabel is None:  # a tiny class's share of the flags
            state = flag_order(view.given, score, flags).note(row, given) or state  # (engine/flag_order.py)
        if predicted != given:
            return (f"The model gives {quoted(names[given])} p={p_given:.3f} and prefers {quoted(names[predicted])} "
                    f"(p={view.probability(row, predicted) or 0:.3f}); {score_text}, {state}.")
        return f"The model agrees with {quoted(names[given])} (p={p_given:.3f}); {score_text}, {state}."
    if issue_type == "near_duplicate" and view.term_distances is not None:  # --model tfidf: what its check read
        nearest, other = float(view.term_distances[row]), int(view.term_nearest[row])
        lead = "Nearly the same as" if flagged else "Its nearest row is"
        if other < 0:
            return f"No row near it on the texts' terms; {state}."
        return (f"{lead} row {other} on the texts' terms (distance {nearest:.3f}, typical {view.term_typical:.3f}); "
                f"{state}.")
    if issue_type in ("outlier", "near_duplicate") and view.neighbour_distances is not None:
        nearest = float(view.neighbour_distances[row, 0])
        typical = view.typical_distance
        other = int(view.neighbour_indices[row, 0])
        if issue_type == "outlier":  # "far from everything" is said of a flagged row only
            lead = "Far from everything: nearest row" if flagged else "Its nearest row"
            return f"{lead} is at distance {nearest:.3f} (typical {typical:.3f}); {score_text}, {state}."
        lead = "Nearly the same as" if flagged else "Its nearest row is"
        return f"{lead} row {other} (distance {nearest:.3f}, typical {typical:.3f}); {state}."
    if issue_type == "overlapping_class":
        group = next((g for g in view.overlap_groups() if given in g["classes"]), None)
        p_given = view.probability(row, given) or 0.0
        if group is None:
            return f"Its class {quoted(names[given])} is told apart from the others (p={p_given:.3f})."
        others = [names[c] for c in group["classes"] if c != given]
        return (f"Its class {quoted(names[given])} is one the model cannot tell apart from {', '.join(others[:5])}"
                f"{', …' if len(others) > 5 else ''}: it gives {quoted(names[given])} p={p_given:.3f}, "
                f"its top class {quoted(names[predicted])} p={view.probability(row, predicted) or 0:.3f}.")
    if issue_type == "class_imbalance":
        count = int(np.count_nonzero(view.given == given))
        return (f"Its class {quoted(names[given])} has {'only ' if flagged else ''}{counted(count, 'row')} "
                f"({share(count, len(view))} of the data); {state}.")
    if issue_type == "underperforming_group":
        where = ("It sits in a cluster of similar rows where the model does worse" if flagged
                 else "Its cluster of similar rows is not one where the model does clearly worse")
        return f"{where}; {score_text}, {state}."
    if issue_type == "null":
        return "Its text is empty or missing." if flagged else "Its text is present."
    return f"{score_text}, {state}." if score_text else state


def flagged_by(view: AuditView, row: int) -> list[tuple[str, float | None]]:
    """Every row-level issue type that flags ``row``, with its score (low = worse)."""
    found = []
    for name in ROW_TYPES:
        flags = view.flags.get(name)
        if flags is not None and flags[row]:
            score = view.scores.get(name)
            found.append((name, float(score[row]) if score is not None else None))
    return found


class DetailPane(VerticalScroll, can_focus=True):
    """Shows one row in full; the screen calls ``show(row)`` when the cursor moves."""

    def __init__(self, view: AuditView, book: DecisionBook, issue_type: str, *, model_column: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.book = book
        self.issue_type = issue_type
        #: whether the list beside the pane has the model's-class column ('=' where the model agrees)
        self.model_column = model_column
        #: the Why line for a list with a reason of its own (a re-audit's newly flagged rows), else None
        self.why_text: Callable[[int], str] | None = None
        self.row: int | None = None
        self.drawn_width = 0  # the width the row was laid out for (its neighbours' lines are cut to it)
        self._datalab_rule: tuple[AuditView, DatalabLabelRule] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)

    def show(self, row: int | None) -> None:
        self.row = row
        self.drawn_width = self.size.width
        body = self.query_one("#detail-body", Static)
        body.update(self.render_row(row) if row is not None else Text("No row selected.", style="italic"))
        self.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """A new width lays the row out again, where the reader is (a terminal resized mid-work kept
        the neighbours' lines cut for the old width: wrapped in two, or cut short on a wider one)."""
        if self.row is not None and self.size.width != self.drawn_width:
            self.drawn_width = self.size.width
            self.query_one("#detail-body", Static).update(self.render_row(self.row))

    def line_width(self) -> int:
        """The cells a line of the body gets: the pane's width less a scrollbar's column (it shows
        once the row is taller than the pane); 0 before the pane is laid out."""
        return max(0, self.size.width - 1)

    def datalab_rule(self) -> DatalabLabelRule:
        """Datalab's per-class figures for this view, computed once (one pass over the rows)."""
        if self._datalab_rule is None or self._datalab_rule[0] is not self.view:
            self._datalab_rule = (self.view, DatalabLabelRule.of(self.view.given, self.view.pred_probs,
                                                                    self.view.datalab_label_flags))
        return self._datalab_rule[1]

    def row_header(self, row: int, names: list[str]) -> Text:
        """The top of every row's detail: its number and id (where the data has an id column: without
        one 'Row 2,402 · id 2402' named an id no column holds), the decision (``names``: how the book
        names labels), then the text, and a blank line."""
        text = Text()
        text.append(f"Row {row:,}", style="bold")
        if self.view.id_column is not None:
            text.append(f" · id {self.view.ids[row]}")
        decision = self.book.describe(row, names)
        if decision:
            text.append(f"   decision: {decision}", style="bold reverse")
            if self.view.multilabel is None and self.book.codes[row] == RELABEL and self.book.labels[row] < 0:
                text.append("  relabelled to a class the audit did not see", style="italic")
        text.append("\n")
        text.append(self.view.full_text(row, SHOWN_CHARS) or "(empty)")
        text.append("\n\n")
        return text

    def render_row(self, row: int) -> Text:
        if self.view.multilabel is not None:  # label sets: tui/widgets/multilabel_detail.py
            from tui.widgets.multilabel_detail import render_multilabel_row

            return render_multilabel_row(self, row)
        view, names = self.view, self.view.shown_names
        given, predicted = int(view.given[row]), int(view.predicted[row])
        text = self.row_header(row, names)
        text.append("Given:     ", style="bold")
        text.append(f"{names[given]}")
        if (p := view.probability(row, given)) is not None:
            text.append(f"  p={p:.3f}")
        if view.numbered:  # ag_news' bare 1-4 (walk43: the summary's note was below the fold at 80x24)
            text.append("  (--label-names names the numbers)", style="italic")
        if predicted == given:
            text.append("\nSuggested: ", style="bold")
            # the Outliers and More-like-this lists have no such column: '"=" in the list' sent the eye to none (walk42)
            text.append('none (the model agrees)' + (', "=" in the list' if self.model_column else ""), style="italic")
        elif view.backs_suggestion(row, datalab=self.issue_type == "label"):
            text.append("\nSuggested: ", style="bold")
            text.append(f"{names[predicted]}")
            if (p := view.probability(row, predicted)) is not None:
                text.append(f"  p={p:.3f}")
            # a row only Datalab flags (datalab:yes): its predicted_label, the same top class
            whose = "Datalab's label issue, not textaudit's" if view.datalab_only(row) else "a label issue"
            # once accepted, 'a accepts' offered what a answers 'already -> X: nothing written' to (walk39)
            accepted = self.book.codes[row] == RELABEL and self.book.labels[row] == predicted
            text.append(f"  ({whose}: {'accepted' if accepted else 'a accepts'})", style="italic")
        else:
            text.append("\nSuggested: ", style="bold")
            text.append(f"{unbacked_words(view, row)} (the model's top class is {names[predicted]})", style="italic")
            if self.issue_type == "label":  # the label list's cell (tui/screens/row_screen.py); others name the class
                offered = getattr(self.screen, "top_class_offered", None)
                if offered is not None and offered(row):  # f's list of every row: a takes it (928987e)
                    text.append(f', "({names[predicted]})" in the list: a takes it', style="italic")
                else:
                    text.append(', "-" in the list', style="italic")
        if top := view.top_classes(row, TOP_K):
            text.append(f"\nTop {len(top)}:     ", style="bold")
            text.append(fitted([f"{names[c]} {p:.3f}" for c, p in top], self.line_width()))
        text.append("\nWhy: ", style="bold")
        text.append(self.why_text(row) if self.why_text is not None else why_flagged(view, row, self.issue_type))
        text.append("\nFlagged by: ", style="bold")
        issues = flagged_by(view, row)
        text.append(" · ".join(f"{ISSUE_TITLES.get(name, name)}" + ("" if score is None else f" {format_score(score)}")
                               for name, score in issues) or "no check")
        if any(name != self.issue_type for name, _ in issues):
            text.append("  (j: the same row there)", style="italic")
        text.append("\n")
        if self.issue_type == "label" and view.datalab_label_flags is not None:
            text.append("Datalab: ", style="bold")
            flagged = bool(view.datalab_label_flags[row])
            score = (f" (its label_score {format_score(view.datalab_label_scores[row])})"
                     if view.datalab_label_scores is not None else "")
            if flagged or view.pred_probs is None:
                text.append(f"{'flagged' if flagged else 'not flagged'}{score}; the flag above is textaudit's\n")
            else:  # a low score left unflagged reads like a bug unless Datalab's rule is said
                reason = self.datalab_rule().why_not_flagged(given, view.pred_probs[row], names)
                text.append(f"not flagged{score}: {reason}\n")
        if view.neighbour_indices is not None and view.no_text is not None and view.no_text[row]:
            # an empty text's vector is the model's for '': its 'nearest' rows (0.78 'asdf qwerty', walk41) meant nothing
            text.append("Nearest neighbours: ", style="bold")
            text.append(f"{NO_TEXT_NEIGHBOURS}\n", style="italic")
        elif view.neighbour_indices is not None:
            pane = self.size.width or 80
            listed, passed = text_neighbours(view, row, NEIGHBOURS_SHOWN)
            shown = [other for other, _ in listed]
            # as wide as these neighbours' names, up to a third of the pane (18 at 80 columns)
            needed = max((cell_len(names[int(view.given[other])]) for other in shown), default=0)
            label_width = min(needed, max(18, (pane - 14) // 3))
            width = max(20, pane - label_width - 12)
            text.append("Nearest neighbours:\n" if self.issue_type != "near_duplicate" or view.term_distances is None
                        else "Nearest neighbours (SVD vectors; near-duplicates read the terms):\n", style="bold")
            for other, distance in listed:
                label = view.names.fit(names[int(view.given[other])], label_width)  # cut in the middle: unambiguous
                label += " " * max(0, label_width - cell_len(label))
                text.append(f"  {distance:5.3f}  {label}  {one_line(view.texts[other], width - 2)}\n")
            text.append(passed_over(passed), style="italic")
        text.rstrip()
        return text
