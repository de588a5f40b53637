"""The text column for filtering and sorting a million rows off the UI thread.

A worker thread only helps if the work lets go of the GIL: sorting a numpy object array or
converting it to fixed-width unicode holds it for the whole call (about a second at 1M rows),
and the UI thread stalls just as if the sort ran on it. So the texts are copied once into an
Arrow array, in chunks (each chunk holds the GIL for a few ms), and the string work runs in
Arrow's kernels, which release it. The texts are ranked once; any later text sort of any subset
is an integer argsort of the cached ranks.

Nothing here imports textual: a worker calls it with ``check``, a callable that raises
``Superseded`` once the request is no longer wanted, so a stale request stops between steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.errors import UsageError
from tui.terminal_text import cell_plain

if TYPE_CHECKING:
    import pyarrow as pa

Check = Callable[[], None]

CHUNK_ROWS = 65_536  # rows copied to Arrow per GIL-holding step (a few ms each)
REGEX_SECONDS = 1.0  # one text's match taking longer: a pattern that backtracks without end


class Superseded(Exception):
    """A newer request replaced this one; its result would be thrown away."""


class RegexTooSlow(UsageError):
    """A filter regex backtracks without end on some text (``(a|aa)+$``): said in one line."""


def never_cancelled() -> None:
    """A ``check`` for callers that always want the result."""


class TextIndex:
    """Arrow copy and sort ranks of a text column, built lazily and shared by every screen."""

    def __init__(self, texts: np.ndarray) -> None:
        self.texts = texts
        self._lock = threading.Lock()
        self._chunks: list = []
        self._array = None
        self._rank: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def arrow(self, check: Check = never_cancelled) -> pa.ChunkedArray:
        """The texts as one Arrow ChunkedArray (None stays null); resumes a cancelled build."""
        import pyarrow as pa

        with self._lock:
            if self._array is None:
                done = sum(len(chunk) for chunk in self._chunks)
                for start in range(done, len(self.texts), CHUNK_ROWS):
                    check()
                    part = self.texts[start:start + CHUNK_ROWS]
                    self._chunks.append(pa.array(part, type=pa.large_string(), from_pandas=True))
                self._array = pa.chunked_array(self._chunks, type=pa.large_string())
            return self._array

    def rank(self, check: Check = never_cancelled) -> np.ndarray:
        """Position of each row in the text order, case ignored (Arrow's utf8_lower: 'what is' and 'What rate'
        sorted apart, walk36), rows whose texts differ in case alone by row (stable); missing texts last."""
        import pyarrow.compute as pc

        if self._rank is None:
            array = self.arrow(check)
            check()
            lowered = pc.utf8_lower(array)  # an Arrow kernel: lets go of the GIL, as the sort does
            check()
            order = pc.sort_indices(lowered).to_numpy()
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order), dtype=np.int64)
            self._rank = rank
        return self._rank

    def contains(self, rows: np.ndarray, word: str, check: Check = never_cancelled) -> np.ndarray:
        """Per row in ``rows``: does its text contain ``word``, ignoring case, and how its accents are encoded:
        'café' typed (composed, NFC, as keyboards type it) finds a text that holds it decomposed (NFD: an 'e' and a
        combining accent, as macOS names and some exports write it), the other way round, and a text mixing
        both in one word (review35). One Arrow kernel call (:func:`either_form`), no Python per row."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if not len(rows):
            return np.zeros(0, dtype=bool)
        array = self.arrow(check)
        check()
        texts = array.take(pa.array(np.asarray(rows, dtype=np.int64)))
        word = cell_plain(word)  # as the view's texts hold it (tui/terminal_text.data_safe): '❤' finds '❤\ufe0f'
        pattern = either_form(word)
        hits = (pc.match_substring(texts, word, ignore_case=True) if pattern is None else
                pc.match_substring_regex(texts, pattern, ignore_case=True))
        return hits.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)

    def search(self, rows: np.ndarray, pattern: Any, check: Check = never_cancelled) -> np.ndarray:
        """Per row in ``rows``: does ``pattern`` (a ``regex`` pattern, Python's syntax) match its text.

        Python's syntax rather than Arrow's RE2 keeps what the user expects. ``re`` held the GIL
        for a whole match, so a pattern that backtracks without end (``(a|aa)+$`` on a run of
        a's) froze the app for good; the ``regex`` module lets the UI thread run during a match
        (``concurrent``) and gives up on one text after ``REGEX_SECONDS``.
        """
        import unicodedata

        hits = np.zeros(len(rows), dtype=bool)
        search = pattern.search

        def found(text: str) -> bool:  # the pattern is composed (NFC, parse_filter): so is the text it reads
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):  # review35: NFD texts
                text = unicodedata.normalize("NFC", text)
            return search(text, concurrent=True, timeout=REGEX_SECONDS) is not None

        for start in range(0, len(rows), CHUNK_ROWS):
            check()
            part = self.texts[rows[start:start + CHUNK_ROWS]]
            for offset, text in enumerate(part):
                try:
                    hits[start + offset] = text is not None and found(str(text))
                except TimeoutError:
                    raise RegexTooSlow(
                        f"regex {pattern.pattern!r} ran over {REGEX_SECONDS:g} s on row "
                        f"{int(rows[start + offset]):,} (nested repeats like (a|aa)+ backtrack without end); "
                        "simplify it") from None
        return hits


def either_form(word: str) -> str | None:
    """An RE2 pattern for ``word`` with each accented letter composed or decomposed ('café' ->
    ``caf(?:é|é)``, the second 'e' and a combining accent), or None when no letter of it has two forms (the
    word is matched as typed). Trying the word as typed, NFC and NFD missed a text whose one word held an
    accent of each form. Canonical order only: a letter with two marks partly composed is not found. The word as
    typed and its NFD stay alternatives too: a letter NFC itself decomposes (a Hindi nukta letter, U+095B 'ज़',
    whose NFC is 'ज' + U+093C; Greek U+1F71) typed or pasted as such was otherwise matched only as its NFC."""
    import unicodedata

    def literal(text: str) -> str:  # RE2's syntax: ASCII punctuation as \x{..}; other characters are never special
        return "".join(c if c.isalnum() or not c.isascii() else f"\\x{{{ord(c):02x}}}" for c in text)

    nfc, parts, two = unicodedata.normalize("NFC", word), [], False
    for char in nfc:
        if (nfd := unicodedata.normalize("NFD", char)) != char:
            parts.append(f"(?:{literal(char)}|{literal(nfd)})")
            two = True
        else:
            parts.append(literal(char))
    covered = {nfc, "".join(unicodedata.normalize("NFD", char) for char in nfc)}
    extra = [literal(form) for form in dict.fromkeys((word, unicodedata.normalize("NFD", word))) if form not in covered]
    return "|".join(["".join(parts), *extra]) if two or extra else None
