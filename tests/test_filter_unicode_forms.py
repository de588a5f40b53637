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
