"""Names for integer labels (``--label-names``): ag_news' 1-4 shown as World, Sports, Business, Sci/Tech.

The names are for people only: every screen, the picker and the filter use them, while the journal,
the export and the cache keep the data's own values (the ints). So a journal made with the names
replays without them, and an export writes the ints the column held.

A spec is inline or a file:
- ``World,Sports,Business,Sci/Tech``: the names of 0, 1, 2, 3 (a ``ClassLabel``'s order, a model's
  ``id2label``);
- ``1=World,2=Sports,3=Business,4=Sci/Tech``: each value named;
- ``names.json``: a list (index = label), an object of label -> name, or a model's ``config.json``
  (its ``id2label``; a model's folder reads its ``config.json``); ``names.txt``: one name a line
  (line 1 names 0).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from engine.errors import DataError, UsageError
from engine.paths import shell_word
from engine.wording import counted

OPTION = "--label-names"
_WHOLE = re.compile(r"-?(?:0|[1-9][0-9]*)")
_WHOLE_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.0+")  # a CSV's '1.0': pandas writes a float column so
_NUMBER = re.compile(r"-?[0-9]+")  # a key or a name that reads as a label ('01' is 1)
_KEYED_LINE = re.compile(r"-?[0-9]+\s*=\s*\S")  # a names.txt line '1=World', '1 = World'
_IN_A_FILE = "a name holding ',' or '=' goes in a .txt file, one name a line"


class LabelNames(dict):
    """label -> name; ``from_zero``: listed, not keyed (World,Sports,...: the names of 0, 1, ...)."""

    from_zero = False


def _listed(names: list[Any], where: str) -> LabelNames:
    """Names listed in order: the names of 0, 1, 2, ..."""
    named = LabelNames(_named(list(enumerate(names)), where))
    named.from_zero = True
    return named


def _label(key: Any, where: str) -> int:
    """A label value given a name: an int, or text that is one ('3')."""
    if isinstance(key, bool) or not (isinstance(key, int) or (isinstance(key, str) and _NUMBER.fullmatch(key.strip()))):
        raise UsageError(f"{OPTION}: {where} names label {str(key)[:40]!r}, not a whole number: "
                         "the option names integer labels" + (f" ({_IN_A_FILE})" if where == "the list" else ""))
    return int(key)


def _named(pairs: list[tuple[int, Any]], where: str) -> dict[int, str]:
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for value, name in pairs:
        if not isinstance(name, str) or not name.strip():
            what = "an empty name" if isinstance(name, str) or name is None else f"{_kind(name)}, not a name"
            raise UsageError(f"{OPTION}: {where} gives label {value} {what}")
        if value in names:
            raise UsageError(f"{OPTION}: {where} names label {value} twice ({names[value]!r}, {name!r})")
        if name in seen:
            raise UsageError(f"{OPTION}: {where} gives labels {seen[name]} and {value} the same name {name!r}")
        names[value], seen[name] = name, value
    return names


def _kind(value: Any) -> str:
    """A JSON value's kind in words ('a number', not 'a int')."""
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def _from_json(data: Any, where: str) -> dict[int, str]:
    if isinstance(data, dict) and isinstance(data.get("id2label"), dict):  # a model's config.json
        data = data["id2label"]
    elif isinstance(data, dict) and isinstance(data.get("label2id"), dict):  # a config.json with only label2id
        data = data["label2id"]
    if isinstance(data, list):
        return _listed(data, where)
    if isinstance(data, dict) and data and all(type(v) is int for v in data.values()) and not any(
            _NUMBER.fullmatch(str(key).strip()) for key in data):  # name -> label (label2id): read the other way
        return _named([(value, name) for name, value in data.items()], where)
    if isinstance(data, dict):
        return _named([(_label(key, where), name) for key, name in data.items()], where)
    raise UsageError(f"{OPTION}: {where} holds {_kind(data)}; give a list of names, an object of "
                     "label -> name, or a model's config.json (id2label)")


def _names_a(spec: str, kind: Callable[[Path], bool]) -> bool:
    """Whether ``spec`` names a file or folder (``kind``: ``Path.is_file``, ``Path.is_dir``); a list of
    77 names is past the 255 bytes a file name may have, where the test raises ('File name too long')."""
    try:
        return kind(Path(spec).expanduser())
    except (OSError, ValueError):  # too long, or a NUL byte
        return False


def parse_label_names(spec: str) -> dict[int, str]:
    """The label -> name mapping a ``--label-names`` spec gives: a DataError (exit 1, as for any file the
    command reads) when its file is missing, unreadable or not JSON, a UsageError (exit 2) when the names are wrong."""
    names = _parse(spec)
    shown = shell_word(spec)  # a file of names, or the list, as one word to paste into a shell
    if not names:  # an empty names.txt or '[]': 'internal error: IndexError' after the whole audit
        raise UsageError(f"{OPTION}: {shown} gives no name")
    return names


def _parse(spec: str) -> dict[int, str]:
    shown = shell_word(spec)
    if spec.lower().endswith((".json", ".txt")):
        path = Path(spec).expanduser()
        try:
            if path.exists() and not path.is_file():  # a FIFO's read waited for a writer forever
                raise DataError(f"{OPTION}: cannot read {shown}: not a regular file (a folder, FIFO or device)")
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:  # a Latin-1 or UTF-16 file: say so, not the codec's words
            raise DataError(f"{OPTION}: cannot read {shown}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
                             f"at offset {exc.start:,}); save it as UTF-8") from None
        except OSError as exc:
            reason = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror or exc
            raise DataError(f"{OPTION}: cannot read {shown}: {reason}") from None
        if spec.lower().endswith(".txt"):
            lines = re.split(r"\r\n|\r|\n", text)  # not splitlines: it also splits at \x0c, \x1c-\x1e, \x85 and
            # U+2028/9 inside a name, so every later label silently took the name of the one before it
            while lines and not lines[-1].strip():
                lines.pop()
            names = [line.strip() for line in lines]
            if names and all(_KEYED_LINE.match(name) for name in names):
                # '1=World' a line: each line is the name of the next label from 0, so label 0 was
                # called '1=World', and on ag_news' 1-4 the hint offered '1=1=World,2=2=Sports,...'
                raise UsageError(f"{OPTION}: every line of {shown} is a label and its name ({names[0]!r}), but a .txt "
                                 "holds one name a line, line 1 naming label 0: for labels 0, 1, ... write the names alone; "
                                 "else give the pairs inline (1=World,2=Sports,...) or in a .json ({\"1\": \"World\", ...})")
            return _listed(names, shown)
        try:
            return _from_json(json.loads(text), shown)
        except json.JSONDecodeError as exc:
            raise DataError(f"{OPTION}: {shown} is not JSON (line {exc.lineno}: {exc.msg})") from None
        except RecursionError:  # '[[[[...' past the stack: 'internal error', exit 70
            raise DataError(f"{OPTION}: {shown} is JSON nested too deeply for names") from None
    if _names_a(spec, Path.is_dir):  # 'namesdir' or a model's folder was one name, for label 0
        if (Path(spec).expanduser() / "config.json").is_file():  # a model's folder: its config's id2label
            return _parse(str(Path(spec) / "config.json"))
        raise UsageError(f"{OPTION}: {shown} is a folder (with no config.json); names are read from a .json or "
                         ".txt file, a model folder's config.json, or listed: World,Sports,...")
    if _names_a(spec, Path.is_file):  # 'names.csv' was one name, for label 0
        raise UsageError(f"{OPTION}: {shown} is a file; names are read from a .json or .txt file (or listed: "
                         "World,Sports,...)")
    parts = [part.strip() for part in spec.split(",")]
    if all("=" in part for part in parts):
        return _named([(_label(key, "the list"), name.strip()) for key, _, name in (p.partition("=") for p in parts)],
                      "the list")
    if any("=" in part for part in parts):
        raise UsageError(f"{OPTION}: name every label (1=World,2=Sports) or none (World,Sports: 0, 1, ...), "
                         f"not some; {_IN_A_FILE}")
    return _listed(parts, "the list")


def class_display_names(names: dict[int, str], dataset: Any) -> list[str]:
    """Each class of ``dataset`` by its name from ``names`` (UsageError, exit 2, when the data's labels
    are not integers, already have names, or one has none)."""
    import numpy as np

    from engine.label_column import class_label_names

    column = dataset.label_column
    if dataset.is_multilabel:
        raise UsageError(f"{OPTION}: not yet for label sets (column {column!r} holds several labels a row)")
    if (own := class_label_names(dataset.style, column)) is not None:
        raise UsageError(f"{OPTION}: label column {column!r} has names already (its ClassLabel: "
                         f"{', '.join(own[:4])}{', ...' if len(own) > 4 else ''}); leave the option out")
    values = _label_values(dataset)
    if values is None:
        shown = ", ".join(repr(str(c))[:30] for c in dataset.classes[:3])
        raise UsageError(f"{OPTION} names integer labels; label column {column!r} holds {shown}"
                         f"{', ...' if len(dataset.classes) > 3 else ''}")
    if len(set(values)) < len(values):  # '1' and '1.0' in one CSV column: two classes, one label
        twins = [str(c) for c, v in zip(dataset.classes, values) if values.count(v) > 1][:2]
        raise UsageError(f"{OPTION}: label column {column!r} holds {twins[0]!r} and {twins[1]!r}, two classes "
                         "the names would call alike; write each label one way")
    missing = [(i, v) for i, v in enumerate(values) if v not in names]
    if missing:
        rows = np.bincount(np.asarray(dataset.labels, dtype=np.int64), minlength=len(values))
        first, value = missing[0]
        named = sorted(names)
        message = (f"{OPTION}: label {value} ({counted(int(rows[first]), 'row')}) has no name"
                   + (f", nor do {len(missing) - 1} more" if len(missing) > 1 else "")
                   + f"; the names cover {named[0]}-{named[-1]}, the column's labels run {min(values)}-{max(values)}")
        if len(named) == len(values) and min(values) == named[0] + 1:
            message += (f": the names count from {named[0]}; name each label, e.g. "
                        f"{min(values)}={names[named[0]]},{min(values) + 1}={names[named[1]]},...")
        raise UsageError(message)
    _check_fits(names, values)
    return [names[v] for v in values]


def new_class_names(names: dict[int, str], dataset: Any) -> dict[str, str]:
    """The names ``names`` gives labels no row of ``dataset`` holds, by the label as the journal writes a new
    class ('5' -> 'New' for ag_news' 1-4 with ``5=New``): the app shows the new class 5 by that name. {} where the
    data's labels are no integers (the option is refused there)."""
    values = _label_values(dataset)
    if values is None:
        return {}
    held = set(values)
    return {str(value): name for value, name in names.items() if value not in held}


def value_names(names: dict[int, str], dataset: Any, *corrected: Any) -> tuple[dict[Any, str], list[str]]:
    """Each class of ``dataset`` as the data spells it -> its name (UsageError, exit 2, for a label with no name,
    text labels or label sets), and of ``corrected`` (audit --apply-journal's copy) a class the journal added, by
    the name ``names`` gives it ('5=New'); one with none is left to show as its value, with a note (returned): the
    names were written for the data, and the app showed that class as its value ('--label-names: label 5 (1 row)
    has no name' refused the re-audit)."""
    shown: dict[Any, str] = dict(zip(dataset.class_names, class_display_names(names, dataset)))
    extra = new_class_names(names, dataset)
    notes = []
    for value in dict.fromkeys(value for copy in corrected for value in copy.class_names if value not in shown):
        if str(value) in extra:
            shown[value] = extra[str(value)]
        else:
            notes.append(f"{OPTION} gives no name for label {value}, a new class the journal adds: shown as {value} "
                         f"(add {value}=NAME to name it)")
    return shown, notes


def _label_values(dataset: Any) -> list[int] | None:
    """Each class of ``dataset`` as the integer label it is; None when one is not a whole number."""
    values = []
    for value in dataset.classes:
        original = dataset.label_originals.get(value, value)
        if isinstance(original, float) and original.is_integer():  # JSON's 1.0: class 1, as every screen shows it
            original = int(original)
        elif isinstance(original, str):  # a CSV's '1.0' is label 1
            original = _whole(original)
        if isinstance(original, bool) or not (isinstance(original, int) or (isinstance(original, str)
                                                                            and _WHOLE.fullmatch(original))):
            return None
        values.append(int(original))
    return values


def unnamed_numbers_note(dataset: Any) -> str | None:
    """Where the labels are numbers with no names (ag_news' 1-4), the note that says how to name
    them: the app showed '1', '2', ... on every screen and nothing said ``--label-names`` exists.
    None for text labels, label sets and a ``ClassLabel`` column (it has names)."""
    from engine.label_column import class_label_names

    if dataset.is_multilabel or class_label_names(dataset.style, dataset.label_column) is not None:
        return None
    values = _label_values(dataset)
    if not values:
        return None
    first = ",".join(f"{v}=NAME" for v in sorted(values)[:2])
    low, high = min(values), max(values)
    span = f"{low} to {high}" if low < 0 else f"{low}-{high}"  # '-1 to 1', not '-1-1'
    return (f"the labels are numbers ({span}): {OPTION} {first},... shows them by name "
            "on every screen (the journal and the export keep the numbers)")


def _check_fits(names: dict[int, str], values: list[int]) -> None:
    """Names that fit the labels but would show them wrongly: listed from 0 on labels from 1 (one
    name too many, so every label took the next one's name), or a name that is another label's value."""
    low, high = min(values), max(values)
    if getattr(names, "from_zero", False) and low > 0:
        raise UsageError(f"{OPTION}: the names count from 0, but no row has label 0 (the column's labels run "
                         f"{low}-{high}): label {low} would be {names[low]!r}, not {names[0]!r}; name each label "
                         f"({low}=...,{low + 1}=...)")
    held = set(values)
    for value in values:
        name = names[value].strip()
        number = _whole(name)  # '2.0' reads as label 2 too
        if _NUMBER.fullmatch(number) and int(number) != value and int(number) in held:
            raise UsageError(f"{OPTION}: label {value} is named {name!r}, label {int(number)}'s own value: "
                             f"{name!r} on a screen would not say which label it is; give it another name")


def same_value(value: str, typed: str) -> bool:
    """Whether ``typed`` (a filter's ``given:1``, the picker's search) is the label ``value``: as
    spelled, or as the label a name is for (a CSV's ``1.0`` is label 1, so ``1`` finds it too)."""
    return value.lower() == typed.strip().lower() or _whole(value.strip()) == _whole(typed.strip())


def _whole(text: str) -> str:
    """A whole float as the label it spells ('1.0' -> '1'); any other text as it is."""
    return text.partition(".")[0] if _WHOLE_FLOAT.fullmatch(text) else text


def written_as_values(names: dict[str, str]) -> str:
    """What an export writes, said where ``names`` (value -> name) are shown: the values."""
    from engine.wording import shown_name

    value, name = next(iter(names.items()))
    return (f"labels are written as the column's values ({shown_name(value)} for {shown_name(name)}"
            f"{', ...' if len(names) > 1 else ''}), not their names")


def load_named(source: Any, options: Any, names: dict[int, str], progress: Any = None) -> Any:
    """Load ``source`` as the audit would and check ``names`` against its labels: a name missing for
    a label is said after the load (seconds), not after the whole audit. Returns the Dataset, for
    ``run_audit`` to audit without loading it again; ``progress`` hears the load stage."""
    from engine.load import Dataset, load_dataset
    from engine.progress import Progress

    if isinstance(source, Dataset):  # loaded already (browse's column check)
        class_display_names(names, source)
        return source
    if progress is not None:
        progress(Progress("load", 0, 1, "starting"))
    dataset = load_dataset(source, text_column=options.text_column, label_column=options.label_column,
                           id_column=options.id_column, encoding=options.encoding, label_sep=options.label_sep)
    class_display_names(names, dataset)
    if progress is not None:
        progress(Progress("load", 1, 1, "done"))
    return dataset
