"""Texts with no word at all on every row (emoji only, punctuation only): the same-words pass of the
near-duplicate check indexed an empty count array, and the audit stopped with 'internal error: IndexError'
(exit 70) on a file of emoji texts under the bundled model (review34)."""

from __future__ import annotations

import numpy as np

from engine.same_words import same_words_groups


def test_no_row_with_a_word_gives_no_group():
    texts = ["😀", "😀😀", "?!", "😀", "…"]
    assert same_words_groups(texts).tolist() == [-1] * 5
    assert same_words_groups(texts, np.array([True, False, False, False, False])).tolist() == [-1] * 5


def test_rows_with_words_still_group_beside_wordless_ones():
    assert same_words_groups(["😀", "Top-ups?", "top ups", "?!", "card"]).tolist() == [-1, 0, 0, -1, -1]
