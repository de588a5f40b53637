"""A relabel to a new class, asked before it is written: the label picker's '+ new class: NAME' line.

The audit's classes are fixed: a new class has no pred_probs column, so the picker shows no
probability for it and no check counts it until the data is audited again (``R``, or an audit
of the export). The confirmation (the bulk dialog's, for one row or a near-duplicate set) says
so; enter/y writes the relabel (the journal line carries ``new_label``), esc/n goes back to the
picker with the name as typed, to correct it. With marks the bulk dialog asks as ever, its title
naming the class '(new)'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.screens.bulk_dialog import PREVIEW_ROWS, BulkDialog, BulkRequest, PreviewRow
from tui.view import counted

#: What the confirmation says of any new class.
UNSEEN = ("a class the audit did not see: it has no probability, and no check counts it until the data is "
          "audited again (R)")


def picker_options(screen: Any) -> dict[str, Any]:
    """The label picker's arguments for new classes on ``screen`` (a row screen): offered where the
    journal can take one (single labels), with the names made so far; those no decision uses now (every
    use undone) are not listed (typed again, one is offered as a new class again), and with those of earlier
    sessions are the ``undone`` names a typed name's spelling is checked against."""
    book = screen.book
    if screen.view.multilabel is not None:
        return {}
    live = book.live_new_labels()
    return {"new_class": book.new_label_problem, "new_names": sorted(book.new_labels),
            "hidden": sorted(book.new_labels - live), "undone": sorted(book.past_new_labels() - live),
            "named": book.new_names}


def confirm_new_class(screen: Any, rows: list[int], name: str, write: Callable[[int], None],
                      reopen: Callable[[str], None] | None = None) -> None:
    """Ask before ``write`` relabels ``rows`` to the new class ``name`` (given its class index, once confirmed);
    not confirmed, ``reopen`` opens the picker again with ``name`` typed (its --label-names name where it has one)."""
    from tui.names import drawn_name

    view = screen.view
    named = screen.book.new_class_shown(name)  # --label-names' name for it ('5=New'), else as typed
    shown = drawn_name(named)
    rows = [int(r) for r in rows]
    preview = [PreviewRow(r, str(view.texts[r]), view.shown_names[int(view.given[r])], f"{shown} (new)")
               for r in rows[:PREVIEW_ROWS]]
    whom = f"row {rows[0]:,}" if len(rows) == 1 else counted(len(rows), "row")
    notes = [note] if (note := replaced_note(screen, rows)) else []
    written = f" (written as {drawn_name(name)}, the names are for the screens)" if named != name else ""
    request = BulkRequest(f"Relabel {whom} to the NEW class {shown}", len(rows), preview,
                          [*notes, f"{shown}{written}: {UNSEEN}"])

    def confirmed(yes: bool | None) -> None:
        if yes:
            write(screen.book.add_label(name))
        elif reopen is not None:
            reopen(named)  # as the user typed it: '5=New' reopened with '5' where New was typed

    screen.app.push_screen(BulkDialog(request), confirmed)


def replaced_note(screen: Any, rows: list[int]) -> str | None:
    """What a relabel of ``rows`` to a new class replaces, where a row has a decision now (None where none
    has): of one row its decision by name ('replaces your relabel to X; the data says Y'), of several how many,
    as the bulk dialog says it. Session 34's walkthrough: a row relabelled to X and then to a new class was previewed as
    'Y → NEW (new)' alone, Y the data's label, as if the relabel to X were not there."""
    from tui.decisions import EXCLUDE, RELABEL

    book, names = screen.book, screen.view.shown_names
    decided = [row for row in rows if int(book.codes[row])]
    if not decided:
        return None
    if len(rows) > 1:
        other = len(decided)
        return f"{other:,} of them already {'has a decision: it is' if other == 1 else 'have a decision: each is'} replaced"
    row = decided[0]
    code = int(book.codes[row])
    if code == RELABEL:
        what = f"your relabel to {book.describe(row, names).removeprefix('→ ')}"
    else:
        what = f"your decision {'✗ excluded' if code == EXCLUDE else '✓ kept'}"
    return f"replaces {what}; the data says {names[int(screen.view.given[row])]}"
