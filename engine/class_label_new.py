"""A relabel to a name a ``ClassLabel`` label column does not have, written as a new class int.

A saved dataset's label column holds ints whose names live in its ``ClassLabel`` feature. A
relabel to another name ('other' beside neg, pos) was written as the text: the hf export turned
the whole column into strings ('1', '1', 'other'), the ClassLabel and its names gone, and a CSV
mixed ints with the name. The name now gets the next int (2), the ClassLabel gains it (an hf
export and a Parquet file's datasets metadata keep the names neg, pos, other), and the export says so.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from typing import Any

from engine.label_column import class_label_names, class_label_set_names
from engine.load import Dataset


def extend_class_label(dataset: Dataset, decisions: dict[int, Any], notes: list[str]) -> Dataset:
    """``dataset`` with the relabels' new names added to its ClassLabel (ints appended after the
    last name) where it has one and they use one; else ``dataset`` itself. The note goes to ``notes``."""
    column = dataset.label_column
    names = None if dataset.is_multilabel else class_label_names(dataset.style, column)
    if names is None:
        return dataset
    wanted = sorted({d.label_after for d in decisions.values() if d.action == "relabel"} - set(names),
                    key=str)
    new = [name for name in wanted if isinstance(name, str)]
    if not new:
        return dataset
    import datasets

    extended = names + new
    style = dataset.style
    feature = datasets.ClassLabel(names=extended)
    features = datasets.Features({**style.features, column: feature})
    schema = style.schema
    if schema is not None and schema.metadata and b"huggingface" in schema.metadata:
        try:
            info = json.loads(schema.metadata[b"huggingface"])
            info["info"]["features"][column] = {"names": extended, "_type": "ClassLabel"}
            schema = schema.with_metadata({**schema.metadata, b"huggingface": json.dumps(info).encode()})
        except (ValueError, KeyError, TypeError):
            pass  # metadata of another shape: the hf export's features still carry the names
    originals = {**dataset.label_originals, **{name: len(names) + i for i, name in enumerate(new)}}
    added = ", ".join(f"{name!r} as {len(names) + i}" for i, name in enumerate(new))
    notes.append(f"label column {column!r} is a ClassLabel ({', '.join(names)}): added {added}; written as "
                 "ints, as the column holds them (the names are kept by an hf export and a Parquet file's "
                 "datasets metadata)")
    return dataclasses.replace(dataset, style=dataclasses.replace(style, features=features, schema=schema),
                               label_originals=originals)


def corrections_ints_note(dataset: Dataset) -> list[str]:
    """For ``--corrections-only`` on a ClassLabel column: its table holds the ints, and nothing in
    it names them (an hf export or a Parquet file's metadata does), so the note says which is which."""
    names = None if dataset.is_multilabel else class_label_names(dataset.style, dataset.label_column)
    if not names:
        return []
    shown = ", ".join(f"{code} {name}" for code, name in enumerate(names[:10])) + (", ..." if len(names) > 10 else "")
    return [f"--corrections-only: label_before and label_after hold the ClassLabel's ints, as the column does "
            f"({shown})"]


def named_by_class_label(groups: list[list[dict[str, Any]]], dataset: Dataset) -> list[list[dict[str, Any]]]:
    """Journal lines that spell a ``ClassLabel`` column's labels by their ints ('3': ``hf:NAME``
    showed them so before it read the names, as does the data saved as CSV) with the names the
    column shows now; the rest as they are. Without this, every decision such a journal holds was
    'the row's label changed since', and a relabel's '3' would have been a new name. So are a binary
    column's reprs ("b'a'", :func:`_named_bytes`) and a number column's whole floats (:func:`_named_whole_floats`)."""
    if dataset.is_multilabel:  # a Sequence(ClassLabel) column's sets: '["3","10"]' before they showed names
        groups = _named_byte_sets(groups, dataset)
        set_names = class_label_set_names(dataset.style, dataset.label_column)
        return groups if set_names is None else [[_named_sets(entry, set_names) for entry in group] for group in groups]
    groups = _named_whole_floats(_named_bytes(groups, dataset), dataset)
    names = class_label_names(dataset.style, dataset.label_column)
    if names is None:
        return groups
    known = set(names)

    def name_of(value: Any) -> str | None:
        """The name an int spelling ('0', '12') stands for; None for anything else."""
        if isinstance(value, str) and value not in known and _INT.fullmatch(value) and int(value) < len(names):
            return names[int(value)]
        return None

    def named(entry: dict[str, Any]) -> dict[str, Any]:
        before = name_of(entry.get("label_before"))
        if before is None:  # a line made on the names: its label_after is a name too
            return entry
        after = entry.get("label_after")
        return {**entry, "label_before": before, "label_after": name_of(after) or after}

    return [[named(entry) for entry in group] for group in groups]


def _bytes_reprs(dataset: Dataset) -> dict[str, str]:
    """Each binary label's repr ("b'a'") to the name it shows now ('a'), where the two differ."""
    names = {}
    for name, value in zip(dataset.class_names, dataset.classes):
        original = dataset.label_originals.get(value, value)
        if isinstance(original, (bytes, bytearray)) and repr(bytes(original)) != name:
            names[repr(bytes(original))] = name
    return names


def _named_bytes(groups: list[list[dict[str, Any]]], dataset: Dataset) -> list[list[dict[str, Any]]]:
    """Journal lines on a binary label column (Parquet ``binary``) made when its labels showed as their
    reprs ("b'a'") with the names they show now ('a', engine/label_column.bytes_names); the rest as they are."""
    if not (names := _bytes_reprs(dataset)):
        return groups

    def named(entry: dict[str, Any]) -> dict[str, Any]:
        before, after = entry.get("label_before"), entry.get("label_after")
        if not isinstance(before, str) or before not in names:
            return entry
        return {**entry, "label_before": names[before],
                "label_after": names.get(after, after) if isinstance(after, str) else after}

    return [[named(entry) for entry in group] for group in groups]


def _named_whole_floats(groups: list[list[dict[str, Any]]], dataset: Dataset) -> list[list[dict[str, Any]]]:
    """Journal lines on a number label column made when its whole floats were named as floats ('1e+20' past int64
    before fa5459a; '1.0' beside the int 1 before f35cf81) with the integers they equal, as the classes are named now
    ('100000000000000000000'); the rest as they are. Exact: a float's repr names one value, so one class (or, for a
    relabel's new label, the integer the export writes). Without this each such decision was 'the row's label changed
    since' (an upgrade dropped them), and a relabel's new '3e+20' was no label the column could hold."""
    known = set(dataset.class_names)
    if not known or not all(_WHOLE.fullmatch(name) for name in known) or not all(
            isinstance(value, (int, float)) and not isinstance(value, bool) for value in dataset.label_originals.values()):
        return groups  # a text column keeps '1.0' and '1' apart (its cells as written)

    def named(label: Any) -> Any:
        if not isinstance(label, str) or label in known or not _FLOAT.fullmatch(label):
            return label
        value = float(label)
        return str(int(value)) if math.isfinite(value) and value.is_integer() and repr(value) == label else label

    def entry_named(entry: dict[str, Any]) -> dict[str, Any]:
        renamed = {key: named(entry[key]) for key in ("label_before", "label_after") if key in entry}
        return entry if all(renamed[key] is entry[key] for key in renamed) else {**entry, **renamed}

    return [[entry_named(entry) for entry in group] for group in groups]


def _named_byte_sets(groups: list[list[dict[str, Any]]], dataset: Dataset) -> list[list[dict[str, Any]]]:
    """Journal lines on a ``list<binary>`` label column made when its sets showed the reprs
    ('["b\'a\'"]', before 630f850) with the names they show now ('["a"]'); the rest as they are."""
    if not (names := _bytes_reprs(dataset)):
        return groups
    order = {name: i for i, name in enumerate(dataset.class_names)}

    def named(value: Any) -> list[str] | None:
        """The set's members by their names now, in class order; None where it is not a set of reprs."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v in names for v in value):
            return None
        return sorted((names[v] for v in value), key=order.__getitem__)

    def entry_named(entry: dict[str, Any]) -> dict[str, Any]:
        before, after = named(entry.get("label_before")), named(entry.get("label_after"))
        if before is None or not (before or after):  # made on the names (an empty set says nothing either way)
            return entry
        renamed = {**entry, "label_before": _set_text(before)}
        if after is not None:
            renamed["label_after"] = _set_text(after)
        for key in ("labels_before", "labels_after"):
            if (members := named(entry.get(key))) is not None:
                renamed[key] = members
        return renamed

    return [[entry_named(entry) for entry in group] for group in groups]


#: An int as a journal line spells a label: no sign, no leading zero, ASCII digits.
_INT = re.compile(r"0|[1-9][0-9]*")
#: A whole number's class name (engine/label_column.normalise_labels), and a float's repr ('1e+20', '-2.0').
_WHOLE = re.compile(r"-?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+|-?[0-9](\.[0-9]+)?e[+-][0-9]+")


def _named_sets(entry: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A journal line on a ``Sequence(ClassLabel)`` column written when its sets showed the ints
    (``label_before`` '["3","10"]') with the names; a line whose sets hold a name, as it is."""
    known = set(names)

    def ints(value: Any) -> list[int] | None:
        """The ints a set spells (a JSON list string or a list), or None where it is not all ints."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                return None
        if not isinstance(value, list) or not all(
                isinstance(v, str) and v not in known and _INT.fullmatch(v) and int(v) < len(names) for v in value):
            return None
        return sorted(int(v) for v in value)  # class order is the ints' order (multilabel.named_sets)

    before, after = ints(entry.get("label_before")), ints(entry.get("label_after"))
    if before is None or not (before or after):  # made on the names (an empty set says nothing either way)
        return entry
    named = {**entry, "label_before": _set_text([names[i] for i in before])}
    if after is not None:
        named["label_after"] = _set_text([names[i] for i in after])
    for key in ("labels_before", "labels_after"):
        if (items := ints(entry.get(key))) is not None:
            named[key] = [names[i] for i in items]
    return named


def _set_text(members: list[str]) -> str:
    """A set's canonical string (engine/multilabel.set_display) from its names in class order."""
    return json.dumps(members, ensure_ascii=False, separators=(",", ":"))
