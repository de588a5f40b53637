"""Every key of the app as data: the screens, the help screen and the command palette read it here.

One module (importing no screen) so that the help screen lists exactly what the screens bind,
without importing the app or the screens (no import cycle).
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

APP_BINDINGS = [
    Binding("question_mark", "help", "Help"),
    Binding("ctrl+q", "quit", "Quit (ctrl+c too)", show=False, priority=True),
    # before any widget's own ctrl+c (an input's copy): ctrl+c quits from a picker or the filter too
    Binding("ctrl+c", "interrupt", "Quit, or cancel the running audit", show=False, priority=True),
    Binding("ctrl+e", "export", "Export", show=False),
    # job control over SSH: the shell's fg brings the app back (every decision is on disk already);
    # priority as ctrl+q: a dialog (help, export, a picker) is modal, and Textual looks no further than
    # a modal screen for the other app bindings, so ctrl+z did nothing in one (README: 'anywhere')
    Binding("ctrl+z", "suspend_process", "Suspend to the shell (fg resumes)", show=False, priority=True),
]
PALETTE_KEY = Binding("ctrl+p", "command_palette", "Command palette: every screen and action")
#: ctrl+p in a dialog's footer: the app's key opens the palette over a dialog too (a priority binding),
#: but Textual's footer looks no further than a modal screen, so the dialogs left '^p palette' out while
#: every other screen shows it. In a dialog, where '?' is typed into its input, the palette is what lists
#: the dialog's keys and opens help.
DIALOG_PALETTE = Binding("ctrl+p", "app.command_palette", "palette", show=False)

#: u / ctrl+r on the screens that list no rows (tui/screens/history_keys.py), as on the row
#: screens: the newest decision, wherever made; its screen opens on the row. Per screen: an app
#: binding fires inside dialogs too.
HISTORY_BINDINGS = [
    Binding("u", "undo", "Undo", show=False, tooltip="Undo the latest decision (its screen opens on the row)"),
    Binding("ctrl+r", "redo", "Redo", show=False),
]

SUMMARY_BINDINGS = [
    Binding("enter", "open", "Open", show=False),
    Binding("c", "chart", "Class chart", tooltip="Class chart: scroll to it; c again, enter or tab: back to the table"),
    Binding("r", "report", "Report"),
    Binding("C", "app.confusions", "Confusions", show=False,
            tooltip="Confusion navigator: label issues by class pair (given → suggested)"),
    Binding("R", "app.reaudit", "Re-audit", show=False,
            tooltip="Re-audit with the journal's corrections (cached vectors) and show what changed"),
    Binding("e", "export", "Export"),
    Binding("q", "app.quit", "Quit"),
    *HISTORY_BINDINGS,
]

DECISION_BINDINGS = [
    Binding("a", "accept", "Accept", tooltip="Accept the suggested label (where a label issue backs it)"),
    Binding("l", "pick_label", "Label", tooltip="Choose a label (or type a new class)"),
    Binding("x", "exclude", "Exclude", tooltip="Exclude the row from the exported data"),
    Binding("o", "keep", "Keep", tooltip="Keep the row as it is"),
    Binding("u", "undo", "Undo", tooltip="Undo the latest decision (says which and where)"),
    Binding("ctrl+r", "redo", "Redo", show=False),  # the footer keeps room for / and ?; help lists all
    Binding("e", "app.export", "Export", show=False),
]
VIEW_BINDINGS = [
    Binding("slash", "filter", "Filter", tooltip="Filter rows"),
    Binding("f", "toggle_flagged", "Flagged/all", show=False, tooltip="Flagged rows / all rows"),
    Binding("s", "sort_next", "Sort", show=False, tooltip="Sort by the next column"),
    Binding("S", "sort_reverse", "Reverse sort", show=False),
    Binding("tab", "focus_detail", "Detail", show=False, tooltip="Move between the list and the detail pane"),
    Binding("escape", "escape", "Back", show=False, tooltip="Clear the marks, then a filter typed here; then back"),
    Binding("q", "back", "Back", show=False, tooltip="Back to the summary"),
]

MARK_TIP = "Mark or unmark the row, then go down (a, l, x, o then act on every marked row)"
#: Review keys of every row screen: marks for bulk decisions, and moving through what is left.
REVIEW_BINDINGS = [
    # space marks and goes down (a run of rows: space, space, space); the footer shows it while rows are marked
    # (the first binding: check_action turns it off without marks): three Downs after a mark, read as 'mark
    # stays', marked the wrong row (loop42)
    Binding("space", "toggle_mark('footer')", "Mark, go down", tooltip=MARK_TIP),
    Binding("space", "toggle_mark", "Mark, go down", show=False, tooltip=MARK_TIP),
    Binding("asterisk", "mark_all", "Mark all", show=False, tooltip="Mark every row of the list as filtered now"),
    Binding("n", "next_undecided(1)", "Next undecided", show=False, tooltip="Next row without a decision"),
    Binding("N", "next_undecided(-1)", "Previous undecided", show=False, tooltip="Previous row without a decision"),
    Binding("d", "toggle_decided", "Hide decided", show=False, tooltip="Hide / show rows that have a decision"),
    Binding("colon", "goto", "Go to", show=False, tooltip="Go to a row number or an id"),
    Binding("m", "more_like_this", "More like this", show=False,
            tooltip="More like this: the 50 rows nearest to this one (mark them for one decision)"),
    Binding("j", "jump_issue", "Jump", show=False, tooltip="The same row on the next issue screen that flags it"),
    # C too: the summary's key for it ('C confusions'; its c is the class chart), which did nothing here
    Binding("c,C", "app.confusions", "Confusions", show=False,
            tooltip="Confusion navigator: label issues by class pair (given → suggested)"),
    Binding("t", "thresholds", "Threshold", show=False,
            tooltip="Flag threshold of label / outlier / near-duplicate scores, with a histogram"),
    Binding("R", "app.reaudit", "Re-audit", show=False,
            tooltip="Re-audit with the journal's corrections (cached vectors) and show what changed"),
]

#: Actions that only move a cursor on the screen they are bound on (never the focus, never the
#: screen): the key gate (tui/key_gate.py) routes their keys at once, as it does the cursor keys.
#: Held down, 'n' waited for a screen draw per key (20 at once: 1.2 s against 0.07 s).
CURSOR_ACTIONS = frozenset({"next_undecided(1)", "next_undecided(-1)", "member(1)", "member(-1)"})
#: Actions that leave a row screen or open help: they do not wait for the list's new order (a
#: first text sort of 1M rows is 4-8 s; 'q' after a mistaken 's' waited for all of it).
LEAVE_ACTIONS = frozenset({"back", "escape", "help"})

#: The re-audit screen (enter on a type lists its newly flagged rows).
REAUDIT_BINDINGS = [
    Binding("enter", "open_new", "Newly flagged", show=False,
            tooltip="List the newly flagged rows of the issue type under the cursor"),
    # one key, two words: the footer said 'Back / cancel' after the re-audit had ended (ui27)
    Binding("escape,q", "cancel", "Cancel", tooltip="Cancel the re-audit while it runs; else back"),
    Binding("escape,q", "back", "Back", tooltip="Cancel the re-audit while it runs; else back"),  # help: one line
    *HISTORY_BINDINGS,
]

#: The threshold dialog.
#: Its footer shows tab, enter and esc; the dialog's own hint line names the arrows and 0.
THRESHOLD_BINDINGS = [
    Binding("right", "step(1)", "One more row", show=False),
    Binding("left", "step(-1)", "One row fewer", show=False),
    Binding("up", "step_tenth(1)", "A tenth more", show=False),
    Binding("down", "step_tenth(-1)", "A tenth fewer", show=False),
    Binding("0", "default", "The audit's default", show=False),
    Binding("tab", "next_type", "Next check"),
    Binding("enter", "apply", "Apply"),
    Binding("escape", "cancel", "Cancel"),
]

#: The confusion navigator.
CONFUSION_BINDINGS = [
    # priority: the focused DataTable's own enter (shown=False) shadowed it, and the footer left it out
    Binding("enter", "open", "Open", tooltip="List the group's rows on the label-issue screen (then * and a)",
            priority=True),
    Binding("v", "cycle", "View", tooltip="Pairs / by given class / by suggested class / matrix"),
    Binding("escape,q", "back", "Back"),
    # the matrix's cell cursor (enter lists the cell's pair); in the lists the arrows are the table's own
    Binding("up", "cell(-1, 0)", "Matrix cell", show=False,
            tooltip="In the matrix: move between its cells; enter lists the cell's pair"),
    Binding("down", "cell(1, 0)", "", show=False),
    Binding("left", "cell(0, -1)", "", show=False),
    Binding("right", "cell(0, 1)", "", show=False),
    *HISTORY_BINDINGS,
]

#: The confirmation of a decision on many marked rows.
BULK_BINDINGS = [
    Binding("enter,y", "confirm", "Confirm"),
    Binding("escape,n", "cancel", "Cancel"),
]
#: The go-to dialog (``:``).
GOTO_BINDINGS = [Binding("escape", "cancel", "Cancel")]

SET_BINDINGS = [
    # ← and → (the list's own keys) pick a member too; the footer shows them on this binding
    Binding("right_square_bracket", "member(1)", "Member", key_display="←→",
            tooltip="Next member (also → ; [ or ← for the previous one)"),
    Binding("left_square_bracket", "member(-1)", "Previous member", show=False),
    Binding("A", "unify", "Unify", tooltip="Give every member the selected member's label"),
    Binding("k", "keep_one", "Keep ▶", tooltip="Keep the selected member, exclude the rest"),
]
#: The near-duplicate screen's footer has room for its set keys only by leaving out keep and
#: filter (still bound; the help screen lists them).
NEAR_DUPLICATE_BINDINGS = SET_BINDINGS + [
    replace(b, show=False) if b.action in ("keep", "filter") else b for b in DECISION_BINDINGS + VIEW_BINDINGS
] + REVIEW_BINDINGS

SINGLE_VIEW_BINDINGS = [Binding("escape,q", "back", "Back"), *HISTORY_BINDINGS]

#: The label-change navigator of multi-label data (``C`` on label sets).
LABEL_CHANGE_BINDINGS = [
    # priority, as CONFUSION_BINDINGS': the focused DataTable's own enter shadowed it and the footer left it out
    Binding("enter", "open", "Open", tooltip="List the change's rows on the label-issue screen (then * and a)",
            priority=True),
    Binding("escape,q", "back", "Back"),
    *HISTORY_BINDINGS,
]
