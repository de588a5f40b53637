"""Which row of the current data a journal line still names, if any.

A decision is applied only to the row it was made on. Each line stores the row's position,
its id (the id column's value, or the position without one), the sha256 of its text and its
label at the time. On replay a decision goes to

* with an id column: the row that still has the stored id (at the stored position, or, if the
  file was re-sorted, wherever the id now is, when exactly one row has it, or exactly one of the rows
  with it has the decided text and other columns: since journal29, as a unique text follows without an id;
  identical rows, which share their id, by the rules below);
* without one: the row at the stored position, or, when the text there changed, the one row
  whose text has the stored hash (a re-sorted file, texts unique); where that text is repeated,
  the line's ``row_hash`` (the row's other columns, recorded since session 14: engine/row_print.py)
  chooses the copy, and if no copy, or several at other positions, have it, none is chosen
  (over the columns it covered, also after one or two were added; after one was removed, renamed
  or moved, the row at the position only where every copy is alike in the columns left); the one
  row left with the text is not chosen either when the text had copies when decided
  (``text_copies``) and its other columns differ from the line's (the decided copy deleted,
  another left: it took the decision silently); on data other than the file it was made on (the
  export made with the journal, the file renamed), a line on one of several identical rows that
  records which of them it was (``copy_index``, since session 28) takes that copy where the data
  tells it, and is refused where it does not (engine/journal_copies.py); a line made on a row whose
  text and other columns were on no other row (``text_copies`` under 2, recorded with ``data_version``
  since session 28) is refused, in any file, where they are on several rows now (a copy added since:
  taken by its position, the export made with it kept the other copy, and the journal replayed on the
  export excluded or relabelled that one too; journal29);

and only if that row's text hash and label still equal the stored ones, and the line's label
column (``label_column``, recorded since session 11) is the dataset's (or a column the data no
longer has: renamed since, said in a warning), as is the separator of multi-label sets joined in
one cell (``label_sep``, recorded since session 13). Anything else (the id gone or repeated, the
text or the label changed, a duplicated text moved) is skipped and reported: a decision never
lands on a row the user did not decide on.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from engine.journal_format import data_name, json_scalar
from engine.journal_gone import text_refusals
from engine.journal_ids import NULL_IDS, IdRows
from engine.journal_problems import ReplayProblems
from engine.journal_copies import NOT_MINE, CopyBook, CopyChoice, excluded_in_effect
from engine.journal_rows import RowParts
from engine.load import Dataset, text_sha256
from engine.row_print import EarlierPrints, RetypedPrints, RowPrints


class Match(NamedTuple):
    """``RowMatcher.match``'s answer: the row a line applies to (None: refused) and, for a refused line whose
    identical copy is unknown, the row it names otherwise (else None)."""

    row: int | None
    twin: int | None


NO_MATCH = Match(None, None)


class RowMatcher:
    """Maps journal lines to rows of ``dataset`` (indexes built on first need)."""

    def __init__(self, dataset: Dataset, prints: RowPrints | None = None, parts: RowParts | None = None) -> None:
        """``prints``: a fingerprint cache to share (the journal's writer has one); ``parts``: the writer's lines'
        row parts (the data's identical rows and data_version, found once for both)."""
        self.dataset = dataset
        self.names = dataset.class_names
        self._hashes: dict[int, str] = {}
        self._ids = IdRows(dataset)  # rows by id value, also written as the other type (engine/journal_ids.py)
        self._by_hash: dict[str, list[int]] | None = None
        self._prints = RowPrints(dataset) if prints is None else prints  # rows' row_hash, computed as needed
        self._earlier = EarlierPrints(dataset, self._prints)  # over the columns a line had, when some were added
        self._retyped = RetypedPrints(dataset)  # the same values as another format types them (CSV: text)
        self.columns_changed = False  # a line's row_hash covered other columns than the data has now
        self.excluded: dict[str, np.ndarray] = {}  # the rows the lines leave excluded, by their data (prepare_lines)
        self.copies = CopyBook()  # which of identical rows a line meant, on other data (engine/journal_copies.py)
        self._parts = parts
        self._copies_now: np.ndarray | None = None
        self.data_name = data_name(dataset.source)

    def text_hash(self, row: int) -> str:
        found = self._hashes.get(row)
        if found is None:
            found = self._hashes[row] = text_sha256(self.dataset.texts[row])
        return found

    def label(self, row: int) -> str:
        return self.dataset.label_display(row)

    def uses_ids(self, entry: dict[str, Any]) -> bool:
        """True when the line's id is an id-column value of the same column as the data's. A null id
        (an empty cell, NaN; "<NA>" or "NaT" in lines written before json_scalar named pandas' missing
        values None) names no row: such a line is matched as without an id column (by position, text
        and row_hash), where every null-id row was its match and, after a re-sort, the decision was
        reported as 'text changed' though its row was still there."""
        column = self.dataset.id_column
        return (column is not None and entry.get("id") not in NULL_IDS
                and entry.get("id_column", column) == column)

    def match(self, entry: dict[str, Any], problems: ReplayProblems, *, twins: bool = True) -> Match:
        """The row the line's decision applies to now, or None (the reason goes to ``problems``), and for a line
        refused because which identical copy was decided is unknown (an exclusion whose copies are fewer now, a
        relabel that the export's other copy would take) the row it names otherwise, where an earlier decision on
        it may have gone (``twins=False``: the identical-copies checks skipped, no such row)."""
        stored, n_rows = entry["row"], len(self.dataset)
        taken = False  # the one identical copy left taken (said: twin_taken)
        column = entry.get("label_column")  # absent in journals written before it was recorded
        if isinstance(column, str) and column != self.dataset.label_column:
            if column in self.dataset.frame.columns:  # the file's other label column (coarse / fine)
                problems.other_label_column.setdefault(column, []).append(stored)
                return NO_MATCH
            # a column this data lacks: renamed since ('category' -> 'label'); text and label_before still decide
            problems.renamed_label_column.setdefault(column, []).append(stored)
        sep, form = entry.get("label_sep"), self.dataset.label_form  # multi-label sets joined by a separator
        if isinstance(sep, str) and getattr(form, "kind", None) == "sep" and form.sep != sep:
            problems.other_label_sep.setdefault(sep, []).append(stored)
            return NO_MATCH
        if isinstance(sep, str) and not self.dataset.is_multilabel:  # an export without the app's --label-sep:
            # 'the row's label changed since' named no cause
            problems.other_label_sep.setdefault(sep, []).append(stored)
            problems.label_sep_absent = True
            return NO_MATCH
        if sep is None and "labels_before" not in entry and getattr(form, "kind", None) == "sep":
            # the other way round: decided on single labels, exported with --label-sep (the same wrong cause)
            problems.made_single.append(stored)
            return NO_MATCH
        in_range = 0 <= stored < n_rows
        made_with = entry.get("id_column")
        if isinstance(made_with, str) and made_with != self.dataset.id_column and "id" in entry:
            problems.id_columns.add(made_with)  # said only if some decision is not applied
        made_on = entry.get("data")
        if isinstance(made_on, str) and made_on != self.data_name:
            problems.data_names.add(made_on)  # said only if some decision is not applied
            problems.data_name = self.data_name
        if twins and self._twins_gone(entry):  # before the id and the position: the export made with it holds a
            # copy there (identical rows share their id too: a repeated id matched the copy left, and dropped it)
            (problems.twins_gone if entry["action"] == "exclude" else problems.kept_twins_gone).append(stored)
            return Match(None, self.match(entry, ReplayProblems(), twins=False).row)
        if twins and self._copied_since(entry):
            problems.ambiguous.append(stored)
            return Match(None, self.match(entry, ReplayProblems(), twins=False).row)
        copy = self._copy(entry, twins)  # one of identical rows, on other data: the copy it recorded (journal_copies)
        if copy.known and copy.row is None:
            problems.copy_unknown.append(stored)
            # twins=False asks for the row the line names otherwise (a refused exclusion or keep blocks an earlier
            # decision there): the copy at its index here, where an earlier relabel of it may have gone (seed 2004
            # of journal28's --final-edit: a keep of a copy refused as fewer copies are left, the relabel it
            # replaced taken by the one copy left on the export, and back in the export of the export)
            return Match(None, copy.guess) if twins else Match(copy.guess, None)
        if copy.known:
            row = copy.row
        elif self.uses_ids(entry):
            wanted, digest = entry["id"], entry["text_sha256"]
            if in_range and json_scalar(self.dataset.ids[stored]) == wanted and (
                    self.text_hash(stored) == digest
                    or not any(json_scalar(self.dataset.ids[other]) == wanted for other in self._hash_rows(digest))):
                # (a repeated id whose decided text is on another of its rows, a re-sorted file: that row, below,
                # where it is the one with the decided text and other columns; 'the row's text changed since' was
                # not so)
                row = stored
                if self._copy_has_it(row, entry) or twins and (
                        self._copy_unknown(row, entry) or self._copies_added(row, entry)):  # copies share its id
                    problems.ambiguous.append(stored)
                    return Match(None, self._twin(entry, stored) if twins else None)
            else:
                rows = self._ids.rows(wanted)
                if not rows:  # 'row not in the dataset (rows 7)' read wrong where row 7 is there
                    problems.id_missing.append(wanted)
                    return NO_MATCH
                if len(rows) > 1:  # the id on several rows, the decided row moved: the one with its text and
                    # other columns, as without an id (journal29's fuzzer, seeds 8 and 10 of --id: refused on the
                    # file, where a row that shared its id was still there, applied on the export, which had
                    # dropped that row)
                    rows = self._decided_rows(rows, entry)
                    if len(rows) != 1:  # none, or identical copies (which share the id): which one is unknown
                        problems.ambiguous.append(stored)
                        return NO_MATCH
                row = rows[0]
            if self.text_hash(row) == entry["text_sha256"] and not self._same_row(row, entry) and self._id_shared(entry):
                # the row has the id and the text but not the decided row's other columns: the id was on several
                # rows, this is another (the export made with the journal: the decided one excluded there)
                rows = self._decided_rows(self._ids.rows(wanted), entry)
                if len(rows) != 1:
                    (problems.ambiguous if rows else problems.id_shared).append(stored)
                    return NO_MATCH
                row = rows[0]
        elif in_range and self.text_hash(stored) == entry["text_sha256"] and self._same_row(stored, entry):
            if self._copy_has_it(stored, entry) or twins and (
                    self._copy_unknown(stored, entry) or self._copies_added(stored, entry)):  # which copy?
                problems.ambiguous.append(stored)  # an earlier decision there stays replaced:
                return Match(None, self._twin(entry, stored) if twins else None)
            row = stored
        else:
            rows = self._hash_rows(entry["text_sha256"])
            if len(rows) > 1 and isinstance(entry.get("row_hash"), str):  # copies of the text: the decided one
                self.prepare_prints(rows)
                rows = [row for row in rows if self._same_row(row, entry)]
                if not rows:  # none has the decided row's other columns: which copy is unknowable
                    problems.ambiguous.append(stored)
                    problems.columns_changed |= self._other_columns(entry)
                    return NO_MATCH
            if len(rows) > 1:  # the text moved and is now repeated: which copy is unknowable
                problems.ambiguous.append(stored)
                return Match(None, self._twin(entry, None) if twins else None)
            if not rows:
                (self._text_changed(entry, problems, gone=True) if in_range else problems.out_of_range).append(stored)
                return NO_MATCH
            copies = entry.get("text_copies")
            if (isinstance(copies, int) and copies >= 1
                    and isinstance(entry.get("row_hash"), str) and not self._same_row(rows[0], entry)):
                # the one row with the text is not the decided row's copy: its other columns differ (the
                # decided row deleted, another copy of its text left). It took the decision, silently.
                # Only where the text had copies when decided (a unique text whose other cells were
                # edited since, or respelled by a spreadsheet's save or another format, is still its
                # row). In any file: the data renamed, copied to another folder, or the export made with
                # this journal (the decided copy excluded there) is where a deleted copy is most often
                # replayed; another format that respells the cells reports it, as it reports the copies
                # when both are left (none has the line's row_hash)
                problems.other_cells.append(stored)
                return NO_MATCH
            row = rows[0]
            # a relabel whose identical copies are down to this one, elsewhere: deduplicated since (right), or the
            # decided row's text edited (this is its twin); the line cannot tell, so the user is told (twin_taken)
            taken = (entry["action"] == "relabel" and isinstance(copies, int) and not isinstance(copies, bool)
                     and copies >= 2)
        if self.text_hash(row) != entry["text_sha256"]:
            self._text_changed(entry, problems).append(stored)
            return NO_MATCH
        before = entry.get("label_before")
        if isinstance(before, str) and before != self.label(row):
            # a relabel whose row already holds its label: the data is an export with it applied (or
            # fixed by hand); 'the row's label changed since' read as if something had gone wrong
            done = entry["action"] == "relabel" and entry.get("label_after") == self.label(row)
            (problems.already_set if done else problems.label_changed).append(stored)
            return NO_MATCH
        if taken:
            problems.twin_taken.append(stored)
        return Match(row, None)

    def _copy(self, entry: dict[str, Any], twins: bool = True) -> CopyChoice:
        """For a line made on one of several identical rows of other data than this (an id column too): the copy its
        ``copy_index`` names here, or that it cannot tell (engine/journal_copies.CopyBook.choose); for a line
        made on an earlier version of its file (``data_version``) whose text and other columns are on several
        rows here, that its position names none of them (journal28's seed 2711: a text unique when decided,
        copied since, relabelled on the export by position); else NOT_MINE. ``twins`` False: the row a refused
        exclusion or keep names (the earlier decision it replaced is blocked there), by the copy rule too."""
        made_on = entry.get("data")
        if not isinstance(made_on, str) or made_on == self.data_name:  # with an id column too: identical rows
            return NOT_MINE  # share their id, which tells them apart no more than their text does (journal29)
        if "copy_index" in entry:
            return self.copies.choose(entry, self._decided_rows(self._hash_rows(entry["text_sha256"]), entry),
                                      self.text_hash, len(self.dataset), self._version, self.label,
                                      any_action=not twins)
        version = entry.get("data_version")
        if isinstance(version, str) and self.copies.latest.get(made_on, version) != version:
            rows = self._decided_rows(self._hash_rows(entry["text_sha256"]), entry)
            if len(rows) > 1:
                return CopyChoice(None, entry["row"] if entry["row"] in rows else None)
        return NOT_MINE

    def _twin(self, entry: dict[str, Any], row: int | None) -> int | None:
        """The row a refused exclusion or keep of one of identical rows names, where an earlier decision it replaced
        is blocked: the copy its ``copy_index`` names here (as a relabel's is taken: seed 213 of journal28's
        --final-edit, a relabel replaced by a keep resurfaced on the export, on another copy than the keep's
        position), else ``row``."""
        if entry.get("action") == "relabel":
            return row
        copy = self._copy(entry, False)
        return copy.row if copy.known and copy.row is not None else row

    def _version(self) -> str:
        """This data's ``data_version`` (engine/journal_copies.texts_version), computed once, where a line needs it."""
        return self._row_parts().data_version()

    def _repeated(self) -> np.ndarray:
        """Each row's ``text_copies`` here: 0 where its text is on no other row (found once for all rows)."""
        if self._copies_now is None:
            self._copies_now = self._row_parts().text_copies(np.arange(len(self.dataset)))
        return self._copies_now

    def _row_parts(self) -> RowParts:
        """The data's identical rows (``text_copies``) and ``data_version``: the writer's, or found here once."""
        if self._parts is None:
            self._parts = RowParts(self.dataset)
        return self._parts

    def _id_shared(self, entry: dict[str, Any]) -> bool:
        """The line's id was on several rows when it was decided (``id_copies``, recorded since session 27), or,
        in a line from before, is on several rows now."""
        shared = entry.get("id_copies")
        if isinstance(shared, int) and not isinstance(shared, bool):
            return shared >= 2
        return len(self._ids.rows(entry["id"])) > 1

    def _decided_rows(self, rows: list[int], entry: dict[str, Any]) -> list[int]:
        """Those of ``rows`` with the line's text and other columns (``row_hash``)."""
        rows = [row for row in rows if self.text_hash(row) == entry["text_sha256"]]
        self.prepare_prints(rows)
        return [row for row in rows if self._same_row(row, entry)]

    def _copy_has_it(self, row: int, entry: dict[str, Any]) -> bool:
        """A relabel of one of several identical rows, taken by its position, where the data looks like the file
        exported with the journal: not the data it was made on, and the row as many places up as the journal
        left rows excluded above it in that data is a copy that has the label the relabel sets. There the export
        moved the copies up, the decided copy has its label already and the copy now at the position is another:
        replayed, one relabel gave two copies the label. On the data it was made on the position tells (a copy
        set to its twin's label, a conflict settled, applies)."""
        copies, made_on, after = entry.get("text_copies"), entry.get("data"), entry.get("label_after")
        if (entry.get("action") != "relabel" or isinstance(copies, bool) or not isinstance(copies, int) or copies < 2
                or not isinstance(made_on, str) or made_on == self.data_name or self.label(row) == after):
            return False
        moved = row - int(np.searchsorted(self.excluded.get(made_on, ()), row))  # where that export has the row
        return (moved != row and self.text_hash(moved) == entry["text_sha256"] and self.label(moved) == after
                and self._same_row(moved, entry))

    def _copy_unknown(self, row: int, entry: dict[str, Any]) -> bool:
        """An exclusion or keep of one of several identical rows (text, other columns and id, if any, alike), taken
        by its position on data that is not the file it was made on, where several such copies are here: which one
        was decided is unknown. Refused, as where the position holds another row (seed 2379 of journal27's fuzzer:
        refused on the re-sorted data, the copy's exclusion applied on the export made from it, the export's
        dropped rows having moved a copy to the stored position: a row lost on re-export). A renamed file's such
        lines are refused too: position there is no more certain than on the export."""
        copies, made_on = entry.get("text_copies"), entry.get("data")
        if (entry.get("action") not in ("exclude", "keep") or isinstance(copies, bool) or not isinstance(copies, int)
                or copies < 2 or not isinstance(made_on, str) or made_on == self.data_name):
            return False
        rows = (self._ids.rows(entry["id"]) if self.uses_ids(entry)
                else self._hash_rows(entry["text_sha256"]))
        return len(self._decided_rows(rows, entry)) > 1

    def _copies_added(self, row: int, entry: dict[str, Any]) -> bool:
        """A line made on a row whose text and other columns were on no other row (``text_copies`` under 2, with
        ``data_version``: written since session 28), where this data, another version, holds them on several rows:
        the position names a copy added since as readily as the decided row. In any file, its own too: there either
        copy gives the same rows, but its export kept the other, and the export of the export excluded it too (a
        row lost: seeds 2070, 2883 of journal28's fuzzer) or relabelled it (one decision, two copies)."""
        copies, version, digest = entry.get("text_copies", 0), entry.get("data_version"), entry["text_sha256"]
        if (not isinstance(version, str) or isinstance(copies, bool) or not isinstance(copies, int) or copies >= 2
                or self.text_hash(row) != digest or not self._repeated()[row]
                or version == self._version()):  # the text on no other row here (found once for all rows)
            return False
        return len(self._decided_rows(self._hash_rows(digest), entry)) > 1

    def _copied_since(self, entry: dict[str, Any]) -> bool:
        """On other data than its file: a line of ``_copies_added``'s kind whose text and other columns another line
        of that file counted on several rows, where they are on a row here. The file refused it while several were
        there; its export, where another line excluded one, has fewer, and the line took the copy left (seed 234 of
        journal29's fuzzer, --id: its group's exclusions applied, two rows lost in the export of the export)."""
        made_on, copies = entry.get("data"), entry.get("text_copies", 0)
        if (not isinstance(made_on, str) or made_on == self.data_name or "data_version" not in entry
                or isinstance(copies, bool) or not isinstance(copies, int) or copies >= 2
                or self.copies.counted.get((made_on, entry["text_sha256"], entry.get("row_hash")), 0) < 2):
            return False
        return bool(self._decided_rows(self._hash_rows(entry["text_sha256"]), entry))

    def prepare_lines(self, lines: list[dict[str, Any]]) -> None:
        """Before ``lines`` are replayed: the ``row_hash`` of the rows they name, in one pass, not one by one,
        and the rows they leave excluded, by the data they were made on (``_copy_has_it``: the rows the export
        made with them drops)."""
        n_rows = len(self.dataset)
        self.prepare_prints([entry["row"] for entry in lines if "row_hash" in entry and 0 <= entry["row"] < n_rows])
        effect = excluded_in_effect(lines)
        for name, rows in effect[0].items():  # a tail's lines: added (8 bytes a row)
            self.excluded[name] = np.union1d(self.excluded.get(name, np.empty(0, dtype=np.int64)), rows)
        self.copies.add(lines, effect)

    def _twins_gone(self, entry: dict[str, Any]) -> bool:
        """An exclusion of one of several identical rows (text and other columns: the line's
        ``text_copies``) where fewer of them are left: the data is the export made with it (the
        copy dropped there), or a copy was deleted. Excluding one left, whichever, could drop the
        text altogether (an exact duplicate excluded, then the export replayed: both gone). A keep too: the copy
        left at its position may be another row, and the keep let its group's exclusions apply (seed 2159 of
        journal27's fuzzer: a group refused on the data, its kept row's text edited, applied on the export)."""
        copies = entry.get("text_copies")
        if (entry.get("action") not in ("exclude", "keep") or isinstance(copies, bool) or not isinstance(copies, int)
                or copies < 2):
            return False
        rows = self._hash_rows(entry["text_sha256"])
        self.prepare_prints(rows)
        return sum(self._same_row(row, entry) for row in rows) < copies

    def _text_changed(self, entry: dict[str, Any], problems: ReplayProblems, gone: bool = False) -> list[int]:
        """Where a line whose text no longer matches is reported: under the text column it was made with when that is
        not this run's; where no row has its text (``gone``) as the row gone, when known (engine/journal_gone.py)."""
        return text_refusals(entry, problems, self.dataset.text_column, len(self.dataset), gone)

    def prepare_prints(self, rows: list[int]) -> None:
        """Compute the ``row_hash`` of ``rows`` (rows of this data) in one pass, for the checks to come."""
        self._prints.get(rows)
        self._earlier.named = list(rows)
        self._retyped.named = list(rows)

    def _other_columns(self, entry: dict[str, Any]) -> bool:
        """True when the line's ``row_hash`` covered other columns than the data has now."""
        wanted, now = entry.get("row_hash"), self._prints.get([0]) if len(self.dataset) else None
        return isinstance(wanted, str) and now is not None and now[0].rpartition("-")[2] != wanted.rpartition("-")[2]

    def _same_row(self, row: int, entry: dict[str, Any]) -> bool:
        """The row's other columns are those the line's ``row_hash`` recorded (True without one,
        or when the data now has no other columns: its copies of a text are then identical)."""
        wanted = entry.get("row_hash")
        if not isinstance(wanted, str):
            return True
        found = self._prints.get([row])
        if found is None:
            return True
        now, tag = found[0], wanted.rpartition("-")[2]
        if now.rpartition("-")[2] == tag:
            return now == wanted or self._retyped.matches(row, wanted)
        then = self._earlier.get(row, tag)  # a column added since: the row over the columns it had
        if then is not None:
            return then == wanted
        # a column removed, renamed or moved: the copies cannot be told apart by the line, so the
        # row is only taken where every copy of its text is alike in the columns left (either one
        # then gives the same output); where they differ, after a re-sort position would pick the
        # wrong one as readily as the right one
        copies = self._hash_rows(self.text_hash(row))
        prints = self._prints.get(copies) if len(copies) > 1 else None
        return prints is None or len(set(prints)) == 1

    def _hash_rows(self, digest: str) -> list[int]:
        if self._by_hash is None:
            self._by_hash = {}
            for row in range(len(self.dataset)):
                self._by_hash.setdefault(self.text_hash(row), []).append(row)
        return self._by_hash.get(digest, [])


def excluded_rows(lines: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """The rows (as the lines name them) that ``lines`` leave excluded, by the data they were made on: the
    newest group in effect on a row decides it (engine/journal_copies.excluded_in_effect)."""
    return excluded_in_effect(lines)[0]
