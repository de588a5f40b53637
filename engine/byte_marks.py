"""What a file's first bytes say of its text: a UTF-16/32 byte order mark, UTF-16 without one, or
bytes no text holds (NUL, control characters). engine/source_checks and engine/text_encoding word the lines."""

from __future__ import annotations

import codecs
from pathlib import Path


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


#: Each UTF-16/32 byte order mark by its codec; UTF-32-LE's starts with UTF-16-LE's, so it comes first.
_WIDE_BOMS = (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
              ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE))


def utf16_without_bom(head: bytes) -> str | None:
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
