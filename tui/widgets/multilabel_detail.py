"""The detail pane of a multi-label row: the given set, the suggested change, each label's probability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from engine.multilabel_audit import THRESHOLD
from tui.terminal_text import format_score

if TYPE_CHECKING:
    from tui.widgets.detail_pane import DetailPane

#: The suggestion's rule as engine/multilabel_audit.suggestions applies it. The Why says it, not the
#: change again (on the Suggested line above): a 6-label change (Debian debtags) repeated whole in
#: the Why with the rule pushed the verdict's end below the 10-line pane at 80x24.
CUT_RULE = f"add at p >= {THRESHOLD:g}, drop under half the label's mean p on its rows"
TOP_LABELS = 6  # labels shown with their probabilities (given ones, then the most probable)


def render_multilabel_row(pane: DetailPane, row: int) -> Text:
    """What ``DetailPane.render_row`` shows for a row of multi-label data."""
    from tui.widgets.detail_pane import NO_TEXT_NEIGHBOURS, fitted, one_line, passed_over, text_neighbours  # (cycle)

    view, ml = pane.view, pane.view.multilabel
    names = ml.shown
    text = pane.row_header(row, view.class_names)
    text.append("Given:     ", style="bold")
    text.append(ml.given_text(row) if ml.sets[row] else "∅ (no label)")
    text.append("\nSuggested: ", style="bold")
    if ml.has_suggestion(row):
        text.append(ml.suggestion_text(row))
        text.append(f"  → {_set(names, ml.suggested(row))}")
        from tui.screens.set_decisions import held_set  # the pane has the screen's view and book

        # once accepted, 'a accepts' offered what a answers 'already -> +X: nothing written' to (walk39)
        accepted = held_set(pane, row, tuple(sorted(ml.suggested(row))))
        text.append(f"  ({'accepted' if accepted else 'a accepts'} · l edits the set)", style="italic")
    else:
        text.append("none (the row has no text)" if view.has_no_text(row) else "none (every label agrees with the model)",
                    style="italic")
    # the Why before the Labels line (two lines at 80 columns): at 80x24 the pane shows 10 lines,
    # and after a long text and the Labels the Why's end fell below them (61 of the demo's rows)
    score = view.scores.get("label")
    if score is not None:
        text.append("\nWhy: ", style="bold")
        flagged = bool(view.flags["label"][row]) if "label" in view.flags else False
        text.append(f"label score {format_score(score[row])} (its weakest label's agreement), "
                    f"{verdict(pane, row, flagged)}.")
    probs = ml.probs[row]
    shown = list(ml.sets[row]) + [int(k) for k in probs.argsort()[::-1] if int(k) not in ml.sets[row]]
    text.append("\nLabels:    ", style="bold")
    parts = []
    for k in shown[:max(TOP_LABELS, len(ml.sets[row]))]:
        mark = "✓" if k in ml.sets[row] else " "
        note = " missing?" if k in ml.missing[row] else " wrong?" if k in ml.extra[row] else ""
        parts.append(f"{mark}{names[k]} {float(probs[k]):.2f}{note}")
    text.append(fitted(parts, pane.line_width()))
    if view.neighbour_indices is not None and view.no_text is not None and view.no_text[row]:
        text.append("\nNearest neighbours: ", style="bold")  # as the single-label pane (fix41c)
        text.append(NO_TEXT_NEIGHBOURS, style="italic")
    elif view.neighbour_indices is not None:
        text.append("\nNearest neighbours:\n", style="bold")
        width = max(20, (pane.size.width or 80) - 40)
        listed, passed = text_neighbours(view, row, 5)
        for other, distance in listed:
            # cut between labels with how many are left out (MultiLabelView.fit), as the lists do:
            # 'culture::bulgarian, mad…' cut through a label (Debian debtags, 120x40, ui33)
            labels = ml.fit(ml.given_text(other), 24)
            body = one_line(view.texts[other], width)
            text.append(f"  {distance:5.3f}  {labels}{' ' * max(0, 24 - cell_len(labels))}  {body}\n")
        text.append(passed_over(passed), style="italic")
    text.rstrip()
    return text


def verdict(pane: DetailPane, row: int, flagged: bool) -> str:
    """'flagged' or 'not flagged', with the reason as engine/multilabel_managers.py decides it: a
    row is flagged when a label crosses its cut against its given set (a suggested change: p >= 0.5
    adds a label; a given one drops under its own cut, engine.multilabel_audit.drop_cuts) and
    Datalab's own multi-label check flags it too; after a threshold change, by its score alone."""
    view, ml = pane.view, pane.view.multilabel
    state = "flagged" if flagged else "not flagged"
    datalab = view.datalab_label_flags
    if datalab is None:
        return state
    thresholds = getattr(pane.app, "thresholds", None)
    moved = thresholds is not None and thresholds.current.get("label", 0) != thresholds.default.get("label", 0)
    if moved:  # the reviewer moved the threshold: a score cut now
        cut = thresholds.current["label"]
        if cut is None:
            return f"{state}: the threshold you set flags no row"
        return f"{state}: its score is {'at or under' if flagged else 'over'} the threshold you set ({cut:.3f})"
    blank = view.flags.get("null")
    if not flagged and blank is not None and bool(blank[row]):  # engine.issue_managers._without_blank_rows
        return f"{state}: the row has no text (a label cannot be judged without one; the null check flags it)"
    changed, by_datalab = ml.has_suggestion(row), bool(datalab[row])
    if flagged != (changed and by_datalab):  # not the audit's rule: say no reason rather than a wrong one
        return state
    crossing = f"a label crosses its cut ({CUT_RULE})"  # which ones: the Suggested line above
    if flagged:
        return f"{state}: {crossing} and Datalab's own check flags it too"
    if not changed:
        why = f"no label crosses its cut against the given set (nothing to suggest; {CUT_RULE})"
        return f"{state}: {why}" + ("; Datalab's own check flags it" if by_datalab else "")
    return f"{state}: {crossing} but Datalab's own check does not flag it (it takes both)"


def _set(names: list[str], members: tuple[int, ...]) -> str:
    return "{" + ", ".join(names[i] for i in members) + "}"
