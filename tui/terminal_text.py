"""How the TUI draws a text: control characters made visible (never sent to the terminal raw), a one-line
list cell, the detail pane's lines, a score, a quoted class name."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

from engine.wording import BIDI_CONTROLS


#: Control characters drawn as visible symbols (ESC as ␛), never sent to the terminal raw:
#: a text holding an escape sequence must not be able to move the cursor or recolour the screen.
CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
CONTROL_PICTURES.update({0x09: " ", 0x0A: " ", 0x0D: " ", 0x7F: "\u2421"})
CONTROL_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
#: A file name's C1 bytes, read from the command line as surrogate escapes (``\udc9b``), drawn so too: stderr
#: (where Textual draws) writes surrogate escapes back as their bytes, and 0x9b is CSI on an 8-bit terminal
#: (a data file named 'b<0x9b>2J.csv' in the title; tui/cli.shell_safe does the same; review37).
CONTROL_PICTURES.update({0xDC00 + code: "\ufffd" for code in range(0x80, 0xA0)})
CONTROL_PICTURES.update({0x85: " ", 0x2028: " ", 0x2029: " "})  # NEL, line and paragraph separators
#: Bidi embeddings, overrides and isolates are named, not sent (engine.wording.BIDI_CONTROLS): the label
#: columns beside a text would be reordered with them. The marks LRM, RLM and ALM, common in
#: right-to-left text, stay.
CONTROL_PICTURES.update({code: f"\u27e8{name}\u27e9" for code, name in BIDI_CONTROLS.items()})
#: Line breaks the detail pane draws as line breaks (a CRLF is one); every other control as above.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


#: Characters whose width Rich (Textual's measure of every cell) and terminals count differently, dropped where a
#: text is drawn (the data and the export keep them; the filter matches without them, data_safe): Rich counts the character after
#: any zero-width joiner as nothing ('x\u200dy' 1 cell, a ZWJ emoji family 2), an emoji variation selector as
#: widening a narrow symbol ('❤\ufe0f' 2) and a skin-tone modifier as 0; tmux 3.3 and xterm draw 'x\u200dy' in
#: 2 cells, '❤\ufe0f' in 1 and '👍🏽' in 4, so the columns after such a text moved, the line ran past the
#: screen's edge and a scroll bar was left behind (hostile41). Without them every terminal and Rich agree:
#: '👨👩👧' 6 cells, '❤' 1, '👍' 2. A lone surrogate (a JSON text's "\ud800" escape) is one cell to Rich, but the
#: app's stderr writes it as the six characters '\ud800', or as its byte (U+DC80-DCFF: two of them can make
#: one 'é'): each is drawn as U+FFFD, as the C1 escapes are (CONTROL_PICTURES).
_CELL_DISPUTED: dict[int, str | None] = dict.fromkeys([0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)])
_CELL_DISPUTED.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))
_CELL_DISPUTED_AT = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\ud800-\udfff]")


def cell_plain(text: str) -> str:
    """``text`` without the characters a terminal and Rich measure differently (``_CELL_DISPUTED``; a lone
    surrogate as U+FFFD), and with U+FFFD for each one newer than the terminal's tables (``newer_held``)."""
    if text.isascii():
        return text
    return newer_held(text.translate(_CELL_DISPUTED) if _CELL_DISPUTED_AT.search(text) else text)


#: Characters in runs of assigned ones the pattern of ``_newer`` passes over: the emoji most texts hold (😀 🤣 🇦),
#: CJK Extension B, the private use planes. A character class of many ranges past U+FFFF is tried range by range
#: (4 microseconds a character); a few ranges, and the rest checked by bisection, keep an emoji text's cost small.
_COMMON_RUNS_OF = (0x1F600, 0x1F923, 0x1F1E6, 0x20000, 0xF0000, 0x100000)


_PAST_BMP = re.compile("[\U00010000-\U0010ffff]")


@cache
def _newer() -> tuple[re.Pattern[str], re.Pattern[str], list[int], list[int]]:
    """Patterns finding the characters ``newer_held`` holds in the Basic Multilingual Plane and the candidates past it
    (outside ``_COMMON_RUNS_OF``' runs), and the (first, last) code points of those past it."""
    from tui.unicode_baseline import disputed_ranges

    ranges = disputed_ranges()
    bmp = "".join(f"\\u{first:04x}-\\u{min(last, 0xFFFF):04x}" for first, last in ranges if first <= 0xFFFF)
    astral = [(max(first, 0x10000), last) for first, last in ranges if last > 0xFFFF]
    runs = [(astral[i][1] + 1, astral[i + 1][0] - 1) for i in range(len(astral) - 1)]
    common = sorted(run for run in runs if any(run[0] <= code <= run[1] for code in _COMMON_RUNS_OF))
    edges = [0x10000 - 1, *(code for run in common for code in run), 0x10FFFF + 1]
    rest = "".join(f"\\U{edges[i] + 1:08x}-\\U{edges[i + 1] - 1:08x}" for i in range(0, len(edges), 2)
                   if edges[i] + 1 <= edges[i + 1] - 1)
    return re.compile(f"[{bmp}]"), re.compile(f"[{rest}]"), [first for first, _ in astral], [last for _, last in astral]


def _held(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    _, _, firsts, lasts = _newer()
    at = bisect_right(firsts, code) - 1
    return "\ufffd" if at >= 0 and code <= lasts[at] else char


def newer_held(text: str) -> str:
    """``text`` with U+FFFD (one cell to Rich and every terminal) for each character a terminal with Unicode 14.0's
    tables and Rich count differently (tui/unicode_baseline.py): tmux 3.3a on glibc 2.36 drew the Unicode 15 emoji
    🫨 and 🩷 in 0 cells, Rich in 2, and a row holding one had its columns moved left (hostile41)."""
    if text.isascii():
        return text
    bmp, astral, _, _ = _newer()
    if bmp.search(text):
        text = bmp.sub("\ufffd", text)
    if _PAST_BMP.search(text) and astral.search(text):  # a text of CJK or Latin letters: no second pass
        text = astral.sub(_held, text)
    return text


def data_safe(value: Any) -> Any:
    """A data value (a text, an id) as the app keeps it to draw, filter and sort: :func:`terminal_safe` of
    :func:`cell_plain` (defined below). A lone surrogate (a JSON text's "\\ud800" escape) is U+FFFD: Arrow, which
    holds the texts the filter and the text sort read (tui/text_index.py), takes only UTF-8, and any filter or
    text sort of such a dataset ended in 'filter/sort failed: UnicodeEncodeError ... surrogates not allowed'
    (hostile41). The filter drops the same characters from what is typed (TextIndex.contains), so a text
    copied from the screen ('I ❤ this', drawn without its variation selector) finds its row."""
    return terminal_safe(cell_plain(value) if isinstance(value, str) else value)


#: ``_CELL_DISPUTED`` but for the surrogates: a file name's undecodable bytes reach terminal_safe as surrogate
#: escapes that the app's stderr writes back as those bytes (U+DC80-DC9F are drawn as U+FFFD above).
_WIDTH_DISPUTED = {code: None for code, picture in _CELL_DISPUTED.items() if picture is None}
_WIDTH_DISPUTED_AT = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def terminal_safe(value: Any) -> Any:
    """``value`` with control characters made visible (bidi overrides as ``⟨RLO⟩``) and without the characters
    Rich and terminals measure differently (``_WIDTH_DISPUTED``: a title bar naming '❤\ufe0f.csv', a note naming
    a class '👍🏽'); zero-width spaces and non-joiners, right-to-left letters and emoji kept as they are."""
    if not isinstance(value, str):
        return value
    if _WIDTH_DISPUTED_AT.search(value):
        value = value.translate(_WIDTH_DISPUTED)
    value = newer_held(value)  # a file name or a class '🫨' (Unicode 15): U+FFFD, as in the texts
    if not value.isprintable():
        return value.replace("\r\n", "\n").translate(CONTROL_PICTURES)  # a CRLF: one space
    return value


def format_score(value: float) -> str:
    """A score as every screen draws it: three decimals, or scientific notation for tiny scores
    (``4.4e-04``, never ``0.000`` beside a list that says otherwise; 7 cells at most)."""
    return f"{value:.1e}" if 0 < value < 0.001 else f"{value:.3f}"


def quoted(shown: str) -> str:
    """A drawn class name in quotes for a sentence: ``'card'``; a name ``drawn_name`` quoted
    already is not quoted twice (``'card '``, not ``''card ''``)."""
    return shown if shown[:1] in ("'", '"') else f"'{shown}'"


#: Characters of a text a one-line list looks at: wider than any terminal, bounded for 1 MB texts.
LIST_CHARS = 2_000


def list_text(text: str) -> str:
    """A (terminal-safe) text as a one-line list draws it: each run of spaces one space, none at
    either end, so a text that starts with 50,000 line breaks shows its words, not a blank cell."""
    return " ".join(cell_plain(str(text).lstrip()[:LIST_CHARS]).split())


def list_cell(text: str) -> str:
    """A text as a row list's Text cell draws it: ``list_text``, or '∅ (empty text)' where that is
    blank (the bulk preview left the cell blank beside the list's '∅ (empty text)', walk31)."""
    return list_text(text) or "∅ (empty text)"


#: A run of at least this many line breaks (blank or space-only lines between them) is drawn in
#: the detail pane as one line saying how many, so the words after it are on screen.
BLANK_RUN_BREAKS = 5
_BLANK_RUN = re.compile(r"(?:[ \t]*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])){%d,}" % BLANK_RUN_BREAKS)


def terminal_safe_lines(text: str) -> str:
    """``text`` for a multi-line pane: each line break (LF, CRLF, CR, U+2028 ...) one ``\\n``,
    every other control character made visible as :func:`terminal_safe` does (``cell_plain``)."""
    return "\n".join(terminal_safe(cell_plain(line)) for line in _LINE_BREAKS.split(str(text)))


def pane_text(text: str, limit: int) -> str:
    """A text for the detail pane: its line breaks kept (a run of ``BLANK_RUN_BREAKS`` or more as one line saying
    how many), controls made visible, cut to ``limit`` characters with a note of how many more the data holds."""
    parts: list[str] = []
    used = size = 0  # characters of the text consumed / drawn
    for run in _BLANK_RUN.finditer(text):
        take = text[used:min(run.start(), used + limit - size)]
        parts.append(terminal_safe_lines(take))
        size, used = size + len(take), used + len(take)
        if used < run.start() or size >= limit:
            break
        breaks = len(_LINE_BREAKS.findall(run.group()))
        parts.append(("\n" if run.start() else "") + f"⋮ {breaks:,} line breaks" + ("\n" if run.end() < len(text) else ""))
        used = run.end()
    if used < len(text) and size < limit:
        take = text[used:used + limit - size]
        parts.append(terminal_safe_lines(take))
        used += len(take)
    shown = "".join(parts)
    if used < len(text):
        shown += f"… [{len(text) - used:,} more characters not shown; the data keeps them]"
    return shown
