"""Write the dataset with the journal's decisions applied, or just the changed rows.

The latest decision per row wins: relabel writes the new label (mapped back to the original
label value, so integer labels stay integers), exclude drops the row, keep changes nothing.
Original columns and row order are kept. Files are written to a temporary name in the target
folder and renamed into place, so a failed export never leaves a half-written file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine import atomic
from engine.big_ints import any_size_ints
from engine.corrections import Journal, json_scalar
from engine.cut_off import cut_label_note
from engine.journal_format import ACTIONS
from engine.label_values import in_row_types, label_values
from engine.errors import DataError, TextauditError, UsageError
from engine.export_empties import empty_texts_as_text
from engine.formats import EXPORT_FORMATS, compressed_output_problem, format_of, known_suffixes
from engine.load import Dataset
from engine.output_guard import check_output
from engine.paths import DEFAULT_JOURNAL, data_journal_path, shell_word
from engine.class_label_new import corrections_ints_note, extend_class_label
from engine.writers import layout_only, write_table
from engine.wording import counted

FORMATS = EXPORT_FORMATS


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    rows_written: int
    relabelled: int
    excluded: int
    kept: int
    fmt: str = ""
    warnings: list[str] = field(default_factory=list)
    unapplied: str | None = None  # journal decisions skipped: they no longer match the data
    journal_seq: int = 1  # the journal's next seq when read: the lines from this seq on are not in the file
    changed_only: bool = False  # --corrections-only: the file holds the relabelled and excluded rows alone

    def line(self) -> str:
        """The one-line summary the CLI prints (it says when part of the journal was skipped)."""
        kept = f"{self.kept:,} kept as is"
        if self.changed_only and self.kept:  # a keep changes nothing: such rows are not in this file
            kept = f"{self.kept:,} marked keep (unchanged, so not in this file)"
        line = (f"wrote {counted(self.rows_written, 'row')} to {shell_word(str(self.path))} ({self.fmt}): "
                f"{self.relabelled:,} relabelled, {self.excluded:,} excluded, {kept}")
        return f"{line}; {self.unapplied}" if self.unapplied else line


def resolve_format(output: Path, fmt: str) -> str:
    """The output format: explicit, or from the file extension."""
    if (problem := compressed_output_problem(output)) is not None:  # '-o out.csv.gz --format csv' wrote plain CSV
        raise UsageError(problem)
    if fmt != "auto":
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use auto, {', '.join(FORMATS)}")
        return fmt
    found = format_of(output)
    if found is None:
        known = known_suffixes()
        raise UsageError(f"{shell_word(str(output))}: cannot tell the export format from extension "
                         f"{output.suffix or '(none)'!r}; use {known}, or --format hf for a datasets folder")
    return found


def read_decisions(dataset: Dataset, journal_path: Path) -> tuple[Any, dict[str, int], list[str], str | None]:
    """The journal's decisions for ``dataset``, its counts, its load report and what did not apply
    (read-only). A
    journal with entries none of which applies is another dataset's: a one-line DataError."""
    return _read_journal(dataset, journal_path)[:4]


def _read_journal(dataset: Dataset, journal_path: Path) -> tuple[Any, dict[str, int], list[str], str | None, int]:
    """:func:`read_decisions`, and the journal's next seq as read (the app's toast and exit line count later lines)."""
    with Journal.open(journal_path, dataset, read_only=True) as journal:
        decisions, counts, report = journal.decisions(), journal.counts(), list(journal.load_report)
        unapplied, seq = journal.unapplied_summary(), journal.next_seq
    if not decisions and _has_entries(journal_path) and report:
        raise DataError(f"journal {shell_word(str(journal_path))} does not match this dataset: no decision applies "
                        f"({'; '.join(report)})")
    return decisions, counts, report, unapplied, seq


@any_size_ints()  # a JSON file's 5,000-digit id reads and writes back exactly
def export_corrected(
    dataset: Dataset,
    journal_path: Path,
    output: Path,
    *,
    fmt: str = "auto",
    corrections_only: bool = False,
    force: bool = False,
    missing_journal_ok: bool = False,
) -> ExportSummary:
    """Apply the journal at ``journal_path`` to ``dataset`` and write ``output``.

    An existing ``output`` is replaced only with ``force``; the input file and the journal never.
    ``missing_journal_ok``: no journal file means no decisions (the app in a read-only folder
    could not create one) rather than an error (a mistyped ``--journal``).
    """
    output, journal_path = Path(output).expanduser(), Path(journal_path).expanduser()
    fmt = resolve_format(output, fmt)
    if not (missing_journal_ok and not journal_path.exists()):
        require_journal(journal_path)  # first: a folder given as the journal is said as that
    check_output(output, fmt, inputs=_inputs(dataset, journal_path), force=force)
    atomic.clean_stale_temps(output.parent)
    if journal_path.exists():
        decisions, counts, report, unapplied, seq = _read_journal(dataset, journal_path)
    else:
        decisions, counts, report, unapplied, seq = {}, dict.fromkeys(ACTIONS, 0), [], None, 1
    notes: list[str] = source_changed(dataset) + cut_label_note(  # a file cut off: its export is too
        dataset.style, dataset.labels, dataset.classes, dataset.is_multilabel, dataset.label_sets)
    dataset = extend_class_label(dataset, decisions, notes)  # a new name in a ClassLabel: its next int
    verbatim = None
    if corrections_only:
        frame, style, rows = corrections_frame(dataset, decisions), layout_only(dataset.style), None
        from engine.result import id_column_hint

        notes += [hint] if (hint := id_column_hint(dataset, "--corrections-only", empty=False)) else []
        notes += corrections_ints_note(dataset)  # a ClassLabel's ints, named once
    else:
        frame, rows = corrected_frame(dataset, decisions, notes)
        frame, style = empty_texts_as_text(frame, dataset, fmt), dataset.style  # a CSV's empty text: ""
        if not notes:  # the file as it was read: its rows are written as it spelled them
            verbatim = _source_records(dataset, fmt, notes)
    spellings = None if corrections_only else _spellings(dataset, fmt, notes)
    written = _write(frame, output, fmt, style, rows, verbatim, spellings)
    if any(note.startswith(f"column {dataset.label_column!r} changed type") for note in written):
        widened = f"label column {dataset.label_column!r} changed from "  # the same change, said once
        notes = [note for note in notes if not note.startswith(widened)]
    notes += written
    return ExportSummary(path=output, rows_written=len(frame), relabelled=counts["relabel"],
                         excluded=counts["exclude"], kept=counts["keep"], fmt=fmt, warnings=report + notes,
                         unapplied=unapplied, changed_only=corrections_only, journal_seq=seq)


def source_changed(dataset: Dataset) -> list[str]:
    """A warning when the data file changed on disk after ``dataset`` was read from it (the app
    exports the rows it audited, which are then no longer the file's)."""
    stat = dataset.style.stat if dataset.style is not None else None
    if stat is None:
        return []
    try:
        now = Path(dataset.source).expanduser().stat()
    except OSError:
        return [f"the data file {shell_word(str(dataset.source))} is gone since it was read; exported the rows as read then"]
    if (now.st_size, now.st_mtime_ns) == stat:
        return []
    return [f"the data file {shell_word(str(dataset.source))} changed on disk after it was read: this export holds the rows "
            "as read then, with the journal applied; for the file as it is now, reopen it or run textaudit export"]


def original_labels(dataset: Dataset, displays: list[str]) -> list[Any]:
    """The values to write for label display strings: ``"True"`` -> ``True`` for a bool column."""
    values = label_values(dataset, displays)
    return [dataset.label_originals.get(v, v) for v in values]


def _same_value(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):
        return False


def _kept(cell: Any, value: Any) -> bool:
    """The column's own dtype gave back ``value`` (a numpy int64 for an int, the same date)."""
    if _same_value(cell, value):
        return True
    try:  # a numpy scalar for its Python value; date(date) raised TypeError, so a date column was "widened"
        return _same_value(type(value)(cell), value)
    except (TypeError, ValueError, OverflowError):
        return False


def _relabelled_column(series: pd.Series, rows: list[int], values: list[Any], notes: list[str]) -> Any:
    """The column with ``values`` at ``rows``, in its own dtype when every value fits, else widened."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        new = [v for v in dict.fromkeys(values) if v not in series.cat.categories]
        column = series.cat.add_categories(new).copy()
        column.iloc[rows] = values
        return column
    cells = series.to_numpy(dtype=object, copy=True)
    cells[rows] = values
    try:
        kept = pd.array(cells, dtype=series.dtype)
        back = kept[rows]
        if all(_kept(b, v) for b, v in zip(back, values)):
            return kept
    except (TypeError, ValueError, OverflowError):
        pass
    try:
        widened = pd.Series(cells, dtype=object).infer_objects()
    except UnicodeError:  # a new label holding a lone surrogate (JSON's \ud800): no Arrow string holds it
        widened = pd.Series(cells, dtype=object)
        if isinstance(series.dtype, pd.StringDtype):  # still a column of texts, as every writer writes it
            return widened.array
    notes.append(f"label column {series.name!r} changed from {series.dtype} to {widened.dtype} to hold the new labels")
    return widened.array


def corrected_frame(dataset: Dataset, decisions: dict, notes: list[str] | None = None) -> tuple[pd.DataFrame, list[int]]:
    """The original frame with relabels written and excluded rows removed, order kept.

    Also returns the input row each output row came from.
    """
    frame = dataset.frame.copy()
    relabels = sorted((row, d.label_after) for row, d in decisions.items() if d.action == "relabel")
    if relabels:
        position = frame.columns.get_loc(dataset.label_column)
        if dataset.is_multilabel:  # sets written back as lists or joined strings, as the input had them
            from engine.multilabel_export import relabelled_column

            column = relabelled_column(dataset, frame.iloc[:, position], relabels)
        else:
            displays = [label for _, label in relabels]
            values = in_row_types(dataset, [row for row, _ in relabels], displays, original_labels(dataset, displays))
            column = _relabelled_column(frame.iloc[:, position], [row for row, _ in relabels], values,
                                        notes if notes is not None else [])
        column = column.array if isinstance(column, pd.Series) else column
        # as a Series of the column's own dtype: an object array set alone was inferred again,
        # to pandas' Arrow strings (an object column became 'str'; a lone surrogate from JSON
        # ended the export in 'internal error: UnicodeEncodeError')
        frame.isetitem(position, pd.Series(column, index=frame.index, dtype=getattr(column, "dtype", None)))
    keep = np.ones(len(frame), dtype=bool)
    keep[[row for row, d in decisions.items() if d.action == "exclude"]] = False
    return frame[keep].reset_index(drop=True), np.flatnonzero(keep).tolist()


def corrections_frame(dataset: Dataset, decisions: dict) -> pd.DataFrame:
    """Only the changed rows (relabel, exclude): row, id, text, label_before, label_after, action.
    Without ``--id-column`` there is no id column: ``row`` (from 0) and ``text`` name each row, and an
    empty ``id`` read as data (a merge on it matched nothing, or every row with a missing id)."""
    frame = _changed_rows(dataset, decisions)
    return frame if dataset.id_column is not None else frame.drop(columns="id")


def _changed_rows(dataset: Dataset, decisions: dict) -> pd.DataFrame:
    changed = sorted(row for row, d in decisions.items() if d.action in ("relabel", "exclude"))
    if dataset.is_multilabel:  # cells of the input's form (lists, joined labels)
        from engine.multilabel_export import label_cells, plain_scalar

        cells, scalar = label_cells(dataset, decisions, changed), plain_scalar
        before, after = (pd.Series(column, dtype=object) for column in cells)
    else:
        classes = [dataset.classes[int(dataset.labels[row])] for row in changed]
        originals = in_row_types(dataset, changed, None, [dataset.label_originals.get(c, c) for c in classes])
        relabelled = [row for row in changed if decisions[row].action == "relabel"]
        displays = [decisions[row].label_after for row in relabelled]
        new_labels = dict(zip(relabelled, in_row_types(dataset, relabelled, displays,
                                                       original_labels(dataset, displays))))
        changes = [new_labels.get(row) for row in changed]
        label_dtype = _label_dtype(originals + [a for a in changes if a is not None])
        before, after = pd.array(originals, dtype=label_dtype), pd.array(changes, dtype=label_dtype)
        scalar = json_scalar
    return pd.DataFrame({
        "row": pd.array(changed, dtype="int64"),
        "id": _changed_ids(dataset, changed, scalar),
        "text": pd.Series([dataset.texts[row] for row in changed], dtype=object),
        "label_before": before,
        "label_after": after,
        "action": [decisions[row].action for row in changed],
    })


def _changed_ids(dataset: Dataset, changed: list[int], scalar: Any) -> list[Any]:
    """The ids of the changed rows; a binary id column's own bytes, which the writer spells as the whole
    export spells that column (base64 in a text format), not the name the journal gives them."""
    if dataset.id_column is None:
        return [None] * len(changed)
    cells = dataset.frame[dataset.id_column].iloc[changed].tolist()
    return [cell if isinstance(cell, bytes) else scalar(dataset.ids[row]) for row, cell in zip(changed, cells)]


def _label_dtype(values: list[Any]) -> Any:
    """Nullable dtypes so an exclude's empty label_after does not turn int labels into floats."""
    if values and all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in values):
        if all(-(2**63) <= int(v) < 2**63 for v in values):
            return "Int64"
        return object
    if values and all(isinstance(v, (bool, np.bool_)) for v in values):
        return "boolean"
    if values and all(isinstance(v, (float, np.floating)) for v in values):
        return "Float64"
    # ints beside floats (a JSON column of 2 and 1.0): each as the row holds it, as the whole export writes
    # them; Float64 wrote the 2 a row held as 2.0, and 2**53 + 1 as 2**53 (review36)
    return object


def require_journal(journal_path: Path, option: str = "--journal") -> None:
    """Raise a clear error unless ``journal_path`` is an existing file. ``option``: the option that
    names the journal in the subcommand used (``audit`` has ``--apply-journal``, not ``--journal``)."""
    if not journal_path.exists():
        hint = ("make decisions in the app first, or pass --journal PATH" if option == "--journal"
                else f"check the {option} path")  # the user named it: 'pass ... PATH' would be no help
        raise DataError(f"no corrections journal at {shell_word(str(journal_path))}; {hint}")
    if not journal_path.is_file():
        raise DataError(f"journal {shell_word(str(journal_path))} is not a file")


def _has_entries(journal_path: Path) -> bool:
    try:
        return journal_path.stat().st_size > 0
    except OSError:
        return False


def _inputs(dataset: Dataset, journal_path: Path | None) -> list[tuple[Path, str]]:
    inputs = []
    source = dataset.source
    if not source.startswith("hf:") and source != "<DataFrame>":
        # a saved datasets folder: '--output dd/train is inside the input file' named it a file
        inputs.append((Path(source), "the input folder" if Path(source).is_dir() else "the input file"))
    if journal_path is not None:
        inputs.append((journal_path, "the corrections journal"))
    if (default := data_journal_path(source)) is not None:  # the app's export dialog, with --journal elsewhere
        inputs.append((default, DEFAULT_JOURNAL))
    return inputs


def _source_records(dataset: Dataset, fmt: str, notes: list[str]) -> tuple[Any, Any] | None:
    """The input file's records and the label column's place in them, for an export in the
    input's own format (engine/verbatim.py); None where that does not apply, with a note where
    the file's records cannot be matched to its rows (each row is then written afresh)."""
    style = dataset.style
    if style is None or style.stat is None or style.fmt != fmt or fmt not in ("csv", "tsv", "jsonl", "json"):
        return None
    from engine.verbatim import source_records

    records = source_records(dataset.source, fmt, style.encoding, len(dataset.frame), style.bom)
    if records is None:
        notes.append(f"{Path(dataset.source).name}: its lines could not be matched to its rows one for one (odd "
                     "line breaks or quoting), so every row is written from its values: the same values, "
                     "spelled as textaudit writes them (quoting, spacing)")
        return None
    label = dataset.frame.columns.get_loc(dataset.label_column) if fmt in ("csv", "tsv") else dataset.label_column
    return records, label


def _spellings(dataset: Dataset, fmt: str, notes: list[str]) -> dict[str, bytes] | None:
    """The characters the input spells otherwise than its codec writes them (cp932's '髙' as fb fc),
    for an export in its own format and encoding (engine/byte_spelling.py); a note where the file
    spells one character in two ways, of which the export keeps the commoner."""
    style = dataset.style
    if style is None or style.stat is None or style.fmt != fmt or fmt not in ("csv", "tsv", "jsonl", "json"):
        return None
    from engine.byte_spelling import file_spellings

    if (found := file_spellings(dataset.source, style.encoding)) is None:
        return None
    spellings, respelled = found
    if respelled:
        notes.append(f"{Path(dataset.source).name} spells {respelled} character{'s' if respelled != 1 else ''} "
                     f"otherwise than the rest of the file does ({style.encoding} has two codes for it): written "
                     "as the file spells it most often")
    return spellings


def _write(frame: pd.DataFrame, output: Path, fmt: str, style: Any, rows: list[int] | None,
           verbatim: tuple[Any, Any] | None = None, spellings: dict[str, bytes] | None = None) -> list[str]:
    from engine.writers import CellEncodeError

    try:
        return write_table(frame, output, fmt, style, rows=rows, verbatim=verbatim, spellings=spellings)
    except CellEncodeError as exc:  # 'a cell holds ...' named no file (a relabel to '日本' in a latin-1 CSV)
        raise DataError(f"cannot write {shell_word(str(output))}: {exc.message}") from None
    except TextauditError:
        raise
    except OSError as exc:
        raise DataError(f"cannot write {shell_word(str(output))}: {exc.strerror or exc}") from None
    except UnicodeEncodeError:
        raise DataError(f"cannot write {shell_word(str(output))}: a cell holds a lone surrogate, which {fmt} cannot store; "
                        "export as .jsonl or .json (they keep it as an escape)") from None
    except Exception as exc:  # arrow/pandas conversion errors: one line, not a traceback
        from engine.arrow_frame import not_utf8  # a column the audit did not read: 'Wrapping caf\ufffd failed'

        why = next(filter(None, (not_utf8(frame.iloc[:, i]) for i in range(frame.shape[1]))), None)
        raise DataError(f"cannot write {shell_word(str(output))} as {fmt}: {why or f'{type(exc).__name__}: {exc}'}") from None
