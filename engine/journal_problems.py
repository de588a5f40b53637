"""What journal replay could not apply (or applied elsewhere), summarised into a few readable lines.

Split out of engine/journal_format.py (the line format): ``ReplayProblems`` collects the findings of
framing and of matching each line to a row (engine/journal_replay.py), ``lines`` says them.
"""

from __future__ import annotations

from typing import Any

from engine.wording import agreeing, counted
from engine.paths import shell_word

_SHOWN_ROWS = 8

# ReplayProblems' per-decision findings, which ``absorb`` adds from a group's and ``unapplied`` counts: named once
# here, so that a new finding cannot be counted and not absorbed, or the other way round.
_UNAPPLIED = ("out_of_range", "id_missing", "text_changed", "excluded_gone", "rows_gone", "bad_label", "label_changed",
              "already_set", "ambiguous", "other_cells", "twins_gone", "kept_twins_gone", "made_single", "id_shared",
              "copy_unknown")  # rows whose decision is not applied
_UNAPPLIED_BY_OPTION = ("other_label_column", "other_label_sep", "other_text_column")  # {option's value: rows}, same
_PER_DECISION = ("partial_groups", "moved", "twin_taken", "replaced")  # partial_groups: (group, lines, size) counted
_PER_DECISION_BY_NAME = ("renamed_label_column",)  # applied (and said)


def rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (" ..." if len(rows) > _SHOWN_ROWS else "")


class ReplayProblems:
    """What replay could not apply, summarised into a few readable lines."""

    def __init__(self) -> None:
        self.invalid_lines: list[int] = []
        self.incomplete_groups: list[int] = []
        self.out_of_range: list[int] = []
        self.id_missing: list[object] = []  # decided with --id-column: ids no row has now
        self.text_changed: list[int] = []
        self.excluded_gone: list[int] = []  # exclusions whose text no row has (the row gone: an exported file)
        self.rows_gone: list[int] = []  # keeps and relabels whose text no row has, fewer rows now (journal_gone.py)
        self.bad_label: list[int] = []
        self.history_mismatch: list[int] = []
        self.label_changed: list[int] = []
        self.already_set: list[int] = []  # relabels whose row already has the label they set (an exported file)
        self.other_label_column: dict[str, list[int]] = {}  # made on another label column: its rows
        self.renamed_label_column: dict[str, list[int]] = {}  # made on a label column this data lacks (renamed)
        self.other_label_sep: dict[str, list[int]] = {}  # label sets read with another --label-sep: rows
        self.label_sep_absent = False  # ... and this run was given no --label-sep (single-label)
        self.made_single: list[int] = []  # made on single labels (no --label-sep), read as label sets now: rows
        self.other_text_column: dict[str, list[int]] = {}  # text changed, decided with another text column: rows
        self.ambiguous: list[int] = []
        self.other_cells: list[int] = []  # the one row with the text differs in its other columns
        self.twins_gone: list[int] = []  # an exclusion of one of identical rows, fewer of them left now
        self.kept_twins_gone: list[int] = []  # a keep of one of identical rows, fewer of them left now
        self.copy_unknown: list[int] = []  # one of identical rows, on other data: how many there are tells no copy
        self.id_shared: list[int] = []  # the decided row shared its id; the row with it here is another one
        self.id_columns: set[str] = set()  # id columns decisions were made with, other than this run's
        self.data_names: set[str] = set()  # data files decisions were made on, other than this run's
        self.data_name: str | None = None  # this run's
        self.columns_changed = False  # an ambiguous line's row_hash covered other columns than the data's
        self.moved: list[int] = []  # applied, to the row that now has the id (or the text)
        self.twin_taken: list[int] = []  # applied to the one identical copy left at another position (said)
        self.partial_groups: list[tuple[int, int, int]] = []  # (group, matching lines, size)
        self.replaced: list[int] = []  # rows a skipped group decided again: their earlier decision stays replaced
        self.torn_bytes = 0
        self.torn_group = 0

    def absorb(self, other: ReplayProblems) -> None:
        """Add ``other``'s per-decision findings (one group's, kept apart until replay knows
        whether that group is still in effect) to these."""
        for name in _UNAPPLIED + _PER_DECISION:
            getattr(self, name).extend(getattr(other, name))
        for name in _UNAPPLIED_BY_OPTION + _PER_DECISION_BY_NAME:
            mine = getattr(self, name)
            for key, rows in getattr(other, name).items():
                mine.setdefault(key, []).extend(rows)
        self.id_columns |= other.id_columns
        self.data_names |= other.data_names
        self.data_name = self.data_name or other.data_name
        self.columns_changed |= other.columns_changed
        self.label_sep_absent |= other.label_sep_absent

    @property
    def unapplied(self) -> int:
        """Decisions (journal lines) recorded but not applied to the current data."""
        return (sum(len(getattr(self, name)) for name in _UNAPPLIED) + sum(n for _, n, _ in self.partial_groups)
                + self._by_option())

    @property
    def other_options(self) -> int:
        """Of those, the decisions made with another --text-column, --label-column or --label-sep (or without
        --label-sep, which this run was given)."""
        return len(self.made_single) + self._by_option()

    def _by_option(self) -> int:
        return sum(len(rows) for name in _UNAPPLIED_BY_OPTION for rows in getattr(self, name).values())

    def summary(self) -> str | None:
        """One clause for a summary line when part of the journal no longer applies, else None."""
        from engine.journal_summary import unapplied_clause

        return unapplied_clause(self)

    def lines(self, *, removed: bool, cut: Any = None) -> list[str]:
        """The report's lines; ``removed``: the torn tail was cut off, ``cut`` (engine.journal_rescue.TailCut) where
        its whole lines were saved first, or why it was kept."""
        done, saved = "; removed it so the next decision starts on a fresh line" if removed else "", ""
        if cut is not None and cut.kept:
            why = (f"its {counted(cut.lines, 'whole line')} could not be saved beside it first" if cut.lines
                   else "it could not be read")
            done = f"; kept it ({why}: {cut.error}), so the next decision starts on a fresh line after it"
        elif removed and cut is not None and cut.saved_in is not None:  # whole lines: a group's (torn_group)
            saved = f"; its {counted(cut.lines, 'whole line')} {'is' if cut.lines == 1 else 'are'} saved in {shell_word(str(cut.saved_in))}"
        report = []
        if self.torn_bytes:
            report.append(f"ignored a torn last line ({self.torn_bytes} bytes without a newline: "
                          f"a write cut off by a crash){done}")
        if self.torn_group:
            report.append(f"ignored an incomplete last decision group ({counted(self.torn_group, 'line')}){done}{saved}")
        if self.invalid_lines:
            report.append(f"skipped {counted(len(self.invalid_lines), 'unreadable line')}: {rows_text(self.invalid_lines)}")
        if self.incomplete_groups:
            report.append(f"skipped {counted(len(self.incomplete_groups), 'incomplete decision group')}")
        if self.text_changed:
            report.append(f"{counted(len(self.text_changed), 'decision')} not applied: the row's text changed "
                          f"since (text_sha256 mismatch; rows {rows_text(self.text_changed)})")
        if self.excluded_gone:
            report.append(f"{counted(len(self.excluded_gone), 'exclusion')} not applied: the excluded row is gone, no "
                          "row has its text now (is this a file exported with this journal applied, which drops it? "
                          f"else its text was edited since; rows {rows_text(self.excluded_gone)})")
        if self.rows_gone:
            report.append(f"{counted(len(self.rows_gone), 'decision')} not applied: the decided row is gone, no row has "
                          "its text now and the data has fewer rows than when it was decided (deleted since? else its "
                          f"text was edited; rows {rows_text(self.rows_gone)})")
        for column, rows in self.other_text_column.items():
            report.append(f"{counted(len(rows), 'decision')} not applied: the row's text differs, and the decision was "
                          f"made with --text-column {shell_word(column)}, not this run's (rows {rows_text(rows)}); give "
                          f"--text-column {shell_word(column)}")
        if self.out_of_range:
            report.append(f"{counted(len(self.out_of_range), 'decision')} not applied: row not in the dataset "
                          f"(rows {rows_text(self.out_of_range)})")
        if self.id_missing:
            shown = ", ".join(repr(value) for value in self.id_missing[:_SHOWN_ROWS])
            more = " ..." if len(self.id_missing) > _SHOWN_ROWS else ""
            report.append(f"{counted(len(self.id_missing), 'decision')} not applied: no row of the dataset has "
                          f"{'the id it was' if len(self.id_missing) == 1 else 'the ids they were'} made on "
                          f"({'id' if len(self.id_missing) == 1 else 'ids'} {shown}{more})")
        if self.bad_label:
            report.append(f"{counted(len(self.bad_label), 'relabel')} not applied: the label is not a class of "
                          f"this dataset (rows {rows_text(self.bad_label)})")
        if self.label_changed:
            report.append(f"{counted(len(self.label_changed), 'decision')} not applied: the row's label changed since "
                          f"(label_before differs; rows {rows_text(self.label_changed)})")
        if self.already_set:
            report.append(f"{counted(len(self.already_set), 'relabel')} not applied: the row already has the label "
                          f"{'it sets' if len(self.already_set) == 1 else 'they set'} (is this a file exported "
                          f"with this journal applied? rows {rows_text(self.already_set)})")
        for column, rows in self.other_label_column.items():
            report.append(f"{counted(len(rows), 'decision')} not applied: made on the label column {column!r}, "
                          f"not this one (rows {rows_text(rows)})")
        for sep, rows in self.other_label_sep.items():
            this = "which this run was not given" if self.label_sep_absent else "not this one"
            report.append(f"{counted(len(rows), 'decision')} not applied: made with --label-sep {shell_word(sep)}, {this} "
                          f"(rows {rows_text(rows)}); give --label-sep {shell_word(sep)}")
        if self.made_single:
            report.append(f"{counted(len(self.made_single), 'decision')} not applied: made on single labels, "
                          f"without --label-sep, which this run was given (it reads each cell as a label set; rows "
                          f"{rows_text(self.made_single)}); leave out --label-sep")
        if self.ambiguous:
            report.append(f"{counted(len(self.ambiguous), 'decision')} not applied: "
                          f"{'its' if len(self.ambiguous) == 1 else 'their'} id or text now belongs to "
                          f"several rows, so which one was decided is unknown (rows {rows_text(self.ambiguous)})"
                          + ("; the data's columns changed since (one removed, renamed or moved), so the copies "
                             "cannot be told apart by their other columns; an --id-column (a value unique to each "
                             "row) matches rows by id" if self.columns_changed else ""))
        if self.other_cells:
            report.append(f"{counted(len(self.other_cells), 'decision')} not applied: the one row that has "
                          f"{'its' if len(self.other_cells) == 1 else 'their'} text now differs from the decided row "
                          "in its other columns (the decided row deleted and another with its text left, or a cell "
                          f"edited since; rows {rows_text(self.other_cells)}); an --id-column matches rows by id")
        if self.id_shared:
            report.append(f"{counted(len(self.id_shared), 'decision')} not applied: the decided row shared its id "
                          "with other rows, and the row here with that id and text differs from it in its other "
                          "columns (the decided row deleted, or dropped by the export made with these decisions, "
                          f"or a cell edited since; rows {rows_text(self.id_shared)})")
        if self.twins_gone:
            report.append(f"{counted(len(self.twins_gone), 'exclusion')} not applied: the excluded row had identical "
                          "copies and fewer of them are left now (the data is an export made with these decisions, "
                          "or a copy was deleted since): excluding a copy left could drop the text altogether "
                          f"(rows {rows_text(self.twins_gone)})")
        if self.kept_twins_gone:
            report.append(f"{counted(len(self.kept_twins_gone), 'keep')} not applied: the kept row had identical "
                          "copies and fewer of them are left now (the data is an export made with these decisions, or "
                          "the kept row changed since): a copy left may be another row, and would let the keep's group "
                          f"apply (rows {rows_text(self.kept_twins_gone)})")
        if self.copy_unknown:
            one = len(self.copy_unknown) == 1
            report.append(f"{counted(len(self.copy_unknown), 'decision')} not applied: {'it was' if one else 'each was'} "
                          "made on one of several identical rows (text and other columns alike) of another file, and "
                          "this data holds another number of them than that file less the copies these decisions "
                          "exclude, so which copy was decided is unknown (rows "
                          f"{rows_text(self.copy_unknown)}); an --id-column matches rows by id")
        if self.data_names and self.unapplied:  # a journal passed for another file, or the default one shared
            names = ", ".join(shell_word(name) for name in sorted(self.data_names))  # paths: one shell word each
            this = f" (this data: {shell_word(self.data_name)})" if self.data_name else ""
            report.append(f"the journal's decisions were made on {names}{this}: is it that file's journal?")
        if self.id_columns and self.unapplied:  # matched by text alone: a moved duplicate, an edited text
            names = " / ".join(shell_word(column) for column in sorted(self.id_columns))  # to paste after --id-column
            report.append(f"the journal's decisions were made with --id-column {names}: pass --id-column {names} "
                          "to match rows by id (this run matched them by text)")
        if self.partial_groups:
            lines = sum(n for _, n, _ in self.partial_groups)
            their = "its" if len(self.partial_groups) == 1 else "their"
            unapplied = (f"{their} one still-matching decision was not applied" if lines == 1 else
                         f"none of {their} {lines:,} still-matching decisions was applied")
            report.append(f"{counted(len(self.partial_groups), 'decision group')} matched only in part, so "
                          f"{unapplied} (a group applies all or nothing; "
                          f"groups {rows_text([g for g, _, _ in self.partial_groups])})")
        if self.replaced:
            one = len(self.replaced) == 1
            report.append(f"{counted(len(self.replaced), 'row')} {'holds' if one else 'hold'} no decision: a decision not "
                          f"applied (above) had replaced {'its' if one else 'their'} earlier one, which is not applied "
                          f"either (rows {rows_text(self.replaced)})")
        for column, rows in self.renamed_label_column.items():
            report.append(f"{counted(len(rows), 'decision')} {agreeing(len(rows), 'were')} made on the label column "
                          f"{column!r}, which this data lacks: taken as made on its label column, renamed since? "
                          f"(rows {rows_text(rows)})")
        if self.twin_taken:
            report.append(f"{counted(len(self.twin_taken), 'decision')} on one of several identical rows went to the one "
                          "copy left, at another position: right where the copies were deduplicated since; if the "
                          "decided row's text was edited instead, the decision is on its twin, not on it "
                          f"(rows {rows_text(self.twin_taken)})")
        if self.moved:
            report.append(f"{counted(len(self.moved), 'decision')} followed "
                          f"{'its' if len(self.moved) == 1 else 'their'} row to a new position (same id, or "
                          f"same text and other columns; rows {rows_text(self.moved)})")
        if self.history_mismatch:
            count = len(self.history_mismatch)
            report.append(f"skipped {counted(count, 'undo/redo line')} that {agreeing(count, 'do')} not match "
                          "the decisions before them")
        return report
