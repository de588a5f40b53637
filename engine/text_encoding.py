"""Which text encoding a data file is likely in, and the lines for one read with the wrong one: the
--encoding name checked, the likely codec guessed (UTF-8, cp1252, a double-byte or non-Latin code page),
the first undecodable byte found, a UTF-8 file read as a single-byte encoding noted."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from engine.byte_marks import utf16_without_bom, wide_bom
from engine.errors import UsageError
from engine.paths import shell_word


#: A text with what a CSV holds (quotes, separators, line breaks) that a text encoding writes and reads back.
_PROBE = 'text,label\r\n"a b";\t0\n'
#: Codecs whose round trip passes the probe but that are no file's encoding: they read a CSV's bytes as other
#: text. 'raw_unicode_escape' read a text's '\u00e9' as 'é' and a UTF-8 '£' as 'Â£' without a note, and an export
#: with an empty journal wrote that row back as the byte e9 (the file changed); 'unicode_escape' split a row at a
#: text's '\n' ('1 row has an empty label' of a good file); idna and punycode encode domain names.
_NOT_FILE_CODECS = {
    "unicode-escape": "reads the file's backslash escapes, such as \\n or \\u00e9, as the characters they name",
    "raw-unicode-escape": "reads the file's \\u escapes as the characters they name",
    "idna": "encodes domain names", "punycode": "encodes domain names",
}


def check_encoding(encoding: str) -> None:
    """A UsageError unless ``encoding`` names a text encoding: 'rot13', 'base64', 'zlib' are codecs
    Python knows but not for text files ('internal error: LookupError: 'rot13' is not a text
    encoding', exit 70), and 'undefined' encodes nothing. Python's escape codecs read a file's
    backslashes as escapes, and its domain-name codecs are no file's (``_NOT_FILE_CODECS``)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"--encoding {encoding}: unknown encoding (try utf-8 or latin-1)") from None
    try:
        usable = getattr(info, "_is_text_encoding", True) and codecs.decode(codecs.encode(_PROBE, encoding),
                                                                             encoding) == _PROBE
    except (UnicodeError, TypeError, ValueError, LookupError):
        usable = False
    if info.name in _NOT_FILE_CODECS:
        raise UsageError(f"--encoding {encoding}: not a text encoding that a data file can be in ({info.name} "
                         f"{_NOT_FILE_CODECS[info.name]}); give the file's character encoding, e.g. utf-8 or latin-1")
    if not usable:
        raise UsageError(f"--encoding {encoding}: not a text encoding that a data file can be in (a codec such as "
                         "rot13 or base64 transforms data); give the file's character encoding, e.g. utf-8 or "
                         "latin-1")


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
    elif wide := utf16_without_bom(sample):
        fix = f"it looks like UTF-16 text: pass --encoding {wide}"
    else:
        fix = encoding_fix(path)
    return f"--encoding {encoding} reads the byte order from a byte order mark, and the file has none; {fix}"


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


def cut_off_line(path: Path, encoding: str, at: int, line: int) -> str | None:
    """The line for a file that ends in the middle of a character, or None: ``at`` (from
    :func:`first_undecodable`, so every byte before it decodes) starts the last 1-3 bytes, which begin a
    character the file never finishes: a download or copy cut off. It was told 'pass --encoding utf-8
    or the file's real encoding', the encoding it was read with (or, UTF-16 without a BOM, 'it looks
    like UTF-16 text without a BOM: pass --encoding utf-16-le' under utf-16-le)."""
    try:
        size = path.stat().st_size
        if not 0 < size - at < 4:
            return None
        with path.open("rb") as handle:
            handle.seek(at)
            tail = handle.read()
        codecs.getincrementaldecoder(encoding)().decode(tail, final=False)  # raises where it is no character's start
    except (OSError, UnicodeError, LookupError):
        return None
    which = f"last {len(tail)} bytes ({tail.hex(' ')}, line {line}) are" if len(tail) > 1 else \
        f"last byte ({tail.hex()}, line {line}) is"
    return (f"ends in the middle of a character: its {which} the start of a {encoding} character that the file never "
            "finishes; the file looks cut off (an interrupted download or copy): get the whole file again"
            + _whole_single_byte(path, encoding, at, tail))


def _whole_single_byte(path: Path, encoding: str, at: int, tail: bytes) -> str:
    """'; or, if it is whole, ...' where every byte before the UTF-8 tail is ASCII: then the tail may as well be
    a single-byte encoding's letters at the end of a whole file ('Jos\\xe9', Latin-1, no final line break), which
    'get the whole file again' alone left with no way on (diff40)."""
    if codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig"):
        return ""
    try:
        with path.open("rb") as handle:
            while (left := at - handle.tell()) > 0:
                if not (chunk := handle.read(min(left, 1 << 20))) or not chunk.isascii():
                    return ""
    except OSError:
        return ""
    return (f"; or, if the file is whole and in a single-byte encoding (no byte before {'them' if len(tail) > 1 else 'it'}"
            f" is beyond ASCII): pass --encoding latin-1 (it reads {tail.decode('latin-1')!r}) or the file's real "
            "encoding")


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
        return (f"{shell_word(path.name)} looks like {east_asian} text but is read as {encoding}: its characters are likely "
                f"garbled; pass --encoding {east_asian}",) if east_asian not in (None, family) else ()
    if not _is_utf8(data):
        if mostly_utf8(data):
            _, _, line = first_undecodable(path, "utf-8") or (0, 0, 0)
            return (f"{shell_word(path.name)} is UTF-8 but for a few stray bytes (the first on line {line}) and is read as {encoding}: "
                    f"its non-ASCII characters are likely garbled (é read as 'Ã©'); fix the stray bytes and leave out "
                    "--encoding",)
        if east_asian := east_asian_encoding(data):
            return (f"{shell_word(path.name)} looks like {east_asian} text (Japanese, Chinese or Korean) but is read as {encoding}: "
                    f"its characters are garbled; pass --encoding {east_asian}",)
        if name in _LATIN_PAGES and in_script_words(data):
            return (f"{shell_word(path.name)} holds words of bytes above 0x7F, as a non-Latin script's code page does, but is read "
                    f"as {encoding}, a Latin one: its words are likely garbled; pass --encoding {SCRIPT_PAGES[:-1]}",)
        return ()
    garbled = codecs.decode("é".encode(), encoding, "replace")  # 'Ã©' in latin-1, '茅' in gbk
    return (f"{shell_word(path.name)} is valid UTF-8 but is read as {encoding}: its non-ASCII characters are "
            f"likely garbled (é read as {garbled!r}); leave out --encoding to read it as UTF-8",)
