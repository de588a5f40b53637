"""Which columns hold the texts and the labels when the user did not say.

``text`` and ``label`` are taken when the data has them. Without one, a column is guessed only
when the choice is unambiguous: exactly one remaining column whose name (case, spaces and
dashes aside) is a well-known name for that role, and whose values fit it. Two candidates, a
candidate that is already the other role's column or the id column, a label candidate holding
fractional numbers or a distinct value in every row, a text candidate holding no text: no
guess, one line saying why and which option chooses. A guess is said in a note
(:func:`guess_note`) that the CLI prints on stderr and the app shows in its summary.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from engine.errors import UsageError
from engine.paths import shell_word

DEFAULT_TEXT = "text"
DEFAULT_LABEL = "label"
#: Column names that mean "the label" (compared by :func:`name_key`).
LABEL_NAMES = frozenset({
    "label", "labels", "category", "categories", "class", "classes", "intent", "intents", "target",
    "topic", "topics", "sentiment", "emotion", "polarity", "stance", "tag", "tags", "genre", "y",
})
#: A name whose first or last word is one of these is label-like too (coarse_label, label_text, class_id).
LABEL_WORDS = frozenset({"label", "labels", "class", "category", "intent"})
#: Column names that mean "the text".
TEXT_NAMES = frozenset({
    "text", "texts", "sentence", "sentences", "content", "body", "document", "doc_text", "review",
    "utterance", "query", "question", "message", "tweet", "comment", "description", "title",
    "headline", "abstract", "passage", "prompt", "post", "summary", "x",
})
TEXT_WORDS = frozenset({"text", "sentence"})
_GUESSED = re.compile(r"^(text|label) column: .* \(guessed; --(text|label)-column to choose\)$")


def name_key(name: str) -> str:
    """``' Coarse-Label '`` -> ``'coarse_label'``: how a column name is compared with the lists."""
    return re.sub(r"[\s\-.]+", "_", str(name).strip().casefold()).strip("_")


def _name_fits(name: str, names: frozenset[str], words: frozenset[str]) -> bool:
    key = name_key(name)
    parts = key.split("_")
    return key in names or (len(parts) > 1 and (parts[0] in words or parts[-1] in words))


def guess_note(role: str, column: str) -> str:
    """The one line that says a column was guessed (CLI stderr, report notes, app summary); a
    name with surrounding spaces or unprintable characters is quoted (``' label'``)."""
    shown = column if column.isprintable() and column == column.strip() and column else repr(column)
    return f"{role} column: {shown} (guessed; --{role}-column to choose)"


def guess_notes(notes: Sequence[str]) -> list[str]:
    """The notes among ``notes`` that say a column was guessed."""
    return [note for note in notes if _GUESSED.match(note)]


def check_column(frame: pd.DataFrame, column: str, role: str, option: str, join: Sequence[str] = (),
                 exclude: Sequence[str | None] = ()) -> None:
    """Raise the one-line 'no <role> column' error unless ``frame`` has ``column``. ``exclude``:
    the columns other options took (never offered for a join)."""
    if column in frame.columns:
        return
    columns = [str(c) for c in frame.columns]
    free = [c for c in columns if c not in exclude]  # never the column another option took
    same = _same_name(column, free) or (_joined_by_mistake(column, free) if role == "text" else None)
    close = [same] if same else difflib.get_close_matches(column, free, n=1, cutoff=0.5)
    hint = f"did you mean {_offered(close[0])}? " if close else ""
    if not close and role == "label":  # '--label-column intent' beside 'label': say which one looks it
        named = [c for c in free if _name_fits(c, LABEL_NAMES, LABEL_WORDS)]
        hint = f"{named[0]!r} looks like the label column; " if len(named) == 1 else ""
    texts = [c for c in free if _name_fits(c, TEXT_NAMES, TEXT_WORDS)]  # not id+text
    joined = "" if close else _join_hint(role, texts, option, join)
    raise UsageError(f"no {role} column {column!r} (columns: {_listed(columns)}); {hint}"
                     f"choose one with {option}{joined}")


def _offered(column: str) -> str:
    """A column offered by "did you mean", in quotes and spelled as the column list shows it: a
    decomposed 'cafe\\u0301' offered for a typed 'café' was drawn as 'café', the very name refused."""
    from engine.wording import shown_name

    shown = shown_name(column)
    return _cut(shown if shown != column else repr(column))


def _listed(columns: Sequence[str]) -> str:
    """The column names of an error line, each shown as a class name is (an invisible or bidi
    character escaped, an empty name or one holding ', ' quoted), as its "did you mean" shows them."""
    from engine.wording import shown_name

    # a name is cut and a long header listed in part: a 200,000-character name (a text line taken for
    # the header) or a file of 100,000 columns made the one error line as long
    shown = [_cut(shown_name(c, joined=True)) for c in columns[:_MOST_LISTED]]
    more = len(columns) - len(shown)
    return ", ".join(shown) + (f", ... ({more:,} more)" if more > 0 else "")


_MOST_LISTED = 30  # column names an error line lists
_LONGEST = 60  # characters of a name an error line shows


def _cut(shown: str) -> str:
    """``shown`` (a name as an error line draws it) cut to ``_LONGEST`` characters, its quotes kept."""
    if len(shown) <= _LONGEST:
        return shown
    quote = shown[0] if len(shown) > 1 and shown[0] in "'\"" and shown[-1] == shown[0] else ""
    return shown[:_LONGEST - 1 - len(quote)] + "\u2026" + quote


def _joined_by_mistake(column: str, columns: Sequence[str]) -> str | None:
    """'title+description' for 'title,description' or 'title description' (each part a column):
    the join the user meant, where difflib offered 'description' alone."""
    parts = [part for part in re.split(r"[\s,;|&]+", column) if part]
    if len(parts) > 1 and len(set(parts)) == len(parts) and all(part in columns for part in parts):
        return "+".join(parts)
    return None


def _same_name(column: str, columns: Sequence[str]) -> str | None:
    """The column named as ``column`` but for case, spaces and dashes ('TEXT' for 'text'): the
    likeliest meant one, before a close spelling ('text_len'). A near name is hint enough: no join
    is offered beside it (it offered 'LABEL+text_len' for 'text' beside 'TEXT')."""
    return next((c for c in columns if c != column and name_key(c) == name_key(column)), None)


def _join_hint(role: str, columns: list[str], option: str, join: Sequence[str]) -> str:
    """For texts spread over columns (title + body): how to audit them together."""
    if role != "text":
        return ""
    parts = list(join) if len(join) >= 2 else columns[-2:] if len(columns) >= 2 else []
    return f" (or join several: {option} {shell_word('+'.join(parts))})" if parts else ""


def _not_classes(values: pd.Series) -> str | None:
    """Why a label-like column certainly holds no classes (none, or fractional numbers), else None."""
    present = values.dropna()
    if len(present) == 0:
        return "every value is missing"
    if pd.api.types.is_float_dtype(present.dtype):
        floats = present.to_numpy(dtype=np.float64)
        if not np.all(np.isfinite(floats) & (floats == np.round(floats))):
            return "it holds fractional numbers (a score, not a class)"
    return None


def _label_misfit(values: pd.Series) -> str | None:
    """Why a lone label-like column's values are not labels, or None when they may be."""
    if reason := _not_classes(values):
        return reason
    present = values.dropna()
    try:
        distinct = present.nunique()
    except TypeError:  # lists (multi-label sets): compare them as text
        distinct = present.map(repr).nunique()
    if len(values) >= 3 and distinct == len(values):
        return "every row has a different value (an id or free text, not a class)"
    return None


def _text_misfit(values: pd.Series) -> str | None:
    """Why a text-like column's values are not texts, or None when they may be."""
    if not any(isinstance(v, str) for v in values.dropna().iloc[:1000].tolist()):  # not the whole column as a list
        return "it holds no text"
    return None


def _nested_columns(frame: pd.DataFrame) -> str:
    """'column 'data' holds nested objects (keys text, meta)' for columns of JSON objects, else ''."""
    found = []
    sample = frame.iloc[:1000]
    # a column of strings (a CSV's) holds no object: a 50,000-column CSV took 13 s here (review38)
    for column in sample.columns[(sample.dtypes == object).to_numpy()] if len(sample) else ():
        first = next((v for v in sample[column].tolist() if v is not None), None)
        if isinstance(first, dict):
            keys = ", ".join(map(str, list(first)[:5]))
            found.append(f"column {column!r} holds nested objects (keys {keys})")
    return "; ".join(found[:3])


def guess_column(frame: pd.DataFrame, role: str, exclude: Sequence[str]) -> tuple[str, str]:
    """The lone column of ``frame`` that fits ``role`` ('text' or 'label') and its note;
    raise the one-line ``UsageError`` naming the candidates when there is not exactly one."""
    default, option = (DEFAULT_TEXT, "--text-column") if role == "text" else (DEFAULT_LABEL, "--label-column")
    names, words, misfit = ((TEXT_NAMES, TEXT_WORDS, _text_misfit) if role == "text"
                            else (LABEL_NAMES, LABEL_WORDS, _label_misfit))
    named = [c for c in frame.columns if c not in exclude and _name_fits(c, names, words)]
    # a candidate that certainly is no label column (a score) does not make the choice ambiguous;
    # one that merely looks unlikely (a distinct value per row: fine classes on a small sample) does
    certain = _not_classes if role == "label" else misfit
    reasons = {c: certain(frame[c]) for c in named}
    fitting = [c for c in named if reasons[c] is None]
    if len(fitting) == 1:
        reasons[fitting[0]] = misfit(frame[fitting[0]])
        if reasons[fitting[0]] is None:
            return fitting[0], guess_note(role, fitting[0])
        fitting = []
    columns = [str(c) for c in frame.columns]
    if len(fitting) > 1:
        shown = ", ".join(repr(c) for c in fitting)
        if same := _same_name(default, fitting):  # 'TEXT' beside 'text_len': not a join of the two
            why, joined = f"did you mean {_offered(same)}? ", ""
        elif role == "text":  # title + description: joining them is often what the user wants
            why, joined = "", _join_hint(role, columns, option, fitting)
        else:
            why, joined = f"{shown} could each be it; ", ""
        raise UsageError(f"no {role} column {default!r} (columns: {_listed(columns)}); {why}"
                         f"choose one with {option}{joined}")
    if named:  # name candidates, none of whose values fit
        shown = "; ".join(f"{c!r} is not taken: {reasons[c]}" for c in named)
        raise UsageError(f"no {role} column {default!r} (columns: {_listed(columns)}); {shown}; "
                         f"choose one with {option}")
    nested = _nested_columns(frame)
    if nested and default not in frame.columns:  # Label Studio / API exports: {"data": {"text": ...}}
        raise UsageError(f"no {role} column {default!r} (columns: {_listed(columns)}); {nested}: flatten "
                         f"them first (pandas.json_normalize, then save as .jsonl) and choose with {option}")
    if default in frame.columns:  # there, but given as another role ('--label-column text')
        others = "--label-column / --id-column" if role == "text" else "--text-column / --id-column"
        raise UsageError(f"column {default!r} is already given with {others}, and no other column looks like "
                         f"the {role} (columns: {_listed(columns)}); choose the {role} column with {option}")
    check_column(frame, default, role, option)
    raise AssertionError("unreachable: check_column raises for a missing column")


def resolve_columns(
    frame: pd.DataFrame, text_column: str | None, label_column: str | None, id_column: str | None,
) -> tuple[str, str, list[str]]:
    """The text column (or ``A+B`` spec), the label column and the notes of any guess.

    ``None`` means "not given": ``text``/``label`` when the data has it, else :func:`guess_column`.
    A given name is returned as it is (the caller checks that it exists)."""
    from engine.load import text_column_parts

    notes: list[str] = []
    taken = [c for c in (label_column, id_column) if c is not None]
    if text_column is None:
        if DEFAULT_TEXT in frame.columns and DEFAULT_TEXT not in taken:
            text_column = DEFAULT_TEXT
        else:
            text_column, note = guess_column(frame, "text", taken)
            notes.append(note)
    parts = text_column_parts(frame, text_column)
    if label_column is None:
        taken = [*parts, *([id_column] if id_column is not None else [])]
        if DEFAULT_LABEL in frame.columns and DEFAULT_LABEL not in taken:
            label_column = DEFAULT_LABEL
        else:
            label_column, note = guess_column(frame, "label", taken)
            notes.append(note)
    if label_column in parts:
        raise UsageError(f"column {label_column!r} cannot be both the text and the label; "
                         "choose others with --text-column / --label-column")
    if id_column is not None and id_column == label_column:  # a relabel would rewrite the row's id
        raise UsageError(f"column {label_column!r} cannot be both the id and the label; "
                         "choose others with --id-column / --label-column")
    return text_column, label_column, notes


def misread_bom_hint(message: str, columns: list[str], encoding: str) -> str:
    """For a column error ``message`` naming the first column: a ' (...)' hint when that name starts
    with a UTF-8 byte order mark as a single-byte ``--encoding`` reads it ('ï»¿text' in latin-1),
    which was offered as the column meant ("did you mean 'ï»¿text'?"); '' otherwise."""
    try:
        misread = codecs.BOM_UTF8.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return ""
    if not columns or misread == "\ufeff" or not str(columns[0]).startswith(misread) or misread not in message:
        return ""
    return (f" (the first column name starts with {misread!r}, a UTF-8 byte order mark read as {encoding}: the file "
            "is likely UTF-8; leave out --encoding, and the mark is handled)")
