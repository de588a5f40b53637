"""The Non-IID screen's sentence on a random label order says whether Datalab found a dependence.

walk31 (Debian package index, p = 0.808 and 0.23: Datalab finds nothing): the screen said 'The
labels' order looks random (...): any dependence is in the texts' neighbourhoods (similar texts
sitting together), not in a label sort.', which reads as if a dependence had been found. Now that
clause comes only where Datalab flags the order; above its cut the sentence says nothing was found.
"""

from __future__ import annotations

import numpy as np
import pytest
from tui_synthetic import fixed_result, non_iid_words, shuffled_order

from engine.label_order import label_order

FOUND = "any dependence is in the texts' neighbourhoods"


@pytest.mark.parametrize("p_value", [0.808, 0.23, 0.05])
def test_no_dependence_found_says_so(p_value):
    order = label_order(np.random.default_rng(0).integers(0, 5, 4000))
    assert not order.beyond_chance
    words = order.sentence(p_value)
    assert FOUND not in words and "no dependence on the row order found" in words, words
    assert words.startswith("The labels' order looks random too ("), words


@pytest.mark.parametrize("p_value, z", [(0.0215, 2.0), (0.0, 40.0)])
def test_a_dependence_found_is_the_texts_not_a_label_sort(p_value, z):
    words = label_order(np.random.default_rng(0).integers(0, 5, 4000)).sentence(p_value, z)
    assert FOUND in words and "not in a label sort" in words and "no dependence" not in words, words


async def test_the_screen_at_p_0_808(demo_csv, tmp_path):
    _, verdict, why = await non_iid_words(fixed_result(demo_csv), tmp_path, shuffled_order, 0.808)
    assert "consistent with a random order" in verdict, verdict
    assert FOUND not in why and "no dependence on the row order found" in why, why
