"""Rows whose texts are the same words: case, punctuation and spacing aside.

Datalab's near-duplicate check is relative: a row is flagged when its nearest row is closer than
0.13x the median nearest-row distance. On short texts a sentence mark moves the vector past that:
banking77 test (median nearest distance 0.115, so a cut near 0.015) with 15 rows copied and their
last character changed to '!!' ('How can I top up my account with a card?' / '... card!!', cosine
distance 0.038): 1 of the 15 pairs flagged; its own 'What are the fees for top-ups?' / '... top
ups?' (0.019) not flagged. AG News test, the same edits on its longer texts: all 15 found
(probe28). Texts of the same words are near-duplicates whatever the vectors say; the check adds
them (engine/issue_managers.TextauditNearDuplicateIssueManager).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

#: What is left out when texts are compared: every run of characters that are not letters or digits.
_NOT_WORD = re.compile(r"[\W_]+")
#: The same for ASCII texts, as a bytes table (bytes.translate): the regex cost 20x the exact-copies pass.
_ASCII_NOT_WORD = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def words_of(text: str) -> str:
    """The text's words, lower-cased (``casefold``), one space between: 'Top-ups?' -> 'top ups'."""
    folded = text.casefold()
    if folded.isascii():
        return b" ".join(folded.encode("ascii").translate(_ASCII_NOT_WORD).split()).decode("ascii")
    return _NOT_WORD.sub(" ", folded).strip()


def same_words_groups(texts: Sequence[str], null_mask: np.ndarray | None = None) -> np.ndarray:
    """Per row, a group number shared by every row of the same words, or -1 for a row whose words
    no other row has, a row in ``null_mask`` (no text) and a row with no word at all ('?!')."""
    ids: dict[str, int] = {}  # a dict, not pandas: a lone surrogate breaks pandas' string hashing
    group = np.fromiter((ids.setdefault(words, len(ids)) if (words := words_of(text)) else -1 for text in texts),
                        dtype=np.int64, count=len(texts))
    if null_mask is not None:
        group[np.asarray(null_mask, dtype=bool)] = -1
    kept = group >= 0
    sizes = np.bincount(group[kept], minlength=max(len(ids), 1))  # >= 1: no row with a word ('😀', '?!') indexes [0]
    group[kept & (sizes[np.where(kept, group, 0)] < 2)] = -1
    return group
