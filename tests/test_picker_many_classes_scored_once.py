"""The label picker scores each typed word against each class name once, over thousands of classes (hostile42).

Textual's Matcher caches 4,096 names, so over 5,000 classes every look-up missed: each word was scored two or
three times a keystroke (settle, the score, the any-level retry) and every word typed before the last again at
each key. Typing 'accessories for cameras' over 5,000 names of 2-8 words took 20 s of keystrokes, up to 2.5 s
for one, on 2 busy cores. Counted here, not timed: the fuzzy search runs once per (word, name) pair."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from textual.fuzzy import FuzzySearch, Matcher

from tui import name_match
from tui.name_match import WordMatch, word_scores

SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu", "ch", "en"]


def _names(count: int) -> list[str]:
    pairs = itertools.product(SYLLABLES, repeat=4)
    return sorted({f"{a}{b}_{c}{d}" for a, b, c, d in itertools.islice(pairs, count)})


@pytest.fixture
def searches(monkeypatch) -> Counter:
    calls: Counter = Counter()
    original = FuzzySearch._match

    def counted(self, query, candidate):
        calls[(query.lower(), candidate)] += 1
        return original(self, query, candidate)

    monkeypatch.setattr(FuzzySearch, "_match", counted)
    if (cached := getattr(name_match, "fuzzy_score", None)) is not None:
        cached.cache_clear()
    return calls


def test_each_word_and_name_scored_once_while_typing(searches):
    names = _names(4_500)
    assert len(names) > 4_096  # past a Matcher's own cache
    typed = "kalo chen"
    for end in range(1, len(typed) + 1):
        word_scores([WordMatch(word) for word in typed[:end].split()], names)
    assert searches, "the words were scored"
    assert max(searches.values()) == 1, searches.most_common(3)


def test_scores_are_textuals():
    names = _names(300)
    for query in ["kalo", "k", "klchn", "zuzu_enen", "Pera", "xyz", "a" * 12]:
        for name in names:
            assert name_match.fuzzy_score(query, name) == Matcher(query).match(name)
