"""Characters a text file spells otherwise than Python's codec writes them, so an export in the
file's own encoding writes them back as the file had them.

A few codecs give one character several byte spellings: cp932 (Windows' Shift-JIS, Excel's
Japanese CSV) reads the surname kanji '髙' from fb fc (its IBM extension code) and from ee e0
(NEC-selected), '≒' from 81 e0 and 87 90, and Python writes each one way only (ee e0, 81 e0);
398 of cp932's two-byte codes, and some of big5's, cp950's and johab's, are such second spellings.
A file written by another tool may use either, and decoding it and encoding the export changed the
bytes of rows no decision touched (every '髙橋' spelled fb fc), where README promises a file read
with ``--encoding`` back byte for byte. :func:`file_spellings`
finds, per character, the spelling the file uses; the export's encoder writes those characters so
(engine/writers.py). UTF-8, UTF-16/32 and the single-byte codecs (Latin-1, cp1252, ...) have one
spelling per character, so their files are not read again.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

#: Codecs whose strict decoding is one-to-one: an export encodes what they decoded to the same bytes.
_ONE_SPELLING = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                           "utf-32-be", "ascii", "latin-1", "iso8859-1"})


def file_spellings(path: str | Path, encoding: str) -> tuple[dict[str, bytes], int] | None:
    """``({character: the bytes the file spells it with}, occurrences spelled otherwise)`` for the
    characters the file at ``path`` spells otherwise than ``encoding`` encodes them; None where it
    spells every character as the codec does (or cannot be split into lines to tell). A character the
    file spells in two ways is given its most frequent spelling, the others counted."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name in _ONE_SPELLING or _single_byte(name) or name.startswith("iso2022") or name in ("hz", "utf-7"):
        return None  # (ISO-2022, HZ and UTF-7 carry a state between characters: not spelled one by one)
    try:
        raw = Path(path).expanduser().read_bytes()
        decoded = codecs.decode(raw, encoding)
        encoded = codecs.encode(decoded, encoding)
        if encoded == raw or codecs.encode("\n", encoding) != b"\n":
            return None
        seen: dict[str, Counter] = defaultdict(Counter)
        own_bytes: dict[str, bytes] = {}
        lines, own = raw.split(b"\n"), encoded.split(b"\n")  # a line break byte is never part of a character here
        aligned = len(own) == len(lines)
        for line, own_line in zip(lines, own if aligned else lines):
            if line != own_line or not aligned:
                _spell_out(line, encoding, seen, own_bytes)
        spellings, respelled = {}, 0
        for char, counts in seen.items():
            own = codecs.encode(char, encoding)
            counts[own] = decoded.count(char) - sum(counts.values())  # the codec's own spelling, elsewhere
            best, _ = counts.most_common(1)[0]
            respelled += decoded.count(char) - counts[best]
            if best != own:
                spellings[char] = best
        if spellings and not respelled and spelling_encoder(
                spellings, lambda text: codecs.encode(text, encoding))(decoded) != raw:
            return None  # not spelled character by character after all
    except (OSError, UnicodeError, ValueError):
        return None
    return (spellings, respelled) if spellings else None


@lru_cache(maxsize=None)
def _single_byte(name: str) -> bool:
    """True for a codec reading each byte as one character, each its own (cp1252, mac-roman, koi8-r: every
    one of Python's): decoding it is one-to-one, so its files are not read again."""
    try:
        chars = [codecs.decode(bytes([byte]), name, "replace") for byte in range(256)]
        whole = codecs.decode(bytes(range(256)), name, "replace")
    except (LookupError, ValueError, TypeError):
        return False
    defined = [char for char in chars if char != "\ufffd"]
    return (whole == "".join(chars) and all(len(char) == 1 for char in chars) and len(defined) > 128  # (bytes above
            and len(set(defined)) == len(defined))  # 0x7F of their own: UTF-8's are no characters alone)


def _spell_out(line: bytes, encoding: str, seen: dict[str, Counter], own: dict[str, bytes]) -> None:
    """Count, into ``seen``, the spelling of each character of ``line`` its codec would write otherwise
    (``own``: each character's own bytes, filled as met)."""
    at = 0
    for char in codecs.decode(line, encoding):
        spelled = own.get(char)
        if spelled is None:
            spelled = own[char] = codecs.encode(char, encoding)
        if line.startswith(spelled, at):
            at += len(spelled)
            continue
        for size in range(1, 5):  # the bytes the file spells it with
            try:
                if codecs.decode(line[at:at + size], encoding) == char:
                    break
            except UnicodeError:
                continue
        else:
            raise ValueError("not spelled character by character")
        seen[char][line[at:at + size]] += 1
        at += size


def spelling_encoder(spellings: dict[str, bytes] | None,
                     encode: Callable[[str], bytes]) -> Callable[[str], bytes]:
    """``encode`` (one incremental encoder's, of a codec without state between characters) writing
    the characters of ``spellings`` with their bytes."""
    if not spellings:
        return encode
    pattern = re.compile("[" + "".join(re.escape(char) for char in spellings) + "]")

    def encoded(text: str) -> bytes:
        parts, at = [], 0
        for match in pattern.finditer(text):
            parts.append(encode(text[at:match.start()]))
            parts.append(spellings[match.group()])
            at = match.end()
        parts.append(encode(text[at:]))
        return b"".join(parts)

    return encoded
