"""How the label picker's query matches class names: word by word, each at the strictest level any name reaches
(tui/screens/label_picker.py ranks the names with these)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from textual.fuzzy import FuzzySearch, Matcher

STEM_MIN = 3  # letters a word keeps when its ending is dropped (see WordMatch)
#: How a word may match a name, strictest first (WordMatch.settle picks one per word).
RUN, FUZZY, STEM, ANY = "run", "fuzzy", "stem", "any"
_SEARCH = FuzzySearch(cache_size=16)  # its own cache: fuzzy_score keeps the scores instead


@lru_cache(maxsize=1 << 17)
def fuzzy_score(query: str, name: str) -> float:
    """Textual's fuzzy score of ``query`` in ``name`` (``Matcher(query).match(name)``), kept across keystrokes.
    Each Matcher caches 4,096 names, so over 5,000 classes every look-up missed: a word was scored two or three
    times a keystroke (settle, the score, the any-level retry), and every word typed before the last again at
    each key. Typing 'accessories for cameras' over 5,000 names of 2-8 words took 20 s of keystrokes, up to
    2.5 s for one (hostile42)."""
    return _SEARCH.match(query, name)[0]


class WordMatch:
    """One word of the query, matched against a name at the strictest of these levels that any
    name reaches (``settle``): RUN, the word, or its stem, as a run of letters in the name ('card'
    in card_lost; 'arriv' of 'arrive' in card_arrival); FUZZY, Textual's fuzzy match of the whole
    word (its letters in order, anywhere: 'crd' finds card_lost); STEM, the fuzzy match of a stem.
    A stem drops up to a third of the word's letters from its end, never below STEM_MIN: on
    banking77 'card arrive' matched nothing ('no class matches') though card_arrival is there, as
    the fuzzy match wants every letter in order, and 'arrive', 'cards', 'payments' or 'declining'
    end in letters the name lacks. Matched at any level name by name, 'card' on the demo also
    listed exchange_rate (its stem 'car' fuzzily: e-x-C-h-A-nge_R-ate) and on banking77 20 names
    without 'card' in them (cash_withdrawal_not_recognised: C-A-sh_withd-R-awal_not_recognise-D)."""

    def __init__(self, word: str) -> None:
        # a stem drops a word's ending, never a part after a '_', '-' or '/': 'disposable_card_purposes' (a new
        # class typed whole) ran as its stem 'disposable_card_' in disposable_card_limits, highlighted, and enter
        # relabelled the row to that class without a word (walk35, banking77)
        part = max(word.rfind(mark) for mark in "_-/") + 2  # the last part's first letter is kept
        shortest = max(STEM_MIN, -(-2 * len(word) // 3), part)
        self.tries = [(Matcher(word), 1.0)] + [(Matcher(word[:k]), k / len(word))
                                               for k in range(len(word) - 1, shortest - 1, -1)]
        self.level = ANY

    def match_at(self, name: str, level: str) -> tuple[float, Matcher | None]:
        """The score at ``level`` (a stem's scaled by the share of the word it keeps) and the
        matcher that matched; ANY: the strictest level this name reaches."""
        if level in (RUN, ANY):  # Textual's matcher lowers both sides, and scores a run its best
            folded = name.lower()
            for matcher, weight in self.tries:
                if matcher.query.lower() in folded:
                    return fuzzy_score(matcher.query, name) * weight, matcher
        if level in (FUZZY, ANY) and (score := fuzzy_score(self.tries[0][0].query, name)) > 0:
            return score, self.tries[0][0]
        if level in (STEM, ANY):
            for matcher, weight in self.tries[1:]:
                if (score := fuzzy_score(matcher.query, name)) > 0:
                    return score * weight, matcher
        return 0.0, None

    def match(self, name: str) -> tuple[float, Matcher | None]:
        """The score at this word's settled level, and the matcher that matched."""
        return self.match_at(name, self.level)

    def settle(self, names: Sequence[str]) -> None:
        """The strictest level at which the word matches at least one of ``names``."""
        self.level = next((level for level in (RUN, FUZZY, STEM)
                           if any(self.match_at(name, level)[0] > 0 for name in names)), ANY)


def word_scores(words: list[WordMatch], names: Sequence[str]) -> list[float]:
    """Each name's score: every word of the query must match it (in any order; 'lost card' finds
    lost_or_stolen_card), each at its strictest level among ``names``; where no name matches every
    word so, at any level ('lost stolen cards': 'cards' runs only in supported_cards_and_currencies,
    and lost_or_stolen_card holds its stem). 0 for a name a word does not match."""
    for word in words:
        word.settle(names)
    scores = [word_score(words, name) for name in names]
    if words and not any(scores):
        for word in words:
            word.level = ANY
        scores = [word_score(words, name) for name in names]
    return scores


def word_score(words: list[WordMatch], name: str) -> float:
    """The words' scores summed for ``name``; 0 when a word does not match it."""
    total = 0.0
    for word in words:
        score, _ = word.match(name)
        if score <= 0:
            return 0.0
        total += score
    return total


def phrase_pattern(query: str) -> re.Pattern[str]:
    """The query's words in order, from a word start of the name, joined by '_', '-' or spaces.
    A name holding them so ranks above every name that only matches the words apart: 'cash or'
    put balance_not_updated_after_cheque_or_cash_deposit above top_up_by_cash_or_cheque (each
    word is matched fuzzily on its own, and 'or' matches almost anywhere)."""
    words = [re.escape(word) for word in query.split()]
    return re.compile(r"(?:^|(?<=[\s_\-./]))" + r"[\s_\-]*".join(words), re.IGNORECASE)


def fold(name: str) -> str:
    """A name with case, spaces, '_' and '-' set aside: 'Card Lost' and 'card_lost' fold alike; so do one
    letter's two Unicode spellings (NFKC): 'café' typed (composed) beside the class 'cafe\u0301' was offered
    as a new class with no '(like ...: check the spelling)', a second class drawn alike (hostile42)."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", name)).casefold()
