"""Decisions on label sets (multi-label data), for every row screen.

``a`` accepts the row's suggested set change, ``l`` opens the label-set picker; on the
near-duplicate screen ``A`` gives every member the chosen member's set (as decided) and ``l``
one set for all members. Only the label screen had these: the outlier and near-duplicate screens
of multi-label data opened the single-label picker, whose one class the journal then refused
('decision NOT saved: ... is not a label set'), and ``a`` there said no label issue backs a
suggestion on a row the pane called flagged. Functions of the screen (a ``RowScreen``).
"""

from __future__ import annotations

from typing import Any

from tui.decisions import RELABEL


def decided_set(screen: Any, row: int) -> tuple[int, ...] | None:
    """The row's set as decided: its relabel's set, else the given one; None when its relabel
    names a label this data does not have (a journal written for other labels)."""
    ml = screen.view.multilabel
    if screen.book.codes[row] == RELABEL:
        decision = screen.book.journal.decision(row) if screen.book.journal is not None else None
        if decision is None or decision.label_after is None:
            return None
        from engine.multilabel import parse_display

        try:
            return tuple(sorted(parse_display(decision.label_after, ml.names)))
        except Exception:  # noqa: BLE001 - UsageError: an unknown label or not a set
            return None
    return tuple(ml.sets[row])


def can_accept(screen: Any, row: int | None) -> bool | None:
    """``check_action``'s answer for accept: only on a row with a suggested change."""
    return True if row is not None and screen.view.multilabel.has_suggestion(row) else None


def accept(screen: Any) -> None:
    if screen.mark_count:
        accept_marked(screen)
        return
    row = screen.target()
    if row is None:
        return
    ml = screen.view.multilabel
    if not ml.has_suggestion(row):
        why = ("the row has no text (a label cannot be judged without one)" if screen.view.has_no_text(row)
               else "every label of this row agrees with the model")
        screen.notify(f"nothing to accept: {why} (l edits the set, o keeps it)", timeout=4)
        return
    record_sets(screen, [row], ml.suggested(row))


def accept_marked(screen: Any) -> None:
    """Each marked row takes its own suggested set: one journal group, one undo."""
    ml = screen.view.multilabel
    rows = [r for r in screen.marked_rows() if ml.has_suggestion(r)]
    if not rows:
        screen.notify("nothing to accept: no marked row has a suggested change", timeout=4)
        return
    if write(screen, [("relabel", r, ml.display(ml.suggested(r))) for r in rows], journal_suggestion(screen, rows),
             advance=False):
        screen.notify(f"accepted the suggested sets of {len(rows):,} marked rows", timeout=4)


def pick_set(screen: Any, rows: list[int] | None = None, done: Any = None) -> None:
    """The label-set picker for the row under the cursor, or one set for all ``rows`` (a
    near-duplicate set: it starts from the first member's set, as decided); ``done`` takes the
    chosen set instead of ``record_sets``."""
    if screen.mark_count:
        screen.notify("l edits one row's label set at a time; a accepts each marked row's suggestion", timeout=5)
        return
    if rows is None:
        row = screen.target()
        rows = [] if row is None else [row]
    if not rows:
        return
    from tui.screens.label_set_picker import LabelSetPicker

    ml, first = screen.view.multilabel, rows[0]

    def chosen(after: tuple[int, ...] | None) -> None:
        if after is not None:
            record_sets(screen, rows, after)

    title = f"Labels of row {first:,}" if len(rows) == 1 else f"Labels of all {len(rows)} members"
    start = decided_set(screen, first)
    start = tuple(ml.sets[first]) if start is None else start
    screen.app.push_screen(LabelSetPicker(ml.shown, start, ml.probs[first],
                                          missing=ml.missing[first], extra=ml.extra[first], title=title), done or chosen)


def decide_row(screen: Any, action: str, row: int) -> None:
    """Exclude or keep ``row``, the journal's suggestion its suggested set (the single-label
    keys wrote the model's top class there: 'suggested_label': 'urgent' in a journal of sets)."""
    if screen.book.holds(action, row):  # a second x on an excluded row: nothing to write
        already = screen.book.describe(row, screen.view.shown_names)
        screen.notify(f"row {row:,} is already {already}: nothing written", timeout=3)
        screen.advance()
        return
    write(screen, [(action, row, None)], journal_suggestion(screen, [row]))


def record_sets(screen: Any, rows: list[int], after: tuple[int, ...]) -> None:
    """Give ``rows`` the set ``after`` (keep where it is a row's given set), one undo, then advance."""
    ml = screen.view.multilabel
    after = tuple(sorted(after))
    if len(rows) == 1 and held_set(screen, rows[0], after):  # the set picker's '(unchanged)', enter, again
        already = screen.book.describe(rows[0], screen.view.shown_names)
        screen.notify(f"row {rows[0]:,} is already {already}: nothing written", timeout=3)
        screen.advance()
        return
    write(screen, [("keep", r, None) if tuple(sorted(ml.sets[r])) == after else ("relabel", r, ml.display(after))
                   for r in rows], journal_suggestion(screen, rows))


def journal_suggestion(screen: Any, rows: list[int]) -> str | None:
    """The journal's ``suggested_label`` for a group of ``rows`` on label sets: the suggested set
    where a label issue backs the same one on every row, else None (null), the rule
    RowDecisions.journal_suggestion follows for single labels. It was the first row's suggested
    set on every line: a near-duplicate set unified by A wrote row 305's suggestion on row 489,
    which nothing flagged, and x or o wrote one on rows the label check did not flag."""
    ml, flags = screen.view.multilabel, screen.view.flags.get("label")
    if flags is None or not rows or not all(flags[r] and ml.has_suggestion(r) for r in rows):
        return None
    suggested = {ml.suggested(r) for r in rows}
    return ml.display(suggested.pop()) if len(suggested) == 1 else None


def held_set(screen: Any, row: int, after: tuple[int, ...]) -> bool:
    """``row``'s decision already gives it the set ``after`` (224cec8's rule for x and o): a keep
    of its given set, or a relabel to that set. Writing it again added an undo step that took back
    nothing visible."""
    if after == tuple(sorted(screen.view.multilabel.sets[row])):
        return bool(screen.book.holds("keep", row))
    return bool(screen.book.codes[row] == RELABEL and decided_set(screen, row) == after)


def write(screen: Any, entries: list[tuple[str, int, str | None]], suggested: str | None = None,
          advance: bool = True) -> bool:
    """Save ``entries`` (fsynced before it returns) as one group, ``suggested`` the first row's
    suggested set; then the cursor moves on (``advance``). Says why when nothing was saved."""
    book = screen.book
    if (problem := book._guard()) is not None:
        screen.notify(problem, severity="error", timeout=8)
        return False
    from engine.corrections import JournalWriteError
    from engine.errors import UsageError

    from tui.screens.row_decisions import decision_said, say_decided  # it imports this module

    single = entries[0][1] if len(entries) == 1 else None
    before = "" if single is None else decision_said(book, single, screen.view.shown_names)

    try:
        book.journal.record_group(entries, issue_type=screen.issue_type, suggested_label=suggested)
    except JournalWriteError as exc:
        screen.notify(str(exc), severity="error", timeout=8)
        return False
    except UsageError as exc:
        screen.notify(f"decision NOT saved: {exc.message}", severity="error", timeout=8)
        return False
    rows = [row for _, row, _ in entries]
    book._refresh(rows)
    book.saved_this_session += len(rows)
    if single is not None:  # a decision replaced says so (say_decided)
        say_decided(screen, single, before)
    if advance:
        screen.advance()
    screen.refresh_decisions(only_decided=True)
    return True
