"""A row screen's title fitted to its bar: the filter part gives way first, and says so whole.

ui28, tmux at 60x20 on the demo: '/given:transfer_money' on the label screen titled it 'Label issues
· 3 of 12 flagged · decided 0/12 · filter…' (the bar's ellipsis at its right edge): the query cut to
nothing, and a 'filtering…' after it, or the 'but row N' of a go-to past the filter, cut with it.
Here the filter part is shortened inside itself (its start and end kept, '…' between) to the room
the other parts leave, or, with too little room for that, reads 'filtered' (the query stands whole
in the filter line below); the parts after it keep their place.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

SEPARATOR = " · "
FILTER_PART = re.compile(r"filter: (?P<query>.*?)(?P<tail> but row [\d,]+)?", re.DOTALL)
#: The fewest cells of the query worth showing cut; with less room the part reads 'filtered'.
MIN_QUERY = 10


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


def filter_part_at(parts: list[str], queries: tuple[str, ...]) -> int | None:
    """Where the part that says the filter ``queries`` (as typed, as drawn) is; a filter's error,
    'filter: bad regex: ...', is not it: its start says what is wrong and stays as it is."""
    for index, part in enumerate(parts):
        match = FILTER_PART.fullmatch(part)
        if match and match.group("query") in queries:
            return index
    return None


def fit_title(parts: list[str], width: int, queries: tuple[str, ...] = ()) -> str:
    """``parts`` joined by ' · ' within ``width`` cells where the part of the filter ``queries``
    can give the room; ``width`` 0 (not laid out yet): as joined."""
    text = SEPARATOR.join(parts)
    index = filter_part_at(parts, queries)
    if width <= 0 or cell_len(text) <= width or index is None:
        return text
    match = FILTER_PART.fullmatch(parts[index])
    tail = match.group("tail") or ""
    room = width - cell_len(SEPARATOR.join(parts[:index] + [""] + parts[index + 1:]))
    query_room = room - cell_len("filter: ") - cell_len(tail)
    if query_room >= MIN_QUERY:
        part = f"filter: {middle_cut(match.group('query'), query_room)}{tail}"
    else:
        part = f"filtered{tail}"
    return SEPARATOR.join(parts[:index] + [part] + parts[index + 1:])
