"""Load a dataset from a file, a Hugging Face dataset or a DataFrame into a validated table.

The result keeps the original frame (for export), the texts, and the labels mapped to class
indices in sorted order, which is the order Datalab uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.big_ints import any_size_ints
from engine.column_guess import check_column, misread_bom_hint, resolve_columns
from engine.csv_lines import lone_cr_hint, short_rows_hint
from engine.errors import DataError, UsageError
from engine.formats import SUFFIX_FORMATS, SourceStyle
from engine.paths import shell_word
from engine.label_column import (
    MISSING_WORDS,
    class_label_names,
    class_labels,
    empty_rows_hint,
    lookalike_labels,
    normalise_labels,
)
from engine.source_checks import check_source  # noqa: F401 - the CLI imports it from here
from engine.table_read import read_table, read_table_styled  # noqa: F401 - read_table: callers import it from here
from engine.label_sets_hint import joined_sets_hint, joined_sets_notes
from engine.list_cells import list_cells_note
from engine.text_notes import header_row_notes, number_text_notes
from engine.cut_off import cut_label_note
from engine.wording import counted, counted_verb

FILE_TYPES = SUFFIX_FORMATS  # kept for callers that import it from here


@dataclass(frozen=True)
class Dataset:
    """A text-classification table ready for auditing.

    ``labels[i]`` is the index of row i's label in ``classes`` (sorted original values).
    """

    frame: pd.DataFrame
    texts: list[str]
    text_is_null: np.ndarray
    labels: np.ndarray
    classes: list[Any]
    ids: list[Any]
    text_column: str
    label_column: str
    id_column: str | None
    source: str
    warnings: list[str] = field(default_factory=list)
    #: How the input file was written (None for a DataFrame): export writes it back so.
    style: SourceStyle | None = None
    #: Class -> the original label value it stands for (a bool, an int in a mixed column, ...).
    label_originals: dict[Any, Any] = field(default_factory=dict)
    #: Multi-label data (engine/multilabel.py): each row's set of class indices, and how the
    #: input wrote the sets. None for single-label data; then ``labels`` is the row's class,
    #: else ``labels`` holds each set's first class (0 for an empty set) for views needing one.
    label_sets: list[tuple[int, ...]] | None = None
    label_form: Any = None
    #: A caller's DataFrame's own index, where it is not 0..n-1 (``df.sample(frac=1)``, a
    #: ``train_test_split`` part): the per-row results carry it, so ``df[issues.is_label_issue]``
    #: and ``df.join(issues)`` meet the rows they are about. None for a file (``frame`` is 0..n-1).
    index: pd.Index | None = None
    #: Notes to say as soon as the data is loaded, before the audit's minutes (a short form of one in ``warnings``): a
    #: column of joined label sets audited as single labels ran ~10 minutes over 2,208 'classes' before
    #: the summary said to pass --label-sep (ml32, Debian debtags)
    notices: list[str] = field(default_factory=list)

    @property
    def is_multilabel(self) -> bool:
        return self.label_sets is not None

    def label_display(self, row: int) -> str:
        """The row's label as the journal stores it: the class name, or the set's canonical string."""
        if self.label_sets is not None:
            from engine.multilabel import set_display

            return set_display(self.class_names, self.label_sets[row])
        return str(self.classes[int(self.labels[row])])  # not class_names: that builds a list per call

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def class_names(self) -> list[str]:
        """Labels as display strings, in class-index order."""
        return [str(c) for c in self.classes]

    def text_hash(self) -> str:
        """Content hash of the texts alone (embeddings depend on nothing else)."""
        return hash_strings(self.texts)

    def label_hash(self) -> str:
        """Content hash of the label assignment and class set."""
        digest = hashlib.sha256(np.ascontiguousarray(self.labels, dtype=np.int64).tobytes())
        digest.update(hash_strings(self.class_names).encode())
        if self.label_sets is not None:
            digest.update(hash_strings([",".join(map(str, s)) for s in self.label_sets]).encode())
        return digest.hexdigest()


def hash_strings(values: list[str]) -> str:
    """A sha256 over a list of strings that cannot collide across different splits."""
    digest = hashlib.sha256()
    for value in values:
        encoded = value.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


def text_sha256(text: str) -> str:
    """The per-row text fingerprint stored in the corrections journal."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: How a missing value is often written out as text: R's write.csv 'NA', str(None), pandas' 'nan'.
_MISSING_TEXTS = frozenset(v for w in MISSING_WORDS for v in (w, w.upper(), w.capitalize())) | {"NaN"}


def _missing_word_texts(texts: list[str]) -> list[str]:
    """A note on texts such as 'NA' or 'null': audited as texts (their rows look alike to the model),
    as the label check says of such labels."""
    if _MISSING_TEXTS.isdisjoint(texts):  # the usual case: one pass of hashes
        return []
    found = pd.Series(texts, dtype=object)
    found = found[found.isin(_MISSING_TEXTS)]
    if found.empty:
        return []
    counts = found.value_counts()
    shown = ", ".join(f"{value!r} x {count:,}" for value, count in counts.items())
    one = len(found) == 1
    return [f"{counted(len(found), 'text')} {'looks' if one else 'look'} like a missing value ({shown}) but "
            f"{'is audited as a text' if one else 'are audited as texts'}; empty or drop those rows if they are missing"]


def _told_apart(group: list[Any]) -> list[str]:
    """Look-alike labels as a note shows them: repr, or escapes (``'cafe\\u0301'``) where two
    reprs would read the same (a combining accent, an invisible character)."""
    shown = [repr(str(c)) for c in group]
    import unicodedata

    if len({unicodedata.normalize("NFKC", s) for s in shown}) < len(shown) or not all(s.isprintable() for s in shown):
        return [ascii(str(c)) for c in group]
    return shown


def _wrong_separator(frame: pd.DataFrame, style: SourceStyle | None, name: str) -> None:
    """Refuse a CSV/TSV whose one column's header holds another separator: its columns were not split.

    (A semicolon CSV read with commas gives one column ``'text;label'``; the missing-column
    message would otherwise suggest that name.)"""
    from engine.readers import separator_problem

    if style is not None and style.fmt in ("csv", "tsv") and len(frame.columns) == 1:
        problem = separator_problem(str(frame.columns[0]), style.fmt)
        if problem:
            raise DataError(f"{name}: {problem}")
    if style is not None and style.fmt in ("csv", "tsv") and str(frame.columns[0]).lstrip().startswith(("{", "[")):
        # JSON Lines saved as .csv: its 'columns' were '{"text": "..."', ' "label": "a"}'
        raise DataError(f"{name}: holds JSON (its first line starts with {str(frame.columns[0]).lstrip()[0]!r}), "
                        f"not {style.fmt}: rename it to .jsonl (one object a line) or .json")


def _rows_as_columns(frame: pd.DataFrame, style: SourceStyle | None, name: str, wanted: list[str]) -> None:
    """Refuse a JSON object of rows keyed by id, ``{"u0": {"text": ..., "label": ...}}`` (pandas'
    ``to_json(orient='index')`` of a frame indexed by a text id), read as columns named by the ids: the
    missing-column message listed the row ids as columns. (Row numbers as keys are refused on reading.)"""
    row_keys = getattr(style, "json_row_keys", None) if style is not None and style.fmt == "json" else None
    if not row_keys or not any(column in row_keys and column not in frame.columns for column in wanted):
        return
    from engine.json_readers import SAVE_AS_RECORDS

    shown = ", ".join(repr(str(c)) for c in list(frame.columns)[:3]) + (", ..." if len(frame.columns) > 3 else "")
    raise DataError(f"{name}: looks like pandas' to_json(orient='index'): an object of rows keyed by {shown}, "
                    f"each holding the columns, which textaudit does not read; {SAVE_AS_RECORDS}")


def _plus_name_note(frame: pd.DataFrame, text_column: str) -> list[str]:
    """A note when ``--text-column q+a`` names a column of its own and also columns it could join:
    the column is audited, silently, where the user may have meant the join."""
    parts = [part.strip() for part in text_column.split("+")]
    if len(parts) < 2 or text_column not in frame.columns or not all(p and p in frame.columns for p in parts):
        return []
    return [f"--text-column {shell_word(text_column)} is a column of its own, audited as it is; the columns "
            f"{', '.join(map(repr, parts))} are not joined (to join them, rename the column {text_column!r} first)"]


#: Joins the columns of ``--text-column A+B``: a line break, so each part stays readable.
TEXT_JOIN = "\n"


def text_column_parts(frame: pd.DataFrame, text_column: str) -> list[str]:
    """The column(s) the texts come from: ``text_column`` itself when the frame has it (a name
    may hold '+'), else its '+'-separated parts (``title+description``)."""
    if text_column in frame.columns or "+" not in text_column.strip("+"):
        return [text_column]
    parts = [part.strip() for part in text_column.split("+")]
    if "" in parts or len(set(parts)) < len(parts):  # 'text+text' audited every text twice over
        why = "an empty part" if "" in parts else f"{next(p for p in parts if parts.count(p) > 1)!r} twice"
        raise UsageError(f"--text-column {shell_word(text_column)} names {why}; name each column once (A+B)")
    return parts


#: Cell values no text is made of (a set was its repr, in hash order).
_NOT_TEXT = (list, dict, tuple, np.ndarray, bytes, set, frozenset)


def _texts(frame: pd.DataFrame, parts: list[str], name: str) -> tuple[list[str], np.ndarray]:
    """Each row's text (parts joined by :data:`TEXT_JOIN`, empty parts left out) and whether it
    is missing (every part missing)."""
    columns = []
    for part in parts:
        values = frame[part]
        at, bad = next(((i, v) for i, v in enumerate(values.tolist()) if isinstance(v, _NOT_TEXT)), (None, None))
        if bad is not None:  # the row named (review35: a JSONL of 40 rows said which value, not where)
            kind = {"ndarray": "list", "tuple": "list"}.get(type(bad).__name__, type(bad).__name__)  # Arrow lists
            shown = repr(bad.tolist() if isinstance(bad, np.ndarray) else bad)
            how = ("; decode the column first (a Parquet column of binary, as older Spark and Impala write strings: "
                   "cast it to string)") if kind == "bytes" else ""
            where = "" if how else f" (row {at:,}, counted from 0)"  # a binary column: every row is so
            raise DataError(f"{name}: text column {part!r} holds a {kind} value "
                            f"({shown if len(shown) <= 40 else shown[:39] + '…'}); texts must be strings{where}{how}")
        null = values.isna().to_numpy()
        columns.append((["" if n else str(v) for v, n in zip(values.tolist(), null)], null))
    if len(columns) == 1:
        return columns[0][0], columns[0][1].copy()
    texts = [TEXT_JOIN.join(t for t in row if t) for row in zip(*(c[0] for c in columns))]
    return texts, np.logical_and.reduce([c[1] for c in columns])


#: A text made only of whitespace and invisible format characters (zero-width space/joiners,
#: word joiner, BOM, soft hyphen) counts as empty: a model sees nothing in it.
_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]*")


def _repeated_headers(frame: pd.DataFrame, columns: list[str], options: tuple[str, ...]) -> list[str]:
    """A note for each column used whose name has a ``.1`` twin: a header that names two columns
    alike (``text,text,label``) is read as ``text`` and ``text.1``, and the first was used
    without a word."""
    notes = []
    for column, option in zip(columns, options):
        twins = [name for name in frame.columns if name.startswith(f"{column}.") and name[len(column) + 1:].isdigit()]
        if twins:
            others = ", ".join(repr(name) for name in twins)
            notes.append(f"there is also a column {others} (a repeated header?): {column!r} is used; "
                         f"choose with {option}")
    return notes


def _say_bytes_not_utf8(frame: pd.DataFrame, name: str) -> None:
    """Raise the DataError naming a column whose Arrow strings are not UTF-8 (engine/arrow_frame.not_utf8), where
    guessing the columns read one: a Parquet 'sentence' column with a Latin-1 byte was 'internal error:
    ArrowException: ... Wrapping caf\ufffd failed', exit 70, as a named text column was before 2fdadd6."""
    from engine.arrow_frame import not_utf8

    for column in frame.columns:
        if problem := not_utf8(frame[column], hub=name.startswith("hf:")):
            raise DataError(f"{name}: {problem}") from None


def _resolve(frame: pd.DataFrame, style: SourceStyle | None, name: str, encoding: str, text_column: str | None,
             label_column: str | None, id_column: str | None) -> tuple[str, str, list[str], list[str]]:
    """The text column (spec), label column, guess notes and text parts, or the one-line column error."""
    try:  # a column error names the file, as every other load error does
        if id_column is not None:
            check_column(frame, id_column, "id", "--id-column")
        text_column, label_column, guessed = resolve_columns(frame, text_column, label_column, id_column)
        text_parts = text_column_parts(frame, text_column)
        for part in text_parts:
            check_column(frame, part, "text", "--text-column", exclude=(label_column, id_column))
        check_column(frame, label_column, "label", "--label-column", exclude=(*text_parts, id_column))
        return text_column, label_column, guessed, text_parts
    except UsageError as exc:  # a UTF-8 BOM read as latin-1 took the first column's name
        hint = misread_bom_hint(exc.message, list(frame.columns), encoding)
        from engine.table_read import split_note

        if splits := split_note(style):  # the other splits may have the column
            hint += f"; {splits}"
        raise UsageError(f"{name}: {exc.message}{hint}") from None
    except Exception as exc:  # pyarrow's 'Wrapping caf\ufffd failed' from a column the guess read: exit 70 before
        if not type(exc).__module__.startswith("pyarrow"):
            raise
        _say_bytes_not_utf8(frame, name)
        raise


@any_size_ints()  # a JSON file's 5,000-digit id reads and writes back exactly
def load_dataset(
    source: str | Path | pd.DataFrame | Any,
    *,
    text_column: str | None = None,
    label_column: str | None = None,
    id_column: str | None = None,
    encoding: str = "utf-8",
    label_sep: str | None = None,
) -> Dataset:
    """Read and validate a dataset; raise ``DataError``/``UsageError`` with one clear line.

    A label column of lists, or of strings with ``label_sep``, is read as multi-label sets.
    ``text_column``/``label_column`` None: ``text``/``label``, else a lone well-known name
    (engine/column_guess.py), said in the first warning."""
    from engine.memory_source import memory_frame, repeated_index_note
    from engine.wide_header import refusing_on_header

    # the names asked for are strings, as the frame's are below: a DataFrame's column 0, a MultiIndex's ('a', 'text')
    text_column, label_column, id_column = (
        None if c is None else str(c) for c in (text_column, label_column, id_column))
    index = None
    if (in_memory := memory_frame(source)) is not None:  # a DataFrame, a datasets.Dataset
        frame, name, style, index = in_memory
    else:  # a 50,000-column CSV's missing column is said from its header (review38: ~40 s to read it first)
        with refusing_on_header(lambda empty: _resolve(
                empty, None, shell_word(str(source)), encoding, text_column, label_column, id_column)):
            (frame, style), name = read_table_styled(source, encoding=encoding), str(source)
    frame.columns = [str(c) for c in frame.columns]
    shown = name if in_memory is not None else shell_word(name)  # a file's path in messages: one shell word
    from engine.readers import repeated_names

    if problem := repeated_names(list(frame.columns)):  # a DataFrame's (pd.concat(axis=1)): frame[c] was a frame
        raise DataError(f"{shown}: {problem}")
    if len(frame.columns) == 0:
        raise DataError(f"{shown}: holds no columns (an empty or blank file?)")
    if (text_column or "text") not in frame.columns or (label_column or "label") not in frame.columns:
        _wrong_separator(frame, style, shown)
        _rows_as_columns(frame, style, shown, [text_column or "text", label_column or "label"])
    text_column, label_column, guessed, text_parts = _resolve(
        frame, style, shown, encoding, text_column, label_column, id_column)
    if len(frame) == 0:
        raise DataError(f"{shown}: has a header but no rows")
    from engine.arrow_frame import not_utf8

    for column in dict.fromkeys(c for c in (*text_parts, label_column, id_column) if c is not None):
        if problem := not_utf8(frame[column], hub=name.startswith("hf:")):  # (another column's bytes: an export to text says so)
            raise DataError(f"{shown}: {problem}")

    texts, text_is_null = _texts(frame, text_parts, shown)
    text_is_null |= np.fromiter(
        (_INVISIBLE.fullmatch(t) is not None for t in texts), dtype=bool, count=len(texts)
    )
    if text_is_null.all():
        raise DataError(f"{shown}: every text in column {text_column!r} is empty; nothing to audit")

    label_sets, label_form = None, None
    notices: list[str] = list(guessed)  # said before the embedding's minutes: a wrong guess can be cancelled
    from engine.multilabel import looks_multilabel

    if label_sep is not None or looks_multilabel(frame[label_column]):
        from engine.label_column import class_label_set_names
        from engine.multilabel import named_sets, parse_label_sets, primary_labels, summary_note

        try:
            parsed = parse_label_sets(frame[label_column], label_sep)
        except DataError as exc:  # which file: every other load error names it
            raise DataError(f"{shown}: {exc.message}") from None
        if not parsed.classes:
            raise DataError(f"{shown}: every label set in column {label_column!r} is empty; nothing to audit")
        if label_sep is None and (set_names := class_label_set_names(style, label_column)) is not None:
            parsed = named_sets(parsed, set_names)
        label_sets, label_form, classes = parsed.sets, parsed.form, parsed.classes
        labels, originals = primary_labels(label_sets), parsed.originals or {c: c for c in classes}
        label_warnings = [summary_note(label_column, parsed)] + parsed.warnings
        if label_sep is not None and (lists := list_cells_note(frame[label_column], label_column, label_sep)):
            label_warnings = [lists, *label_warnings]
    else:
        try:
            if (names := class_label_names(style, label_column)) is not None:
                labels, classes, originals, label_warnings = class_labels(frame[label_column], names)
            else:
                labels, classes, originals, label_warnings = normalise_labels(frame[label_column])
        except DataError as exc:  # which file: every other load error names it
            from engine.label_absent import absent_label_error

            if "an empty label (" in exc.message and (absent := absent_label_error(
                    frame[label_column], style)):  # a JSON record without the key (review36)
                raise DataError(f"{shown}: {absent}") from None
            fmt = style.fmt if style is not None else None
            hint = joined_sets_hint(frame[label_column]) or empty_rows_hint(frame, label_column, fmt) or \
                lone_cr_hint(source, fmt, encoding) or \
                short_rows_hint(source, fmt, encoding, list(frame.columns).index(label_column))  # review35
            raise DataError(f"{shown}: {exc.message}{hint}") from None
        if (joined := joined_sets_notes(frame[label_column], label_column)) is not None:
            note, short = joined
            label_warnings = [note, *label_warnings]
            notices.append(short)
        elif (lists := list_cells_note(frame[label_column], label_column)) is not None:
            label_warnings = [lists, *label_warnings]
    if len(classes) < 2:
        raise DataError(
            f"{shown}: only one class ({classes[0]!r}) in column {label_column!r}; "
            "label auditing needs at least two"
        )
    warnings: list[str] = guessed + [
        f"labels {', '.join(_told_apart(group))} look alike but count as different classes"
        for group in lookalike_labels(classes)
    ] + label_warnings + list(style.notes if style is not None else ()) + _repeated_headers(
        frame, [*text_parts, label_column], ("--text-column",) * len(text_parts) + ("--label-column",))
    if id_column is not None:
        from engine.id_column import row_ids

        ids, id_notes = row_ids(frame, id_column, shown)
        warnings += id_notes
    else:
        ids = list(range(len(frame)))
    if text_is_null.any():
        warnings.append(f"{counted_verb(int(text_is_null.sum()), 'row', 'have')} an empty or missing text")
    warnings += repeated_index_note(index)  # df.join(issues) on it paired rows with others' results
    warnings += (_missing_word_texts(texts) + number_text_notes(frame, text_parts)
                 + header_row_notes(frame, [*text_parts, label_column]) + _plus_name_note(frame, text_column))
    warnings += cut_label_note(style, labels, classes, label_sets is not None, label_sets)  # a download cut mid-label
    return Dataset(
        frame=frame,
        texts=texts,
        text_is_null=text_is_null,
        labels=labels,
        classes=classes,
        ids=ids,
        text_column=text_column,
        label_column=label_column,
        id_column=id_column,
        source=name,
        warnings=warnings,
        style=style,
        label_originals=originals,
        label_sets=label_sets,
        label_form=label_form,
        index=index,
        notices=notices,
    )
