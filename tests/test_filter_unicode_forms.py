"""A filter typed with composed accents (NFC, as keyboards type them) finds texts and labels stored decomposed (NFD:
a letter and a combining accent, as macOS and some exports write them), and the other way round. Only the same
encoding matched: 'café' found nothing in an NFD dataset, silently (review35)."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from tui.text_index import TextIndex
from tui.widgets.filter_bar import parse_filter

NFC, NFD = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize("typed", [NFC, NFD, NFC.upper()])
def test_words_match_either_encoding(typed: str) -> None:
    index = TextIndex(np.array([f"un {NFD} noir", "plain", f"{NFC.upper()} crème", None], dtype=object))
    assert index.contains(np.arange(4), typed).tolist() == [True, False, True, False]


@pytest.mark.parametrize("typed", [NFC, NFD])
def test_labels_match_either_encoding(typed: str) -> None:
    spec = parse_filter(f"given:{typed}")
    assert spec.label_set(spec.given, [NFD.title(), "tea"]).tolist() == [0]
    assert spec.label_set(spec.given, [NFC, "tea"]).tolist() == [0]


@pytest.mark.parametrize("typed", [NFC, NFD])
def test_a_regex_matches_either_encoding(typed: str) -> None:
    index = TextIndex(np.array([f"un {NFD} noir", "plain", f"{NFC.upper()} crème", None], dtype=object))
    assert index.search(np.arange(4), parse_filter(f"re:{typed}\\b").regex).tolist() == [True, False, True, False]


@pytest.mark.parametrize("typed", ["résumé", unicodedata.normalize("NFD", "résumé"), "RÉSUMÉ"])
def test_a_word_mixing_both_encodings_matches(typed: str) -> None:
    """A text can hold one accent composed and the next decomposed in one word (an edit pasted into an exported
    text); the word was tried as typed, NFC and NFD, none of which is that mix."""
    mixed = "r" + unicodedata.normalize("NFD", "é") + "sum" + unicodedata.normalize("NFC", "é")
    index = TextIndex(np.array([f"my {mixed} here", "resume", "plain", None] * 2, dtype=object))
    assert index.contains(np.array([0, 1, 2, 3, 4]), typed).tolist() == [True, False, False, False, True]


def test_a_word_with_punctuation_and_an_accent_is_matched_literally() -> None:
    """The word becomes a regex (either form of each accent): its other characters are matched as typed."""
    index = TextIndex(np.array(["a (café) b", "a xcaféx b", "a .*café b", "café+"], dtype=object))
    assert index.contains(np.arange(4), "(café)").tolist() == [True, False, False, False]
    assert index.contains(np.arange(4), ".*café").tolist() == [False, False, True, False]
    assert index.contains(np.arange(4), "café+").tolist() == [False, False, False, True]


def test_a_letter_nfc_decomposes_matches_as_typed_and_composed() -> None:
    """A Hindi nukta letter typed precomposed (U+095B, as some keyboards write it) is decomposed by NFC itself
    ('ज' + U+093C): the word was matched only as its NFC once either_form built the pattern, so it missed a text
    holding the letter as typed, and a pasted Greek U+1F71 missed its own text; as typed, NFC and NFD all match."""
    typed, greek = "\u095b\u092e\u0940\u0928", "\u1f71"
    index = TextIndex(np.array(["x \u095b\u092e\u0940\u0928 y", "x \u091c\u093c\u092e\u0940\u0928 y", f"a {greek} b",
                                "plain"], dtype=object))
    assert index.contains(np.arange(4), typed).tolist() == [True, True, False, False]
    assert index.contains(np.arange(4), greek).tolist() == [False, False, True, False]
