"""The filter line of a row screen and the little query language it accepts.

    refund card            rows whose text contains both words (case-insensitive)
    re:^how\\b             regex on the text
    given:card  g:card     given label contains "card"
    suggested:pin  s:pin   suggested label contains "pin"
    s:+pin  s:-pin         label sets: "pin" likely missing / likely wrong (given: and suggested: match any
                           label of the set, or of the suggested set)
    datalab:yes  dl:no     rows Datalab's own label check flags / does not flag (its verdict, beside
                           textaudit's: on the label screen, f then datalab:yes lists every row it flags)
    "exact phrase"         quoted words stay together, as literal text ("re:" finds 're:'); \" is a
                           quote; an apostrophe is a letter (can't)
    ~some text             (on enter) the rows nearest in meaning to "some text"
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import regex
from textual.binding import Binding
from textual.widgets import Input

from engine.label_names import same_value
from tui.terminal_text import cell_plain
from tui.text_index import Check, never_cancelled
from tui.view import AuditView
from tui.widgets.safe_input import SafeInput

FILTER_HELP = ('words · re:REGEX · given:LABEL (g:) · suggested:LABEL (s:) · "a phrase" · ~text (rows like it)'
               " · datalab:yes/no (Datalab's own label flag)")
#: The placeholders, longest first: the bar shows the longest that fits whole (closing quote included).
FILTER_HINTS = ("filter: " + FILTER_HELP,
                'filter: words · re:REGEX · given:LABEL (g:) · suggested:LABEL (s:) · "a phrase" · ~text (rows like it)',
                'filter: words · "a phrase" · re:REGEX · given:LABEL · suggested:LABEL',
                'filter: words · "a phrase" · re:REGEX · g:LABEL · s:LABEL',
                "filter (? lists the syntax)")


@dataclass
class FilterSpec:
    """A parsed filter; ``error`` is set (and nothing filtered) when the query is invalid."""

    words: list[str] = field(default_factory=list)
    regex: regex.Pattern | None = None  # the regex module: Python's syntax, a match that can time out
    given: str | None = None
    suggested: str | None = None
    datalab: bool | None = None  # Datalab's own label flag: True flagged, False not
    error: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.regex or self.given or self.suggested or self.datalab is not None)

    def label_set(self, fragment: str, class_names: list[str], values: list[str] | None = None) -> np.ndarray:
        """The classes a ``given:`` / ``suggested:`` fragment names: by name, exactly, else in part;
        ``values`` (--label-names: the data's own value of each class): 'given:3' is the class the data
        holds as 3 (the journal and the export show 3), not the names holding a '3'."""
        # as typed first: the navigator's 'given:world' listed the pair's rows and those of 'World'
        # (labels, or --label-names, differing in case only), not exactly the pair's
        exact = [i for i, name in enumerate(class_names) if name == fragment]
        # then composed (NFC) on both sides: 'given:café' typed found no class written 'cafe\u0301' (review35)
        fragment, names = _nfc(fragment.lower()), [_nfc(name.lower()) for name in class_names]
        if not exact:  # then as the screens draw names (tui/names.drawn_name): '👨👩👧 family' copied from the chart
            fragment, names = cell_plain(fragment), [cell_plain(name) for name in names]
        exact = exact or [i for i, name in enumerate(names) if name == fragment]
        if not exact and values:
            exact = [i for i, value in enumerate(values) if same_value(value, fragment)]
        return np.asarray(exact or [i for i, name in enumerate(names) if fragment in name])

    @staticmethod
    def label_values(view: AuditView) -> list[str] | None:
        """--label-names: the data's own value of each class ('given:3' is the class held as 3); label
        sets are matched by name only."""
        return None if view.multilabel is not None else list(getattr(view, "value_names", None) or ()) or None

    def suggested_part(self, view: AuditView) -> tuple[str, str]:
        """``suggested:``'s (sign, class fragment): on label sets ``+X`` / ``-X`` ask for X likely
        missing / likely wrong, elsewhere the sign is part of the name."""
        suggested = self.suggested or ""
        signed = view.multilabel is not None and suggested[:1] in ("+", "-") and len(suggested) > 1
        sign = suggested[0] if signed else ""
        return sign, suggested[len(sign):]

    def unknown_label(self, view: AuditView) -> str | None:
        """The ``given:`` / ``suggested:`` part that names no class ('given:nosuch'), as typed; read as
        ``mask`` reads it (a label set's 's:+card' names the class card)."""
        values = self.label_values(view)
        for key, fragment, typed in (("given", self.given, self.given),
                                     ("suggested", self.suggested_part(view)[1], self.suggested)):
            if typed and not len(self.label_set(fragment, view.class_names, values)):
                return f"{key}:{typed}"
        return None

    def mask(self, rows: np.ndarray, view: AuditView, check: Check = never_cancelled) -> np.ndarray:
        """Boolean mask over ``rows`` (runs in a worker thread; ``check`` stops a stale request)."""
        keep = np.ones(len(rows), dtype=bool)
        if self.datalab is not None:  # no Datalab label verdict (labels not checked): no row matches
            flags = view.datalab_label_flags
            keep &= (flags[rows] == self.datalab) if flags is not None else False
        if view.multilabel is not None and (self.given or self.suggested):  # label sets: every label counts
            return self._set_mask(rows, view, keep, check)
        values = self.label_values(view)
        if self.given:
            keep &= np.isin(view.given[rows], self.label_set(self.given, view.class_names, values))
        if self.suggested:
            keep &= np.isin(view.predicted[rows], self.label_set(self.suggested, view.class_names, values))
        return self._text_mask(rows, view, keep, check)

    def _set_mask(self, rows: np.ndarray, view: AuditView, keep: np.ndarray, check: Check) -> np.ndarray:
        """``given:X`` matches a set holding X; ``suggested:X`` the suggested set holding X,
        ``suggested:+X`` / ``-X`` the rows where X is likely missing / likely wrong."""
        ml = view.multilabel
        if self.given:
            keep &= ml.filter_mask(rows, self.label_set(self.given, view.class_names), "given")
        if self.suggested:
            sign, fragment = self.suggested_part(view)
            keep &= ml.filter_mask(rows, self.label_set(fragment, view.class_names), "suggested", sign)
        return self._text_mask(rows, view, keep, check)

    def _text_mask(self, rows: np.ndarray, view: AuditView, keep: np.ndarray, check: Check) -> np.ndarray:
        for word in self.words:
            candidates = np.flatnonzero(keep)
            keep[candidates] = view.text_index.contains(rows[candidates], word, check)
        if self.regex is not None:
            candidates = np.flatnonzero(keep)
            keep[candidates] = view.text_index.search(rows[candidates], self.regex, check)
        return keep


def _nfc(text: str) -> str:
    """``text`` composed (NFC): an accent typed and one stored as a combining mark compare equal."""
    import unicodedata

    return unicodedata.normalize("NFC", text)


_DATALAB_VALUES = {"yes": True, "y": True, "flagged": True, "true": True,
                   "no": False, "n": False, "not": False, "false": False}


#: Each key's value, said when the key has none ('given:' alone: the filter wants a label).
_KEYS = {**dict.fromkeys(("re", "regex"), "needs a pattern (re:REGEX)"),
         **dict.fromkeys(("given", "g"), "needs a label (given:LABEL)"),
         **dict.fromkeys(("suggested", "s", "sugg", "pred"), "needs a label (suggested:LABEL)"),
         **dict.fromkeys(("datalab", "dl"), "needs yes or no (datalab:yes)")}


@dataclass(frozen=True)
class Token:
    """A word of the filter line, its quotes taken off; ``keyed``: its ``key:`` was typed outside
    quotes, so it can be a key (``"re:"`` quoted is the literal text 're:')."""

    text: str
    keyed: bool

    def key(self) -> str:
        """The key the word names ('' for a plain or quoted word)."""
        key, colon, _ = self.text.partition(":")
        return key.lower() if colon and self.keyed else ""


#: The error of a phrase left open (it read Python's shlex's 'No closing quotation': review34)
UNCLOSED_QUOTE = 'a " starts a phrase that is not closed: add the closing " (\\" is a quote character)'


def filter_tokens(query: str) -> list[Token]:
    """The filter line's words, split at spaces outside double quotes. ``"a phrase"`` keeps words
    together and makes them literal text; ``\\"`` is a quote character; every other character is
    itself: an apostrophe is a letter (shlex read the one in "can't" as an opening quote, so
    every word holding one stopped with 'No closing quotation'), a backslash stays for the regex.
    An unclosed quote raises ValueError(UNCLOSED_QUOTE)."""
    tokens: list[Token] = []
    chars: list[str] = []
    started = quoted = False
    keyed = None  # whether the word's first colon came outside quotes and before any quote
    index, n = 0, len(query)
    while index < n:
        char = query[index]
        if char == "\\" and index + 1 < n and query[index + 1] == '"':
            chars.append('"')
            started, index = True, index + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
            if keyed is None:
                keyed = False  # a quote before any colon: the word is text, not a key
        elif char.isspace() and not quoted:
            if started:
                tokens.append(Token("".join(chars), bool(keyed)))
            chars, started, keyed = [], False, None
        else:
            if char == ":" and keyed is None:
                keyed = not quoted
            chars.append(char)
            started = True
        index += 1
    if quoted:
        raise ValueError(UNCLOSED_QUOTE)
    if started:
        tokens.append(Token("".join(chars), bool(keyed)))
    return tokens


def quoted_value(key: str, value: str) -> str:
    """``key:value`` as the filter line reads it back: quoted where the value holds a space or a
    quote ('given:"card lost"'), trailing backslashes outside the quotes (inside, the last would
    read as an escaped quote)."""
    if value and not any(char.isspace() or char == '"' for char in value):
        return f"{key}:{value}"
    body = value.rstrip("\\")
    return f'{key}:"' + body.replace('"', '\\"') + '"' + value[len(body):]


def parse_filter(query: str) -> FilterSpec:
    """Parse the filter line; a bad regex or quote gives a spec with ``error`` set."""
    spec = FilterSpec()
    try:
        tokens = filter_tokens(query)
    except ValueError as exc:
        return FilterSpec(error=f"filter: {exc}")
    tokens.reverse()
    while tokens:
        word = tokens.pop()
        token = word.text
        key = word.key()
        _, _, value = token.partition(":") if key else ("", "", "")
        if not value and key in _KEYS:  # 'given:' said 'nothing matches' (no text holds 'given:')
            if not tokens or tokens[-1].key() in _KEYS:
                return FilterSpec(error=f"filter: {token} {_KEYS[key]}")
            value = tokens.pop().text  # 'given: card', a space after the colon: the label is the next word
        if value and key in ("re", "regex"):
            try:
                spec.regex = regex.compile(_nfc(value), regex.IGNORECASE)  # texts read composed (TextIndex.search)
            except regex.error as exc:
                return FilterSpec(error=f"filter: bad regex {value!r}: {exc}")
            except RecursionError:  # '(' nested hundreds deep: the regex module's parser recursed (diff43)
                return FilterSpec(error=f"filter: bad regex {value[:40]!r}...: nested too deeply")
        elif value and key in ("given", "g"):
            spec.given = value
        elif value and key in ("suggested", "s", "sugg", "pred"):
            spec.suggested = value
        elif value and key in ("datalab", "dl"):
            verdict = _DATALAB_VALUES.get(value.lower())
            if verdict is None:
                return FilterSpec(error=f"filter: datalab: takes yes or no, not {value!r}")
            spec.datalab = verdict
        else:
            spec.words.append(token)
    return spec


#: Zero-width joiners typed on a Persian, Urdu or Hindi keyboard (ZWNJ, ZWJ): Textual's Input
#: drops every character that is not printable, so 'می‌خواهم' could not be typed into a filter.
JOINER_CHARACTERS = frozenset("\u200c\u200d")


class WordInput(SafeInput):
    """An input that also takes the zero-width joiners words are spelled with."""

    async def _on_key(self, event) -> None:
        if event.character in JOINER_CHARACTERS:
            event.stop()
            event.prevent_default()  # Input's own handler (which drops it) does not run
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)


class FilterBar(WordInput):
    """The filter input; escape leaves it (keeping the filter), ctrl+u clears it."""

    # shown: in the filter the footer offered only '/ Filter' (a key that typed '/'); how to leave it, unsaid
    BINDINGS = [Binding("escape", "leave", "Back to list")]

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value=value, placeholder=FILTER_HINTS[0], id=id)

    async def _on_key(self, event) -> None:
        """? in an empty filter lists the syntax, as the narrow hint says ('filter (? lists the
        syntax)'): typed, it searched for '?' (banking77 at 50 columns: 35 of 58 rows, the help
        never shown). A filter already typed takes ? as text; '"?"' searches for it from empty."""
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            from tui.screens.help import HelpScreen

            self.app.push_screen(HelpScreen(getattr(self.screen, "HELP_FIRST", ()), filter_first=True))
            return

    def on_resize(self) -> None:
        """The longest hint that fits whole: a cut one would lose its closing quote."""
        room = self.content_region.width - 1  # the cursor takes a cell
        self.placeholder = next((hint for hint in FILTER_HINTS if len(hint) <= room), FILTER_HINTS[-1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A query that does not parse says why where it is read whole (the screen's title bar
        cut 'filter: bad regex '(abc': missing ) at position 4' to 'bad regex '(abc'…' at 80
        columns); the event goes on to the screen. The error said of an earlier filter goes: it
        stayed up for its 8 s under the next filter's rows ('given:nosuch' listed beside 'bad regex
        '[abc'' and 'given: needs a label', ui26)."""
        if (drop := getattr(self.app, "drop_notices", None)) is not None:
            drop(lambda notice: notice.severity == "error" and notice.message.startswith("filter: "))
        if (error := parse_filter(event.value).error) is not None:
            self.notify(error, severity="error", timeout=8)

    def action_leave(self) -> None:
        lists = self.screen.query("RowList")
        if lists:
            lists.first().focus()
