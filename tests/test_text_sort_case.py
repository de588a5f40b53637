"""The Text column sorts with case ignored: 'what is ...' and 'What rate ...' sat apart (walk36: every
capitalised text before every lower-case one), texts differing in case alone keep their row order."""

from __future__ import annotations

import numpy as np

from tui.text_index import TextIndex


def test_text_rank_ignores_case():
    texts = np.asarray(["what is", "What rate", "apple", "Zebra", None, "WHAT IS", "Äpfel"], dtype=object)
    order = [int(i) for i in np.argsort(TextIndex(texts).rank())]
    # Arrow's order past ASCII (Ä after z) as before; 'what is' before 'WHAT IS': row order
    assert order == [2, 0, 5, 1, 3, 6, 4]
