"""Checks on a data path before and while it is read: what it is (a missing file, a link loop, a
FIFO, a spreadsheet, a compressed file) and which text encoding it is likely in. One readable line
each (engine/load.py raises them)."""

from __future__ import annotations

import codecs
import json
import re
import shlex
from pathlib import Path

from engine.errors import DataError, UsageError
from engine.formats import format_of, is_saved_dataset, known_suffixes, saved_dataset_part
from engine.paths import shell_word, unpacked_name
from engine.stream_paths import stream_problem


#: A text with what a CSV holds (quotes, separators, line breaks) that a text encoding writes and reads back.
_PROBE = 'text,label\r\n"a b";\t0\n'


def check_encoding(encoding: str) -> None:
    """A UsageError unless ``encoding`` names a text encoding: 'rot13', 'base64', 'zlib' are codecs
    Python knows but not for text files ('internal error: LookupError: 'rot13' is not a text
    encoding', exit 70), and 'undefined' encodes nothing."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"--encoding {encoding}: unknown encoding (try utf-8 or latin-1)") from None
    try:
        usable = getattr(info, "_is_text_encoding", True) and codecs.decode(codecs.encode(_PROBE, encoding),
                                                                             encoding) == _PROBE
    except (UnicodeError, TypeError, ValueError, LookupError):
        usable = False
    if not usable:
        raise UsageError(f"--encoding {encoding}: not a text encoding that a data file can be in (a codec such as "
                         "rot13 or base64 transforms data); give the file's character encoding, e.g. utf-8 or "
                         "latin-1")


def folder_problem(path: Path) -> str:
    """The line for a folder that is no saved datasets folder: one of data files names some (the
    data folder of train.csv and test.csv), one of Parquet parts (Spark's part-*.parquet, a hive
    ``key=value`` partitioned or Dask output) is told how to make the one file textaudit reads."""
    files = sorted(p for pattern in ("*", "*/*") for p in path.glob(pattern) if p.is_file() and format_of(p))
    if not files:
        return f"{path}: is a directory, not a data file or a saved datasets folder"
    parts = all(format_of(p) == "parquet" and (p.name.startswith("part-") or "=" in p.parent.name) for p in files)
    if parts:  # a key=value folder holds a column (often the label) that no part file has
        one = "" if any("=" in p.parent.name for p in files) else " or give one part"
        join = (f"import pyarrow.parquet as pq; pq.write_table(pq.read_table({json.dumps(str(path), ensure_ascii=False)}), "
                f"{json.dumps(joined_name(path.name, path.parent), ensure_ascii=False)})")  # a quote or $: one command
        return (f"{path}: is a directory of {len(files)} Parquet parts (a Spark, Dask or partitioned output), not one "
                f"data file; join them first (python -c {shlex.quote(join)}){one}")
    named = ", ".join(str(p.relative_to(path)) for p in files[:4]) + (", ..." if len(files) > 4 else "")
    return f"{path}: is a directory, not a data file; give one of its data files ({named})"


def joined_name(folder: str, beside: Path) -> str:
    """The file the parts of ``folder`` are joined into: ``<folder>.parquet``, a data suffix replaced; Spark's ``x.parquet``
    folder gets ``x.joined.parquet``, not ``x.parquet.parquet``; a name past 255 bytes is cut (engine.paths.fitting_name);
    never a file of the current folder or ``beside`` (the folder's parent): it wrote over an out.parquet (diff39)."""
    from engine.formats import strip_data_suffix
    from engine.paths import fitting_name

    stem, n = strip_data_suffix(folder) or folder, 1
    name = fitting_name(stem, ".parquet")
    name = fitting_name(stem, ".joined.parquet") if name.lower() == folder.lower() else name
    while Path(name).exists() or (beside / name).exists():
        n += 1
        name = fitting_name(stem, f".joined-{n}.parquet")
    return name


def check_source(source: str | Path, *, encoding: str = "utf-8", demo_hint: bool = True) -> str | None:
    """The checks a data path gets before it is read, cheap enough for ``browse`` to run before
    its app starts (a missing file was said inside the TUI): the format (``'hf'`` for a saved
    datasets folder, None for ``hf:NAME``), or a one-line DataError / UsageError. ``demo_hint``:
    a missing 'demo' names the bundled demo's file (``export`` says its own, with the journal)."""
    source_str = str(source)
    if source_str.startswith("hf:"):
        return None
    check_encoding(encoding)
    path = Path(source_str).expanduser()
    if stream := stream_problem(source_str, path):  # /dev/stdin, /dev/fd/N: 'rename it to .csv' (review35)
        raise UsageError(stream)
    if not path.exists():
        from engine.demo import missing_demo_hint

        hub = "; a Hugging Face dataset is hf:NAME, in lower case" if source_str[:3].lower() == "hf:" else ""
        demo = missing_demo_hint(path) if demo_hint else ""
        raise DataError(f"{source_str}: {_why_missing(path)}{hub}{demo}")  # 'HF:imdb' (review35)
    if path.is_dir():
        if not is_saved_dataset(path):
            raise DataError(folder_problem(path))
        return "hf"
    if not path.is_file():  # st_size 0: it was 'the file is empty'; reading a FIFO would block
        raise DataError(f"{source_str}: not a regular file (a named pipe, device or socket); "
                        "save the data to a file first")
    if (part := saved_dataset_part(path)) is not None:  # its folder is what textaudit reads
        raise UsageError(f"{source_str}: is {part}, not a data file; give its folder: {path.parent}")
    kind = format_of(path)
    if kind is None and path.suffix.lower() in _COMPRESSED:
        inner = format_of(path.with_suffix(""))
        raise UsageError(f"{source_str}: a compressed {inner or 'data'} file ({path.suffix}); "
                         f"decompress it first ({_COMPRESSED[path.suffix.lower()]} {shell_word(path.name)})")
    if kind is None and path.suffix.lower() in _SPREADSHEETS:
        raise UsageError(f"{source_str}: a spreadsheet ({path.suffix}), which textaudit does not read; "
                         "save the sheet as CSV (UTF-8) and audit that")
    if kind is None:
        known = known_suffixes()
        raise UsageError(
            f"{source_str}: unknown file type {path.suffix or '(none)'!r}; "
            f"use {known}, a saved datasets folder or hf:NAME{_looks_like(path)}"
        )
    return kind


def wide_bom(head: bytes) -> str | None:
    """'utf-32' or 'utf-16' when ``head`` starts with that encoding's BOM (either byte order; a
    UTF-32 little-endian BOM starts with UTF-16's, so it is looked for first), else None."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def bom_misread(head: bytes, encoding: str) -> str | None:
    """What to say of a file starting with a UTF-16/32 byte order mark (``head``: its first bytes) that
    ``encoding`` reads otherwise, or None: Excel's UTF-16 'Unicode Text' read with --encoding latin-1 or
    cp1252 was 'a binary file (NUL bytes in the header)', a UTF-32 file read with utf-16 'cannot parse as
    csv: UTF-16 stream does not start with BOM'. UTF-8 is left to its decode error, which names the fix."""
    order = next((name for name, bom in _WIDE_BOMS if head.startswith(bom)), None)
    name = codecs.lookup(encoding).name
    if order is None or name in (order, order[:6], "utf-8", "utf-8-sig"):  # utf-16/-32 read either order
        return None
    return (f"starts with a {order[:6].upper()} byte order mark ({order}) but is read as {encoding}; "
            f"pass --encoding {order[:6]}")


def bom_missing(path: Path, head: bytes, encoding: str) -> str | None:
    """What to say of a file without a byte order mark read with --encoding utf-16 or utf-32 (``head``: its
    first bytes), which read the byte order from it, or None: Python's 'cannot parse as csv: UTF-16 stream
    does not start with BOM' was all a UTF-8 file read so was told."""
    name = codecs.lookup(encoding).name
    if name not in ("utf-16", "utf-32") or wide_bom(head):
        return None
    with path.open("rb") as handle:
        sample = handle.read(4096)
    if len(sample) >= 8 and not sample[1::4].strip(b"\0") and not sample[2::4].strip(b"\0"):  # ASCII in UTF-32
        fix = f"it looks like UTF-32 text: pass --encoding utf-32-{'be' if sample[3] else 'le'}"
    elif wide := _utf16_without_bom(sample):
        fix = f"it looks like UTF-16 text: pass --encoding {wide}"
    else:
        fix = encoding_fix(path)
    return f"--encoding {encoding} reads the byte order from a byte order mark, and the file has none; {fix}"


#: Each UTF-16/32 byte order mark by its codec; UTF-32-LE's starts with UTF-16-LE's, so it comes first.
_WIDE_BOMS = (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
              ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE))


def _looks_like(path: Path) -> str:
    """A hint for a text file of another extension (Excel's 'Unicode Text' .txt, a .dat): what its
    first line looks like, or ''."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return ""
    codec = wide_bom(head) or ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8")
    line = head.decode(codec, "replace").lstrip("\ufeff").split("\n", 1)[0]
    if "\0" in line or not line.strip() or _mostly_not_text(line):
        return ""
    encoding = f" --encoding {codec}" if codec in ("utf-16", "utf-32") else ""
    if line.lstrip().startswith(("{", "[")):
        return f"{LOOKS_LIKE_JSON}: rename it to .jsonl or .json{encoding and ', with' + encoding})"
    if "\t" in line:
        return f" (its first line is tab-separated: rename it to .tsv{encoding and ', and pass' + encoding})"
    if "," in line:
        return f" (its first line is comma-separated: rename it to .csv{encoding and ', and pass' + encoding})"
    return ""


def _mostly_not_text(line: str) -> bool:
    """``line`` (decoded with replacement) is mostly bytes no text holds: undecodable (U+FFFD) or control
    characters other than whitespace, in a fifth or more of its other characters. Random bytes are so
    (review33: a binary file whose first 'line' held a tab was told 'rename it to .tsv'); a Latin-1 line read
    as UTF-8 has a replacement only where it has an accent."""
    chars = [c for c in line if c not in " \t\r\f\v"]
    odd = sum(c == "\ufffd" or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in chars)
    return bool(chars) and odd * 5 >= len(chars)


#: Leading bytes of what a data file may be under another extension, and what to do with it.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data: decompress it first (gunzip -c NAME > data{ext})"),
    (b"BZh", "bzip2-compressed data: decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz-compressed data: decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data: decompress it first (unzstd)"),
    (b"\xd0\xcf\x11\xe0", "an Excel workbook (.xls): save the sheet as CSV (UTF-8) and audit that"),
    (b"PAR1", "a Parquet file: rename it to .parquet"),
)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``head`` reads as mostly ASCII UTF-16 with no BOM: a NUL as
    every second byte (of the first 512 bytes, at least 9 in 10); else None."""
    sample = head[:512] if len(head) % 2 == 0 else head[:min(512, len(head) - 1)]
    if len(sample) < 8 or wide_bom(head):
        return None
    odd, even = sample[1::2], sample[0::2]
    for nuls, chars, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= 0.9 * len(nuls) and chars.count(0) <= 0.1 * len(chars):
            return name
    return None


#: how ``other_content``'s hint for JSON (Lines) under a .csv/.tsv name starts (engine/table_read matches it)
LOOKS_LIKE_JSON = " (it looks like JSON"


def other_content(path: Path, kind: str) -> str:
    """A hint for a file whose bytes are another format than its extension says (a gzip or an
    Excel workbook named .csv, a CSV named .parquet or .jsonl, JSON Lines named .csv), as
    ' (it is ...: FIX)'; '' when nothing says so."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return ""
    for magic, what in _MAGIC:
        if head.startswith(magic) and not (magic == b"PAR1" and kind == "parquet"):
            out = shell_word(unpacked_name(path, "." + kind))  # quoted: 'my data.csv' read 'my' (diff38)
            return f" (it is {what.replace('NAME', shell_word(path.name)).replace('data{ext}', out)})"
    if (wide := _utf16_without_bom(head)) is not None:  # 't\0e\0x\0t\0': text, two bytes a character
        return f" (it looks like UTF-16 text without a BOM: pass --encoding {wide})"
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head or b"[Content_Types].xml" in head:
            return " (it is an Excel workbook (.xlsx) under another name: save the sheet as CSV (UTF-8) and audit that)"
        return f" (it is a zip archive: unzip it first (unzip {shell_word(path.name)}))"
    looks = _looks_like(path)
    said = {"csv": "comma-separated", "tsv": "tab-separated", "json": "JSON", "jsonl": "JSON"}.get(kind)
    return "" if not looks or (said and said in looks) else looks


def _why_missing(path: Path) -> str:
    """Why a path that does not exist does not: a link loop and a dangling link are named."""
    import errno
    import os

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (too many levels of symbolic links)"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
    return "no such file or directory"


#: Spreadsheets: textaudit reads their CSV export.
_SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".ods", ".numbers")

#: Compressed files and the command that unpacks each.
_COMPRESSED = {".gz": "gunzip", ".bz2": "bunzip2", ".xz": "unxz", ".zst": "unzstd", ".zip": "unzip"}


def likely_encoding(path: Path, at: int = 0) -> str | None:
    """The codec to suggest for a file the given encoding cannot read: UTF-16/32 by its BOM;
    UTF-8 when it is UTF-8 (``--encoding ascii`` on a UTF-8 file was told to try latin-1, which
    reads it garbled); cp1252 when it holds bytes 0x80-0x9F that cp1252 reads as letters or
    punctuation (latin-1 would read them as invisible control characters, silently); else latin-1.
    ``at``: the offset of the first byte the given encoding could not read. Past the first 4 MiB, the
    4 MiB around it are judged: a UTF-8 file with one Latin-1 byte further on was told 'not valid
    utf-8 ...; pass --encoding utf-8', its first 4 MiB being UTF-8. None for words of a non-Latin script's
    code page, which the bytes cannot name (:data:`SCRIPT_PAGES`: the candidates); it returned that phrase,
    which a caller passing it on to a codec would have failed on."""
    return _likely(path, at)[0]


def encoding_fix(path: Path, at: int = 0) -> str:
    """What the line for a file its encoding cannot read tells to do: pass the likely encoding
    (:func:`likely_encoding`), or, for a UTF-8 file with a stray byte in another encoding (a line pasted
    from a Latin-1 file), fix that byte: 'pass --encoding latin-1' read every other non-ASCII character
    of the file garbled ('café' as 'cafÃ©'), without a word."""
    encoding, data = _likely(path, at)
    if encoding is None:  # a non-Latin script's code page: which one, the bytes cannot say
        return f"pass --encoding {SCRIPT_PAGES} or the file's real encoding"
    if not encoding.startswith("utf-") and mostly_utf8(data):
        return ("the rest of the file is UTF-8, so that byte is likely a stray one (text pasted from a file in "
                "another encoding): fix it there (--encoding latin-1 would read the file's other non-ASCII "
                "characters garbled, é as 'Ã©')")
    return f"pass --encoding {encoding} or the file's real encoding"


def _likely(path: Path, at: int) -> tuple[str | None, bytes]:
    """:func:`likely_encoding` and the bytes it judged."""
    with path.open("rb") as handle:
        data = handle.read(1 << 22)
        if wide := wide_bom(data):
            return wide, data
        if at > len(data) - 4 and len(data) == 1 << 22:
            start = max(0, at - (1 << 21))
            handle.seek(start)
            data = handle.read(1 << 22)
            cut = 0  # a UTF-8 character the seek cut: its continuation bytes (0x80-0xBF) dropped
            while start and cut < 3 and cut < len(data) and 0x80 <= data[cut] < 0xC0:
                cut += 1
            data = data[cut:]
    if _is_utf8(data):
        return "utf-8", data
    if east_asian := east_asian_encoding(data):
        return east_asian, data
    if not mostly_utf8(data) and in_script_words(data):
        return None, data
    if re.search(rb"[\x80-\x9f]", data):
        try:
            data.decode("cp1252")
            return "cp1252", data
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:  # not just a character cut by the 4 MiB read
                return "latin-1", data
            return "cp1252", data
    return "latin-1", data


def mostly_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 text but for a few stray bytes: at least 10 multi-byte UTF-8 characters,
    and at most a tenth as many undecodable bytes as bytes above 0x7F (Latin-1 or cp1252 text seldom spells a
    UTF-8 character: 'Ã' then '©')."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    text = data.decode("utf-8", "replace")
    stray = text.count("\ufffd")
    return len(text) - (len(data) - high) - stray >= 10 and stray <= 0.1 * high


#: Characters frequent in any text of the language, in each double-byte encoding's reading: text in another
#: encoding reads as other characters, these rarely among them. Japanese is told by its kana.
_MARKERS = {"cp949": "이의다는에을하고가지를로한기서요", "gb18030": "的是不了在人有我这个们中来上大为和国说",
            "big5": "的是不了在人有我這個們中來上大為和國說"}
_DOUBLE_BYTE_RUN = re.compile(rb"[\x80-\xff]{2,}")
_HIGH_BYTES = bytes(range(0x80, 0x100))


def east_asian_encoding(data: bytes) -> str | None:
    """The encoding of ``data`` (a file's first 4 MiB, not UTF-8) when it is Japanese, Chinese or Korean text in a
    double-byte encoding: 'cp932' for Shift-JIS (its kana), 'gb18030', 'big5' or 'cp949' by their commonest
    characters; None where the sample does not tell, or its bytes above 0x7F mostly stand alone (Latin-1).
    Such a file was told to pass --encoding latin-1, which reads anything: the audit then ran on mojibake
    without a word (a Shift-JIS review file: 60 rows audited, 3 'outliers')."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < 8 or sum(len(run) for run in _DOUBLE_BYTE_RUN.findall(data)) < 0.5 * high:
        return None
    read = {}
    for encoding in ("cp932", "cp949", "gb18030", "big5"):
        try:
            read[encoding] = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 1 and len(data) == 1 << 22:  # a character cut by the 4 MiB read
                read[encoding] = data[:exc.start].decode(encoding)
    if not read:
        return None
    if "cp932" in read and len(re.findall("[\u3041-\u30fa]", read["cp932"])) >= 0.05 * (high / 2):
        return "cp932"
    hits = {encoding: sum(text.count(char) for char in _MARKERS[encoding]) for encoding, text in read.items()
            if encoding in _MARKERS}
    best = max(hits, key=hits.get, default=None)
    if best is not None and hits[best] >= max(3, 0.02 * (high / 2)) and list(hits.values()).count(hits[best]) == 1:
        return best
    return None


#: What a file of words in a non-Latin single-byte code page is told to pass: its bytes alone cannot say
#: which script (Hebrew read as cp1253 is Greek letters, Russian as cp1255 Hebrew ones).
SCRIPT_PAGES = "cp1251 (Cyrillic), cp1253 (Greek), cp1255 (Hebrew), cp1256 (Arabic) or cp874 (Thai), as its script is,"


_WORD_RUN = re.compile(rb"[\x80-\xff]{3,}")
_LATIN_PAGES = frozenset(codecs.lookup(e).name for e in ("latin-1", "cp1252", "iso8859-15", "mac-roman", "cp1250"))


def in_script_words(data: bytes) -> bool:
    """True for text (``data``, neither UTF-8 nor a double-byte encoding) whose bytes above 0x7F come in
    words (runs of 3 or more), as Cyrillic, Greek, Hebrew, Arabic or Thai words in a code page do
    (:data:`SCRIPT_PAGES` names them); False where they stand alone or in pairs, in Latin words (Latin-1, cp1252). Such a file was told 'pass --encoding latin-1',
    which reads Russian as 'ïðèâåò', and the audit ran on that without a word."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < 8 or sum(len(run) for run in _WORD_RUN.findall(data)) < 0.7 * high:
        return False  # (Portuguese 'ação', 'ções': two accented letters side by side, no more)
    return True


def first_undecodable(path: Path, encoding: str) -> tuple[int, int, int] | None:
    """The file offset and the value of the first byte ``encoding`` cannot decode, and its line (from 1),
    or None. The UnicodeDecodeError of pandas' CSV reader, which decodes in chunks, counts from its
    chunk: a file with one Latin-1 byte at offset 738,904 was said to have it 'at offset 214616'."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = lines = 0  # bytes fed to the decoder before this chunk; line breaks decoded so far
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(1 << 20)
            try:
                lines += decoder.decode(chunk, final=not chunk).count("\n")
            except UnicodeDecodeError as exc:
                held = min(max(len(exc.object) - len(chunk), 0), offset)  # bytes kept from the chunk before
                before = bytes(exc.object[:exc.start]).decode(encoding, errors="replace")
                return offset - held + exc.start, exc.object[exc.start], lines + before.count("\n") + 1
            if not chunk:
                return None
            offset += len(chunk)


def _is_utf8(data: bytes) -> bool:
    """True when ``data`` (a file's first 4 MiB) is UTF-8, a character cut at its end aside."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


#: Single-byte encodings that read any bytes: a UTF-8 file read with one is garbled, silently.
_SINGLE_BYTE = ("latin-1", "iso8859-1", "cp1252", "iso8859-15", "cp1250", "cp1251", "mac-roman")


#: Double-byte codecs by the one :func:`east_asian_encoding` names for their texts.
_DOUBLE_BYTE_FAMILY = {"cp932": "cp932", "shift_jis": "cp932", "shift_jis_2004": "cp932", "shift_jisx0213": "cp932",
                       "gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "big5": "big5", "cp950": "big5",
                       "big5hkscs": "big5", "cp949": "cp949", "euc_kr": "cp949"}


def utf8_read_as_single_byte(path: Path, encoding: str) -> tuple[str, ...]:
    """A note when a file with non-ASCII bytes that is valid UTF-8 is read with a single-byte
    ``--encoding`` (é would be read as 'Ã©', and an export would keep the garbled text), or a double-byte
    one (--encoding gbk decodes UTF-8 too, as other characters); or, not UTF-8, looks like another
    encoding's text (:func:`mostly_utf8`, :func:`east_asian_encoding`)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return ()
    family = _DOUBLE_BYTE_FAMILY.get(name.replace("-", "_"))
    if family is None and name not in {codecs.lookup(e).name for e in _SINGLE_BYTE}:
        return ()
    with path.open("rb") as handle:
        data = handle.read(1 << 22)
    if data.isascii():
        return ()
    if family is not None and not _is_utf8(data):  # GBK text read as big5 decodes, as other characters: said too
        east_asian = east_asian_encoding(data)
        return (f"{path.name} looks like {east_asian} text but is read as {encoding}: its characters are likely "
                f"garbled; pass --encoding {east_asian}",) if east_asian not in (None, family) else ()
    if not _is_utf8(data):
        if mostly_utf8(data):
            _, _, line = first_undecodable(path, "utf-8") or (0, 0, 0)
            return (f"{path.name} is UTF-8 but for a few stray bytes (the first on line {line}) and is read as {encoding}: "
                    f"its non-ASCII characters are likely garbled (é read as 'Ã©'); fix the stray bytes and leave out "
                    "--encoding",)
        if east_asian := east_asian_encoding(data):
            return (f"{path.name} looks like {east_asian} text (Japanese, Chinese or Korean) but is read as {encoding}: "
                    f"its characters are garbled; pass --encoding {east_asian}",)
        if name in _LATIN_PAGES and in_script_words(data):
            return (f"{path.name} holds words of bytes above 0x7F, as a non-Latin script's code page does, but is read "
                    f"as {encoding}, a Latin one: its words are likely garbled; pass --encoding {SCRIPT_PAGES[:-1]}",)
        return ()
    garbled = codecs.decode("é".encode(), encoding, "replace")  # 'Ã©' in latin-1, '茅' in gbk
    return (f"{path.name} is valid UTF-8 but is read as {encoding}: its non-ASCII characters are "
            f"likely garbled (é read as {garbled!r}); leave out --encoding to read it as UTF-8",)


def looks_binary(path: Path) -> bool:
    """True when the file's first 8 KiB hold a NUL byte (no text encoding we read has one), or are
    ``control_heavy``."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    return (b"\0" in head or control_heavy(head)) and not wide_bom(head)


#: Control bytes no text file holds in numbers (not NUL, which UTF-16/32 text has; not tab, line breaks or ESC).
_CONTROL = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])


def control_heavy(head: bytes) -> bool:
    """``head`` (a file's first bytes) is not text in any encoding textaudit reads: not UTF-8, and one byte in
    twenty or more is a control character (random bytes: one in ten), with no UTF-16 shape (a byte repeated
    on every other position). Random bytes with no NUL were told 'not valid utf-8 ...; pass --encoding
    latin-1', which then read them as a CSV to be renamed .tsv (review33)."""
    if len(head) < 16 or wide_bom(head) or head.translate(None, _CONTROL) == head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return False
    except UnicodeDecodeError:
        pass
    if (len(head) - len(head.translate(None, _CONTROL))) * 20 < len(head):
        return False
    return not any(max(map(half.count, set(half))) * 2 >= len(half) for half in (head[0::2], head[1::2]))
