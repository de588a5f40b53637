"""Reading a data source into a DataFrame and how it was written (its ``SourceStyle``): a CSV/TSV,
JSON Lines, JSON or Parquet file, a saved ``datasets`` folder, or ``hf:NAME[:SPLIT]``. Every
failure is one line (engine/errors.DataError) that says what the bytes are where they are not
what the extension says. engine/load.py builds the dataset from the frame."""

from __future__ import annotations

import codecs
import dataclasses
import re
from pathlib import Path

import pandas as pd

from engine.errors import DataError, TextauditError
from engine.formats import SourceStyle, is_saved_dataset
from engine.paths import shell_word
from engine.hub import read_hub
from engine.byte_marks import bom_misread, control_heavy, looks_binary
from engine.csv_lines import backslash_comma_hint, unclosed_quote_line
from engine.source_checks import check_source, LOOKS_LIKE_JSON, other_content
from engine.text_encoding import (
    bom_missing, check_encoding, cut_off_line, encoding_fix, first_undecodable, utf8_read_as_single_byte,
)

def read_table(source: str | Path, *, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a file, a saved ``datasets`` folder or ``hf:NAME[:SPLIT]`` into a DataFrame."""
    return read_table_styled(source, encoding=encoding)[0]


def _binary_line(source: str, path: Path, kind: str, why: str, encoding: str) -> str:
    """The line for a file that holds NUL bytes: what it is where its bytes say (UTF-16 text
    without a BOM is text, not binary), else 'looks like a binary file'."""
    hint = other_content(path, kind)
    if hint.startswith(" (it looks like UTF-16"):
        return f"{source}: not {kind} text in {encoding}{hint}"
    return f"{source}: looks like a binary file{why}, not {kind} text{hint}"


_MORE_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _parquet_cut(path: Path) -> bool:
    """True for a file that begins with Parquet's magic bytes and does not end with them: its end cut off."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            handle.seek(max(0, path.stat().st_size - 4))
            return head == b"PAR1" and handle.read(4) != b"PAR1"
    except OSError:
        return False


def _unclosed_quote(path: Path, encoding: str) -> int | None:
    """The line where a CSV's unclosed quoted field opens (engine/csv_lines.unclosed_quote_line), or None."""
    try:
        return unclosed_quote_line(codecs.decode(path.read_bytes(), encoding))
    except (OSError, UnicodeError, LookupError):
        return None


def read_table_styled(source: str | Path, *, encoding: str = "utf-8") -> tuple[pd.DataFrame, SourceStyle | None]:
    """:func:`read_table`, plus how the file was written."""
    source_str = str(source)
    if source_str.startswith("hf:"):
        check_encoding(encoding)  # ('bogus' was a LookupError, exit 70, once passed on)
        try:
            return read_hub(source_str[3:], encoding)
        except TextauditError as exc:  # 'hf:x.csv' a file here: read as a hub name, 'cannot reach the hub'
            if not Path(source_str).exists():
                raise
            raise type(exc)(f"{exc.message}; a file named {shell_word(source_str)} is here: give it as {shell_word('./' + source_str)}") from None
    kind = check_source(source_str, encoding=encoding)
    path = Path(source_str).expanduser()
    said = shell_word(source_str)  # the file in its messages: one word to paste into a shell
    if kind == "hf":
        return _unused_encoding(*_read_saved_dataset(path), encoding, "a saved datasets folder")
    misread = None  # a byte order mark's line: says all (no other_content hint below)
    try:
        before = path.stat()
        if kind != "parquet":
            with path.open("rb") as handle:
                head = handle.read(8192)
            if misread := bom_misread(head, encoding) or bom_missing(path, head, encoding):
                raise DataError(f"{said}: {misread}")
            if control_heavy(head) and not _wide(encoding):  # random bytes: read by a single-byte --encoding,
                raise DataError(_binary_line(said, path, kind, "", encoding))  # they were a CSV to rename
        if kind in ("csv", "tsv"):
            _excel_separator_line(path, encoding, said)
        frame, style = _read_file(path, kind, encoding)
        if kind in ("csv", "tsv") and any("\0" in str(name) for name in frame.columns):  # NUL in a text is data
            raise DataError(_binary_line(said, path, kind, " (NUL bytes in the header)", encoding))
        notes = style.notes + (utf8_read_as_single_byte(path, encoding) if kind != "parquet" else ())
        style = dataclasses.replace(style, stat=(before.st_size, before.st_mtime_ns), notes=notes)
        return _unused_encoding(frame, style, encoding, "a Parquet file") if kind == "parquet" else (frame, style)
    except PermissionError:
        raise DataError(f"{said}: permission denied") from None
    except UnicodeDecodeError as exc:
        found = first_undecodable(path, encoding)
        if found and (cut := cut_off_line(path, encoding, found[0], found[2])):  # before the binary check: a
            raise DataError(f"{said}: {cut}") from None  # UTF-16 file cut off holds NULs and read well
        if looks_binary(path):
            raise DataError(_binary_line(said, path, kind, "", encoding)) from None
        at, byte, line = found or (exc.start, exc.object[exc.start], 0)
        where = f"at offset {at}" + (f", line {line}" if line else "")
        raise DataError(
            f"{said}: not valid {encoding} (byte 0x{byte:02x} {where}); {encoding_fix(path, at)}"
        ) from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{said}: the file is empty") from None
    except RecursionError:
        raise DataError(f"{said}: nested too deeply to read as {kind}") from None
    except (pd.errors.ParserError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fields = _MORE_FIELDS.search(first_line) if kind in ("csv", "tsv") else None
        if fields:  # pandas' 'Error tokenizing data. C error: Expected 2 fields in line 7, saw 3'
            expected, line, saw = fields.groups()
            if (hint := other_content(path, kind)).startswith(LOOKS_LIKE_JSON):  # JSON Lines as .csv,
                # a comma in a text: that line split into more fields (not a CSV whose comma needs quoting)
                raise DataError(f"{said}: line {line} has {saw} fields where the header has {expected}{hint}"
                                ) from None
            inside = "a comma inside a text must be quoted (\"a, b\")" if kind == "csv" else \
                "a tab inside a text splits it (TSV has no quoting; save the file as .csv)"
            if kind == "csv" and (escaped := backslash_comma_hint(path, encoding, int(line))):  # it was quoted (hostile43)
                inside = escaped
            if int(saw) == int(expected) + 1 and (ended := _ends_empty(path, kind, encoding, int(line))):  # 'hello,a,'
                said = f"{said}: line {line} has {saw} fields where the header has {expected}, the last one empty"
                header, fields = ended
                spaced = next((field for field in fields[1:-1] if field[:1] == " "), None) if kind == "csv" else None
                if spaced is not None:  # 'hello, there,': deleting the comma read the label ' there' (diff38)
                    raise DataError(f"{said}; {spaced!r} starts with a space, as a text's word after a comma does: "
                                    f"{inside} (deleting the comma at the line's end would read {fields[-2]!r} as its "
                                    f"{header[-1] if header else 'last column'!r})") from None
                ending = "a comma" if kind == "csv" else "a tab"
                raise DataError(f"{said}: the line ends with {ending} (delete it), or {inside}") from None
            raise DataError(f"{said}: line {line} has {saw} fields where the header has {expected}: "
                            f"{inside}") from None
        if kind == "parquet" and _parquet_cut(path):  # 'Parquet magic bytes not found in footer. Either the file is
            raise DataError(f"{said}: starts as a Parquet file but does not end as one (its footer, which "  # ...
                            "says where the columns are, is missing): the file looks cut off (an interrupted download "
                            "or copy); get the whole file again") from None  # corrupted or this is not a parquet file.'
        if kind == "csv" and "EOF inside string" in first_line and (line := _unclosed_quote(path, encoding)):
            raise DataError(f"{said}: cannot parse as csv: line {line} opens a quoted field that no quote closes, "
                            "so it runs to the end of the file (a closing quote missing, or the file cut off: an "
                            "interrupted download or copy)") from None  # was pandas' 'EOF inside string ... row 3'
        raise DataError(f"{said}: cannot parse as {kind}: {first_line}{other_content(path, kind)}") from None
    except DataError as exc:  # a reader's own line (JSON's 'not valid JSON on line 1'): a CSV named .jsonl
        if kind in ("json", "jsonl") and misread is None and (hint := other_content(path, kind)) \
                and hint not in exc.message:  # _binary_line's has it: a gzip named .jsonl said it twice
            raise DataError(f"{exc.message}{hint}") from None
        raise
    except OSError as exc:
        raise DataError(f"{said}: {exc.strerror or exc}") from None


def _ends_empty(path: Path, kind: str, encoding: str, line: int) -> tuple[list[str], list[str]] | None:
    """(the header's fields, those of pandas' ``line``) where that line of the file (records counted as its tokenizer
    counts them: blank lines too, a quoted line break inside its record) ends with an empty field: a separator at its
    end. A row of 'text,label' written 'hello,a,' was said to need a comma in its text quoted (review37)."""
    import csv
    from itertools import islice

    options = {"delimiter": ","} if kind == "csv" else {"delimiter": "\t", "quoting": csv.QUOTE_NONE}
    header: list[str] = []
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for number, record in enumerate(islice(csv.reader(handle, **options), line), 1):
                if number == line:
                    return (header, record) if record and record[-1] == "" else None
                header = header or record  # the first line not blank
    except (OSError, UnicodeError, csv.Error):
        pass
    return None


def _wide(encoding: str) -> bool:
    """``encoding`` is UTF-16 or UTF-32, whose text of some scripts is mostly control bytes read one by one."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def _unused_encoding(frame: pd.DataFrame, style: SourceStyle, encoding: str,
                     what: str) -> tuple[pd.DataFrame, SourceStyle]:
    """A note where ``--encoding`` was given for a source that is not text (it was ignored without a word)."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        return frame, style
    note = f"--encoding {encoding} not used: {what} stores its texts as UTF-8 (it applies to CSV/TSV/JSON files)"
    return frame, dataclasses.replace(style, notes=(*style.notes, note))


def _excel_separator_line(path: Path, encoding: str, name: str) -> None:
    """Refuse Excel's ``sep=;`` first line: read as the header, it named the columns 'sep=' and
    'Unnamed: 1', or made every row 'have 3 fields where the header has 2'."""
    with path.open("rb") as handle:
        head = handle.read(64).decode(encoding, errors="ignore").lstrip("\ufeff")
    if (found := re.match(r"sep=.?(?=\r?\n|\Z)", head, re.IGNORECASE)) is not None:
        raise DataError(f"{name}: the first line {found.group(0)!r} is Excel's separator hint, not the header; "
                        "delete that line (the header comes after it)")


def _read_file(path: Path, kind: str, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    from engine import json_readers, readers

    if path.stat().st_size == 0:
        with path.open("rb") as handle:
            if handle.read(1):  # /proc and /sys files report size 0 and hold text, new at every read
                raise DataError(f"{shell_word(str(path))}: its size reads as 0 though it holds bytes (a /proc or /sys file, made "
                                "anew at each read); copy it to a regular file first")
        raise DataError(f"{shell_word(str(path))}: the file is empty")
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):  # any spelling: u8, utf_8, UTF8, cp65001
        encoding = "utf-8-sig"  # a UTF-8 BOM must not end up in the first column name
    if kind in ("csv", "tsv"):
        return readers.read_delimited(path, kind, encoding)
    if kind == "jsonl":
        return json_readers.read_jsonl(path, encoding)
    if kind == "json":
        return json_readers.read_json(path, encoding)
    return readers.read_parquet(path)


#: How the note on a saved ``DatasetDict`` names its splits (:func:`split_note` finds it).
SPLITS = "holds splits"


def split_note(style: SourceStyle | None) -> str | None:
    """The note saying which split of a saved ``DatasetDict`` is read, or None: a column missing from that
    split ('no label column 'label' (columns: text)', where only the test split is labelled) says it too."""
    notes = style.notes if style is not None and style.fmt == "hf" else ()
    return next((note for note in notes if f" {SPLITS} " in note), None)


def _saved_without_rows(path: Path) -> Path | None:
    """The folder (``path`` or one of its splits) whose ``state.json`` lists no data file: a dataset saved with
    0 rows, which ``datasets`` writes but cannot load itself (an IndexError)."""
    import json

    for state in [path / "state.json", *sorted(path.glob("*/state.json"))]:
        try:
            files = json.loads(state.read_text(encoding="utf-8")).get("_data_files")
        except (OSError, ValueError, AttributeError):
            continue
        if files == []:
            return state.parent
    return None


def _read_saved_dataset(path: Path) -> tuple[pd.DataFrame, SourceStyle]:
    from engine.readers import read_saved

    if not is_saved_dataset(path):
        from engine.source_checks import folder_problem

        raise DataError(folder_problem(path))
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except Exception as exc:  # datasets raises many types for a bad folder
        empty = _saved_without_rows(path)
        if empty is not None:  # 'cannot load the saved dataset: list index out of range' (review36)
            where = "" if empty == path else f", so datasets cannot load {shell_word(str(path))}: give another split's folder"
            raise DataError(f"{shell_word(str(empty))}: the saved dataset has no rows{where}") from None
        if isinstance(exc, UnicodeEncodeError) and "surrogates" in str(exc):  # a Latin-1 byte in the name (review37)
            raise DataError(f"{shell_word(str(path))}: datasets cannot open a folder whose path is not UTF-8 (it reads its files by a "
                            "UTF-8 name); rename the folder or the folders above it") from None
        raise DataError(f"{shell_word(str(path))}: cannot load the saved dataset: {exc}") from None
    notes: tuple[str, ...] = ()
    if isinstance(loaded, datasets.DatasetDict):
        split = "train" if "train" in loaded else next(iter(loaded))
        if len(loaded) > 1:
            other = next(name for name in loaded if name != split)  # how to choose: the split's own folder
            notes = (f"{shell_word(str(path))} {SPLITS} {', '.join(loaded)}; using {split!r} (an export writes that split only; "
                     f"for another, give its folder: {path / other})",)
        loaded = loaded[split]
    frame, style = read_saved(loaded)
    return frame, dataclasses.replace(style, notes=notes)
