"""A row screen's title fitted to its bar: shorter words, then the filter part (said whole), then the last parts.

ui28, tmux at 60x20 on the demo: '/given:transfer_money' on the label screen titled it 'Label issues
· 3 of 12 flagged · decided 0/12 · filter…' (the bar's ellipsis at its right edge): the query cut to
nothing, and a 'filtering…' after it, or the 'but row N' of a go-to past the filter, cut with it.
Here the filter part is shortened inside itself (its start and end kept, '…' between) to the room
the other parts leave, or, with too little room for that, reads 'filtered' (the query stands whole
in the filter line below); the parts after it keep their place.

Before that, the parts take shorter words that say the same (SHORTER, one rule at a time, until it
fits); after it, the parts at the end give way whole, '…' in their place: ui28 at 60 columns on the demo,
'Near-duplicates · 14 of 14 sets · decided 0/40 rows · 1 c…' (71 cells for 58, no filter part to
cut) now reads 'Near-duplicates · 14 sets · decided 0/40 · 1 conflict (!)'. Where parts would still
go, LAST_SHORTER and the conflict counts said as one are taken if they save one. The words a test or the
help reads stay the long ones (``title_parts``); only the drawn title is shortened.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

from tui.names import cut_middle

SEPARATOR = " · "
FILTER_PART = re.compile(r"filter: (?P<query>.*?)(?P<tail> but row [\d,]+)?", re.DOTALL)
#: The fewest cells of the query worth showing cut; with less room the part reads 'filtered'.
MIN_QUERY = 10
#: The cells each value of a filter's words keeps before the last parts give way to it: walk43, tmux
#: 80x24 on banking77, confusions -> pair -> * titled 'Label issues · 3 marked · ... · filter: g:d…r s:f…r'.
READABLE_VALUE = 10
#: Shorter words for a part, tried in this order while the title is too wide (each rule on every
#: part it matches, whole): every entry listed needs no 'of'; the near-duplicate screen's rows and
#: conflicts say less around their numbers.
SHORTER: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"(?P<n>[\d,]+) of (?P=n) (?P<what>\S.*)"), r"\g<n> \g<what>"),
    (re.compile(r"decided (?P<count>[\d,]+/[\d,]+) rows"), r"decided \g<count>"),
    (re.compile(r"(?P<n>[\d,]+) conflicting \(!\)"), lambda m: f"{m['n']} conflict{'' if m['n'] == '1' else 's'} (!)"),
    # f: the sets marked ! below ('1 of 1 set' in the singular, c98a88e)
    (re.compile(r"(?P<sets>.+ sets?) \(conflicts only\)"), r"\g<sets> (! only)"),
    # a re-audit's newly flagged rows (R, enter): the column's name said once, where there is room
    (re.compile(r"(?P<name>Newly flagged: .+) \(New = re-audit score\)"), r"\g<name>"),
)
#: Only where it saves a part that would go (it says less): f's sets counted as 'decided 2/40' counts
#: rows. The demo at 60 columns after A, f read 'Near-duplicates · 1 of 14 sets (! only) · decided 2/40
#: · …', its '1 settled' gone (ui29).
LAST_SHORTER = re.compile(r"(?P<n>[\d,]+) of (?P<of>[\d,]+) (?P<sets>sets?) \(! only\)")
#: Two neighbouring parts said as one, likewise: the open and the settled conflicting sets
#: ('1 conflict (!) · 1 settled', 26 cells) as 'settled 1/2 (!)' (15), of the conflicting sets as
#: 'decided 2/77' is of the rows: at 60 columns on banking77 test both counts gave way to one '…'.
CONFLICTS = re.compile(r"(?P<n>[\d,]+) conflict(?:ing|s)? \(!\)")
SETTLED = re.compile(r"(?P<n>[\d,]+) settled")
ELLIPSIS = "…"
#: The filter line's words as typed (split at spaces outside double quotes, tui/widgets/filter_bar.filter_tokens).
QUERY_WORD = re.compile(r'(?:[^\s"\\]|\\.|"(?:[^"\\]|\\.)*"?)+')
#: A word's key ('given:', 're:') where it has one before any quote, and the filter's short form of two.
WORD_KEY = re.compile(r"[A-Za-z~]+:")
SHORT_KEYS = {"given:": "g:", "suggested:": "s:"}


def middle_cut(text: str, width: int) -> str:
    """``text`` within ``width`` cells: its start and end, '…' between (width >= 3)."""
    if cell_len(text) <= width:
        return text
    tail_room = (width - 1) // 3
    head_room = width - 1 - tail_room
    head, tail = "", ""
    for char in text:
        if cell_len(head + char) > head_room:
            break
        head += char
    for char in reversed(text):
        if cell_len(char + tail) > tail_room:
            break
        tail = char + tail
    return f"{head}…{tail}"


def query_cut(query: str, width: int) -> str:
    """``query`` within ``width`` cells, its words told apart: 'given:' and 'suggested:' said as the
    filter's 'g:' and 's:', then each word's value cut in its middle as the tables cut a class name
    (``tui.names.cut_middle``: as much of its end as of its start), its key kept. ui38, tmux at 80x24
    on banking77: the Confusions pair's 'given:contactless_not_working suggested:visa_or_mastercard'
    was titled 'given:contactles…tercard', one cut name. One word, or too little room: ``middle_cut``."""
    if cell_len(query) <= width:
        return query
    words = QUERY_WORD.findall(query)
    if len(words) < 2 or " ".join(words) != query:  # spaced otherwise than one space: cut as it is
        return middle_cut(query, width)
    keys = [WORD_KEY.match(word) for word in words]
    keys = [SHORT_KEYS.get(key.group(), key.group()) if key else "" for key in keys]
    values = [word[len(WORD_KEY.match(word).group()):] if key else word for word, key in zip(words, keys)]
    short = " ".join(key + value for key, value in zip(keys, values))
    if cell_len(short) <= width:
        return short
    room = width - cell_len(" ".join(keys))  # the cells the values share
    if room < 3 * len(values):  # under 'a…b' each
        return middle_cut(query, width)
    shares = [cell_len(value) for value in values]
    while sum(shares) > room:  # the longest value gives a cell at a time
        shares[shares.index(max(shares))] -= 1
    return " ".join(key + cut_middle(value, share) for key, value, share in zip(keys, values, shares))


def filter_part_at(parts: list[str], queries: tuple[str, ...]) -> int | None:
    """Where the part that says the filter ``queries`` (as typed, as drawn) is; a filter's error,
    'filter: bad regex: ...', is not it: its start says what is wrong and stays as it is."""
    for index, part in enumerate(parts):
        match = FILTER_PART.fullmatch(part)
        if match and match.group("query") in queries:
            return index
    return None


def fit_title(parts: list[str], width: int, queries: tuple[str, ...] = (), keep: int = 1) -> str:
    """``parts`` joined by ' · ' within ``width`` cells: the parts take shorter words first (they
    say the same), then the part of the filter ``queries`` gives the room, then the parts at the end
    give way, '…' in their place (never the first ``keep``, the screen's name, the filter's, nor
    work under way, 'sorting…'); ``width`` 0 (not laid out yet): as joined."""
    index = filter_part_at(parts, queries)
    error = index is None and any(part.startswith("filter: ") for part in parts)  # its start says what is wrong
    if width <= 0 or cell_len(SEPARATOR.join(parts)) <= width or error:
        return SEPARATOR.join(parts)
    for pattern, short in SHORTER:
        if cell_len(SEPARATOR.join(parts)) <= width:
            break
        parts = [pattern.sub(short, part) if i != index and pattern.fullmatch(part) else part
                 for i, part in enumerate(parts)]
    fitted, gone = give_way(parts, width, queries, keep)
    if gone:  # parts would go: the last shortenings, where they save one (the fewest gone, then the earliest)
        fewer = [LAST_SHORTER.sub(r"\g<n>/\g<of> \g<sets> (!)", part) if i != index else part
                 for i, part in enumerate(parts)]
        steps = [parts, fewer, merge_conflicts(fewer)]
        fitted = min((give_way(step, width, queries, keep) for step in steps), key=lambda said: said[1])[0]
    return fitted


def give_way(parts: list[str], width: int, queries: tuple[str, ...], keep: int) -> tuple[str, int]:
    """``parts`` within ``width``: the filter's part cut, then the last parts gone ('…' in their
    place; never the first ``keep``, the filter's nor one ending '…'); and how many went."""
    index = filter_part_at(parts, queries)
    fitted = fit_filter(parts, width, index)
    gone = 0
    # the last part that may go, the filter's staying; it goes too while the filter's words are cut unreadably
    while cell_len(SEPARATOR.join(fitted)) > width or cramped(parts, width, index):
        can_go = [i for i, part in enumerate(parts) if i >= keep and i != index and not part.endswith(ELLIPSIS)]
        if not can_go:
            break
        at = can_go[-1]
        beside = {parts[at - 1], parts[at + 1] if at + 1 < len(parts) else ""}
        parts = parts[:at] + ([] if ELLIPSIS in beside else [ELLIPSIS]) + parts[at + 1:]
        gone += 1
        index = filter_part_at(parts, queries)
        fitted = fit_filter(parts, width, index)
    return SEPARATOR.join(fitted), gone


def cramped(parts: list[str], width: int, index: int | None) -> bool:
    """Whether the filter part (at ``index``), keyed words such as a Confusions pair's, would be cut
    to fewer than READABLE_VALUE cells a value in the room the other ``parts`` leave within ``width``."""
    if index is None or cell_len(SEPARATOR.join(parts)) <= width:
        return False
    match = FILTER_PART.fullmatch(parts[index])
    room = width - cell_len(SEPARATOR.join(parts[:index] + [""] + parts[index + 1:]))
    room -= cell_len("filter: ") + cell_len(match.group("tail") or "")
    words = QUERY_WORD.findall(match.group("query"))
    keys = [WORD_KEY.match(word) for word in words]
    if len(words) < 2 or not all(keys):  # one word, or free text: it gives way first (the filter line has it)
        return False
    short_keys = sum(cell_len(SHORT_KEYS.get(key.group(), key.group())) for key in keys)
    values = [cell_len(word) - cell_len(key.group()) for word, key in zip(words, keys)]
    wanted = short_keys + max(0, len(words) - 1) + sum(min(value, READABLE_VALUE) for value in values)
    return room < wanted


def merge_conflicts(parts: list[str]) -> list[str]:
    """``parts`` with a conflicting sets' part and the settled part after it said as one."""
    for at in range(len(parts) - 1):
        first, second = CONFLICTS.fullmatch(parts[at]), SETTLED.fullmatch(parts[at + 1])
        if first and second:
            settled, still = (int(m["n"].replace(",", "")) for m in (second, first))
            return parts[:at] + [f"settled {settled:,}/{settled + still:,} (!)"] + parts[at + 2:]
    return parts


def fit_filter(parts: list[str], width: int, index: int | None) -> list[str]:
    """``parts`` with the filter part (at ``index``) shortened to the room the others leave."""
    if index is None or cell_len(SEPARATOR.join(parts)) <= width:
        return list(parts)
    match = FILTER_PART.fullmatch(parts[index])
    tail = match.group("tail") or ""
    room = width - cell_len(SEPARATOR.join(parts[:index] + [""] + parts[index + 1:]))
    query_room = room - cell_len("filter: ") - cell_len(tail)
    if query_room >= MIN_QUERY:
        part = f"filter: {query_cut(match.group('query'), query_room)}{tail}"
    else:
        part = f"filtered{tail}"
    return parts[:index] + [part] + parts[index + 1:]
