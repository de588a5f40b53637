"""Counts and class names in words, for every message the engine and the app show."""

from __future__ import annotations

import unicodedata


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,200 rows``: the count with its noun in the right number
    (``plural`` when it is not ``noun + 's'``)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage with one decimal, never ``0.0%`` for a part above 0
    (``<0.1%``) nor ``100.0%`` for a part short of the whole (``>99.9%``)."""
    if whole <= 0:
        return "0.0%"
    ratio = part / whole
    if 0 < ratio < 0.0005:
        return "<0.1%"
    if 0.9995 <= ratio < 1:
        return ">99.9%"
    return f"{ratio:.1%}"


#: Verbs whose singular is not the plural + ``s``.
_SINGULAR_VERBS = {"are": "is", "have": "has", "do": "does", "were": "was"}


def agreeing(count: int, verb: str) -> str:
    """``verb`` (given in the plural: ``have``, ``are``, ``do``, ``hold``) as it agrees with
    ``count`` things: ``has``, ``is``, ``does``, ``holds`` for one."""
    return verb if count != 1 else _SINGULAR_VERBS.get(verb, verb + "s")


def counted_verb(count: int, noun: str, verb: str, *, plural: str | None = None) -> str:
    """``1 row has``, ``2 rows have``: ``counted`` and the verb that agrees with it."""
    return f"{counted(count, noun, plural)} {agreeing(count, verb)}"


#: Zero-width joiners are part of words and pictures: Persian and Hindi words are spelled with
#: ZWNJ (U+200C, ``می‌خواهم``), emoji sequences with ZWJ (U+200D, ``👨‍👩‍👧``). Between two visible
#: characters they are drawn as they are; anywhere else they would hide at a name's edge.
_JOINERS = frozenset("\u200c\u200d")
#: Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): drawn by name (``⟨RLO⟩``),
#: never sent, in names as in texts (tui/terminal_text.py): a bidi-aware terminal would reorder the rest of
#: the line with them ("Trojan source").
BIDI_CONTROLS = {0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
                 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"}


def _visible(name: str, i: int) -> bool:
    """Whether ``name[i]`` draws as itself: printable, or a joiner between two printable non-spaces."""
    char = name[i]
    if unicodedata.combining(char):
        base = i - 1
        while base >= 0 and unicodedata.combining(name[base]):
            base -= 1
        if base < 0 or name[base].isspace():
            return False  # marks with no letter to sit on: they draw on whatever is left of the name
    if char.isprintable():
        return True
    if char not in _JOINERS or not 0 < i < len(name) - 1:
        return False
    before, after = name[i - 1], name[i + 1]
    return before.isprintable() and not before.isspace() and after.isprintable() and not after.isspace()


def shown_name(name: object, joined: bool = False) -> str:
    """A class name as every report, message and screen shows it: as it is (Persian, CJK, emoji and joiners
    included), or in quotes where it would look like another name or like nothing: an empty
    name, surrounding whitespace, a quote to start with (so a name spelled ``'x'`` never looks
    like a quoted ``x``), a character that draws as nothing or as a control, or a spelling that
    is not in Unicode's composed form (``'cafe\\u0301'`` beside ``café``; its combining marks
    are escaped). In the quotes
    every printable character is itself, bidi controls are named (``'x⟨RLO⟩y'``, never sent),
    every other invisible or control character is escaped as ``repr`` does (``'a\\tb'``,
    ``'card\\u200b'``). ``joined``: the name is drawn among others joined by ``, `` (a label set),
    so a name holding a comma is quoted too (``exchange_charge, 'fx, currency'``, not three names).
    The data, the journal and the export keep the raw name."""
    name = str(name)
    composed = unicodedata.is_normalized("NFC", name)
    if (name and composed and name == name.strip() and name[0] not in "'\"" and not (joined and "," in name)
            and all(_visible(name, i) for i in range(len(name)))):
        return name
    quote = '"' if "'" in name and '"' not in name else "'"
    parts = []
    for i, char in enumerate(name):
        if char in (quote, "\\"):
            parts.append("\\" + char)
        elif unicodedata.combining(char) and (not composed or not _visible(name, i)):
            # 'cafe\u0301' beside a precomposed 'café'; a mark with no letter to sit on
            parts.append(f"\\u{ord(char):04x}")
        elif _visible(name, i):
            parts.append(char)
        elif ord(char) in BIDI_CONTROLS:
            parts.append(f"\u27e8{BIDI_CONTROLS[ord(char)]}\u27e9")
        else:
            parts.append(repr(char)[1:-1])  # \t, \x1b, \u200b, \ud800
    return quote + "".join(parts) + quote
