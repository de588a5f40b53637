"""Multi-label datasets: a label column of sets, read from lists or delimited strings.

A label column is multi-label when its cells are lists (JSONL/JSON/Parquet/HF: lists of strings
or ints; detected by itself), or when the user passes ``--label-sep SEP`` for delimited strings
in CSV/TSV (``"card|transfer"``). An empty list, an empty cell or a missing value is an empty
set: allowed, and counted in the summary. ``LabelSetForm`` remembers how the sets were written,
so an export writes a changed set back the same way (a list of the same item type, or items
joined by the same separator); rows that did not change keep their original cell untouched.

Inside textaudit a set is a sorted tuple of class indices; its display (and the journal's
``label_before``/``label_after`` string) is the canonical JSON list of class names.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from engine.errors import DataError, UsageError
from engine.paths import shell_word
from engine.wording import counted

LabelSet = tuple[int, ...]


@dataclass(frozen=True)
class LabelSetForm:
    """How the input wrote its label sets: ``list`` cells, or strings joined by ``sep``."""

    kind: str  # "list" or "sep"
    sep: str | None = None
    item: str = "str"  # "int" or "str": the type of the items written back
    joiner: str | None = None  # the separator as the cells spell it most ('a | b': ' | '), for a changed set


@dataclass(frozen=True)
class ParsedSets:
    """Label sets of every row, the sorted classes and what the user should be told."""

    sets: list[LabelSet]
    classes: list[Any]
    form: LabelSetForm
    warnings: list[str]
    originals: dict[Any, Any] | None = None  # class -> the item the column first wrote it as (3 -> 3.0)


def _is_list(value: Any) -> bool:
    """A label set's cell: a list (an Arrow list reads as an ndarray), or from a DataFrame a tuple or a
    set (a set's labels were one class named by its repr, "{'billing', 'refund'}", in hash order)."""
    return isinstance(value, (list, tuple, np.ndarray, set, frozenset))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and value != value


def looks_multilabel(values: pd.Series) -> bool:
    """True when the column's cells are lists (any present cell; the rest may be missing)."""
    if values.dtype != object:
        return False
    return any(_is_list(v) for v in values.tolist())


def _item_key(item: Any) -> Any:
    """An item as a class key: ints (and integral floats) are ints, other floats floats, the rest
    text. A float like 2.5 was text, so a list<double> column read as 'mixes numbers and text' and
    an export wrote a set changed to hold 3 as [2.5, "3"] (Parquet: the whole column as JSON text)."""
    if isinstance(item, (bool, np.bool_)):
        return str(bool(item))
    if isinstance(item, (int, np.integer)):
        return int(item)
    if isinstance(item, (float, np.floating)):
        return int(item) if float(item).is_integer() else float(item)
    return str(item)


def parse_label_sets(values: pd.Series, sep: str | None = None) -> ParsedSets:
    """Read a label column as sets. ``sep`` given: strings split on it; else cells must be lists."""
    name = values.name
    raw = values.to_list()
    items_per_row: list[list[Any]] = []
    if sep is not None:
        if sep == "":
            raise UsageError("--label-sep must not be empty")
        held = next((cell for cell in raw if not _is_missing(cell)), None)
        if held is not None and not any(isinstance(cell, str) for cell in raw):  # nothing joined by it: an
            # export would write joined text into the column (a Parquet list<string> got 'app' as ['a', 'p', 'p'])
            what = ("lists, which are read as label sets by themselves" if _is_list(held) else
                    f"{type(held).__name__} values, not labels joined by a separator")
            raise UsageError(f"--label-sep {shell_word(sep)}: label column {name!r} holds {what}; drop --label-sep")
        for row, cell in enumerate(raw):
            if _is_missing(cell):
                items_per_row.append([])
            elif isinstance(cell, str):
                items_per_row.append([part.strip() for part in cell.split(sep) if part.strip()])
            elif _is_list(cell):
                items_per_row.append(list(cell))
            else:
                items_per_row.append([cell])
        form_kind = "sep"
    else:
        for row, cell in enumerate(raw):
            if _is_missing(cell):
                items_per_row.append([])
            elif _is_list(cell):
                items_per_row.append(list(cell))
            else:
                raise DataError(f"label column {name!r} mixes lists and single values (row {row}: {str(cell)[:40]!r}); "
                                "give every row a list, or pass --label-sep for delimited strings")
        form_kind = "list"
    bad = next(((row, item) for row, items in enumerate(items_per_row) for item in items
                if _is_list(item) or isinstance(item, dict) or _is_missing(item)), None)
    if bad is not None:  # 'a NoneType item (None)' named Python's type, not the row (review34)
        row, item = bad
        kind = "null" if _is_missing(item) else "dict" if isinstance(item, dict) else "list"
        raise DataError(f"label column {name!r}: row {row}'s label set holds a {kind} item ({str(item)[:40]}); "
                        "label sets hold text or numbers")
    keyed = [[_item_key(item) for item in items] for items in items_per_row]
    from engine.label_column import bytes_names  # a list<binary> column: b'a' named 'a', as single labels are

    flat = [item for items in items_per_row for item in items]
    if flat and all(isinstance(item, (bytes, bytearray)) for item in flat) and \
            (names := bytes_names(np.asarray(flat, dtype=object))) is not None:
        it = iter(names.tolist())
        keyed = [[next(it) for _ in items] for items in items_per_row]
    kinds = {type(key) for items in keyed for key in items}
    warnings: list[str] = []
    if str in kinds and len(kinds) > 1:
        warnings.append(f"label column {name!r} mixes numbers and text in its sets; every label read as text")
        keyed = [[str(key) for key in items] for items in keyed]
    item_kind = "int" if kinds == {int} else "num" if kinds == {int, float} or kinds == {float} else "str"
    originals: dict[Any, Any] = {}  # each class as the column first wrote it: an added 3 is written 3.0 where it was
    for items, keys in zip(items_per_row, keyed):
        for item, key in zip(items, keys):
            if key not in originals:
                originals[key] = item.item() if hasattr(item, "item") and not isinstance(item, str) else item
    classes = sorted({key for items in keyed for key in items})
    index = {c: i for i, c in enumerate(classes)}
    sets: list[LabelSet] = []
    repeated = 0
    for items in keyed:
        indices = [index[key] for key in items]
        unique = tuple(sorted(set(indices)))
        repeated += len(unique) < len(indices)
        sets.append(unique)
    if repeated:
        warnings.append(f"{repeated} row{'s name' if repeated != 1 else ' names'} a label twice in "
                        f"{'their' if repeated != 1 else 'its'} set; counted once")
    if sets and all(len(members) == 1 for members in sets):
        warnings.append(one_label_note(name, sep))
    form = LabelSetForm(kind=form_kind, sep=sep, item=item_kind, joiner=_joiner(raw, sep) if sep else None)
    return ParsedSets(sets=sets, classes=classes, form=form, warnings=warnings, originals=originals)


def one_label_note(column: Any, sep: str | None) -> str:
    """The note for label sets of exactly one label on every row: single-label data read as sets.
    Audited as sets, each label is a yes/no of its own: nothing says a row takes exactly one, so
    a wrong label is flagged with far more false alarms (banking77 test, 1,200 rows, 60 flipped:
    flags F1 0.69 as sets, 0.89 as single labels) and class imbalance goes unchecked."""
    how = ("drop --label-sep" if sep is not None
           else "write the column as plain labels (not one-item lists)")
    return (f"every row of label column {column!r} holds exactly one label: audited as label sets, each label "
            f"a yes/no of its own; if each row takes exactly one class, {how} for the single-label audit "
            "(classes that exclude each other, class imbalance checked)")


def named_sets(parsed: ParsedSets, names: list[str]) -> ParsedSets:
    """Sets of a ``Sequence(ClassLabel)`` column shown by the ClassLabel's names (in the order of
    their ints, as a model trained on the column orders them) and written back as the ints; they
    were shown as '0', '27' (a go_emotions file: every screen, report and journal line). Sets
    holding an int outside the names are left as they are."""
    if not all(isinstance(c, int) and 0 <= c < len(names) for c in parsed.classes):
        return parsed
    originals = {names[c]: item for c, item in (parsed.originals or {c: c for c in parsed.classes}).items()}
    return dataclasses.replace(parsed, classes=[names[c] for c in parsed.classes], originals=originals)


def _joiner(cells: list[Any], sep: str) -> str | None:
    """The separator with the spaces the cells put around it, the most frequent spelling ('a | b'
    gives ' | '): a changed set was joined by the bare '|' in a column of 'a | b' cells."""
    pattern = re.compile(rf"[ \t]*{re.escape(sep)}[ \t]*")
    joined = (cell for cell in cells if isinstance(cell, str) and sep in cell)
    counts = Counter(found for cell in itertools.islice(joined, 1000) for found in pattern.findall(cell))
    return counts.most_common(1)[0][0] if counts else None


def summary_note(column: str, parsed: ParsedSets) -> str:
    """The note that says the column was read as sets: how, the label count, the empty sets."""
    how = f"strings split on {parsed.form.sep!r}" if parsed.form.kind == "sep" else "lists"
    sizes = np.fromiter((len(s) for s in parsed.sets), dtype=np.int64, count=len(parsed.sets))
    empty = int((sizes == 0).sum())
    return (f"label column {column!r} holds {how}: auditing as multi-label ({len(parsed.classes)} labels, "
            f"{sizes.mean():.2f} per row on average, {counted(empty, 'row')} with an empty label set)")


def primary_labels(sets: Sequence[LabelSet]) -> np.ndarray:
    """One class per row for views that need one (the set's first class; 0 for an empty set)."""
    return np.fromiter((s[0] if s else 0 for s in sets), dtype=np.int64, count=len(sets))


def indicator(sets: Sequence[LabelSet], n_classes: int) -> np.ndarray:
    """The (n, K) 0/1 matrix of the sets."""
    matrix = np.zeros((len(sets), n_classes), dtype=np.int8)
    for row, members in enumerate(sets):
        if members:
            matrix[row, list(members)] = 1
    return matrix


def set_display(names: Sequence[str], members: Iterable[int]) -> str:
    """The canonical string of a set: a compact JSON list of class names in class order."""
    return json.dumps([names[i] for i in sorted(members)], ensure_ascii=False, separators=(",", ":"))


def parse_display(text: str, names: Sequence[str]) -> LabelSet:
    """The set a canonical string names; raises UsageError for an unknown label or bad text."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):  # a journal line's '[[[[...' nested past the stack
        raise UsageError(f"{text[:80]!r} is not a label set (a JSON list of label names)") from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{text!r} is not a label set (a JSON list of label names)")
    index = {name: i for i, name in enumerate(names)}
    unknown = [v for v in value if v not in index]
    if unknown:
        shown = ", ".join(map(repr, unknown))
        raise UsageError(f"label {shown} is not a label of this dataset" if len(unknown) == 1
                         else f"labels {shown} are not labels of this dataset")
    return tuple(sorted({index[v] for v in value}))


def compact(names: Sequence[str], members: Iterable[int], width: int | None = None) -> str:
    """A set for a narrow cell: ``a, b`` or ``∅`` for the empty set, cut with ``…``."""
    members = list(members)
    text = ", ".join(names[i] for i in members) if members else "∅"
    if width is not None and len(text) > width:
        text = text[: max(0, width - 1)] + "…"
    return text


def change_text(names: Sequence[str], before: Iterable[int], after: Iterable[int]) -> str:
    """The change between two sets as ``+added -removed`` (empty when they are equal)."""
    before, after = set(before), set(after)
    parts = [f"+{names[i]}" for i in sorted(after - before)] + [f"-{names[i]}" for i in sorted(before - after)]
    return " ".join(parts)


def cell_for(members: LabelSet, classes: Sequence[Any], originals: dict[Any, Any], form: LabelSetForm,
             original_cell: Any) -> Any:
    """The label cell to write for a changed set, in the input's own form.

    Items already in the original cell keep their original order and spelling; added items
    follow in class order. Lists stay lists (of ints when the input's were ints; also in a column
    read with --label-sep, whose other cells are joined); delimited strings are joined with the same
    separator (an empty set is an empty string).
    """
    wanted = [classes[i] for i in members]
    previous: list[Any] = []
    if _is_list(original_cell):
        previous = list(original_cell)
    elif isinstance(original_cell, str) and form.sep:
        previous = [part.strip() for part in original_cell.split(form.sep) if part.strip()]
    kept: list[Any] = []
    seen: set[Any] = set()
    classes_of = {_item_key(item): key for key, item in originals.items()}  # a ClassLabel's 3 -> its name
    for item in previous:
        key = _item_key(item) if form.item in ("int", "num") else str(_item_key(item))
        key = classes_of.get(key, key)
        if key in wanted and key not in seen:
            kept.append(item.item() if hasattr(item, "item") else item)
            seen.add(key)
    for key in wanted:
        if key not in seen:
            kept.append(originals.get(key, key))
            seen.add(key)
    if form.kind == "sep" and not _is_list(original_cell):  # a list cell beside joined ones stays a list
        return (_joiner([original_cell], form.sep) or form.joiner or form.sep).join(str(v) for v in kept)
    return kept
