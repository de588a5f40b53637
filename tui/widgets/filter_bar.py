"""The filter line of a row screen and the little query language it accepts.

    refund card            rows whose text contains both words (case-insensitive)
    re:^how\\b             regex on the text
    given:card  g:card     given label contains "card"
    suggested:pin  s:pin   suggested label contains "pin"
    "exact phrase"         quoted words stay together
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

import numpy as np
from textual.binding import Binding
from textual.widgets import Input

FILTER_HELP = 'words · re:REGEX · given:LABEL (g:) · suggested:LABEL (s:) · "a phrase"'


@dataclass
class FilterSpec:
    """A parsed filter; ``error`` is set (and nothing filtered) when the query is invalid."""

    words: list[str] = field(default_factory=list)
    regex: re.Pattern | None = None
    given: str | None = None
    suggested: str | None = None
    error: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.regex or self.given or self.suggested)

    def label_set(self, fragment: str, class_names: list[str]) -> np.ndarray:
        fragment = fragment.lower()
        exact = [i for i, name in enumerate(class_names) if name.lower() == fragment]
        return np.asarray(exact or [i for i, name in enumerate(class_names) if fragment in name.lower()])

    def mask(self, texts: np.ndarray, given: np.ndarray, suggested: np.ndarray, class_names: list[str]) -> np.ndarray:
        """Boolean mask over the entries described by the three aligned arrays."""
        import pandas as pd

        keep = np.ones(len(texts), dtype=bool)
        if self.given:
            keep &= np.isin(given, self.label_set(self.given, class_names))
        if self.suggested:
            keep &= np.isin(suggested, self.label_set(self.suggested, class_names))
        if (self.words or self.regex) and keep.any():
            candidates = np.flatnonzero(keep)
            series = pd.Series(texts[candidates], dtype=object).fillna("").astype(str)
            hit = np.ones(len(candidates), dtype=bool)
            for word in self.words:
                hit &= series.str.contains(word, case=False, regex=False).to_numpy(dtype=bool)
            if self.regex is not None:
                hit &= series.str.contains(self.regex, regex=True).to_numpy(dtype=bool)
            keep[candidates[~hit]] = False
        return keep


def parse_filter(query: str) -> FilterSpec:
    """Parse the filter line; a bad regex or quote gives a spec with ``error`` set."""
    spec = FilterSpec()
    try:
        lexer = shlex.shlex(query, posix=True)
        lexer.whitespace_split = True
        lexer.escape = ""  # keep regex backslashes as typed
        tokens = list(lexer)
    except ValueError as exc:
        return FilterSpec(error=f"filter: {exc}")
    for token in tokens:
        key, _, value = token.partition(":")
        key = key.lower()
        if value and key in ("re", "regex"):
            try:
                spec.regex = re.compile(value, re.IGNORECASE)
            except re.error as exc:
                return FilterSpec(error=f"filter: bad regex {value!r}: {exc}")
        elif value and key in ("given", "g"):
            spec.given = value
        elif value and key in ("suggested", "s", "sugg", "pred"):
            spec.suggested = value
        else:
            spec.words.append(token)
    return spec


class FilterBar(Input):
    """The filter input; escape leaves it (keeping the filter), ctrl+u clears it."""

    BINDINGS = [Binding("escape", "leave", "Back to list", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter: " + FILTER_HELP, id=id)

    def action_leave(self) -> None:
        lists = self.screen.query("RowList")
        if lists:
            lists.first().focus()
