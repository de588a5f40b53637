"""The class-imbalance screen names every class under Datalab's cut, not the rarest alone (probe27).

Datalab flags the rarest class only, where its share is under 0.1 of an even share. banking77 test
with four classes cut to 2, 3, 4 and 6 rows (2,935 rows, 77 classes: the cut is 3.8 rows) listed the
2-row class; the 3-row class, under the same cut, went unsaid. The flag stays Datalab's.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from tui_synthetic import fixed_view

from tui.screens.flagged_rows import FlaggedRowsScreen


def imbalanced_view(pinned_result, sizes: tuple[int, ...]):
    view = fixed_view(pinned_result.dataset)
    k, n = view.n_classes, len(view)
    given = np.concatenate([np.full(size, c) for c, size in enumerate(sizes)])
    rest = n - len(given)
    view.given = np.concatenate([given, len(sizes) + np.arange(rest) % (k - len(sizes))]).astype(np.int32)
    view.flags["class_imbalance"] = view.given == 0  # Datalab's flag: the rarest class's rows
    view.info["class_imbalance"] = {"threshold": 0.1, "Rarest Class": view.class_names[0]}
    return view


def verdict(view) -> str:
    return FlaggedRowsScreen.verdict(SimpleNamespace(view=view, issue_type="class_imbalance"))


def test_a_second_class_under_the_cut_is_named(pinned_result):
    view = imbalanced_view(pinned_result, (2, 3, 4, 6))
    cut = 0.1 * len(view) / view.n_classes
    assert 3 < cut < 4, cut  # the demo's 258 rows, 7 classes: 3.7 rows
    words = verdict(view)
    assert words.startswith(f"Rarest class '{view.shown_names[0]}': 2 rows"), words
    assert f"'{view.shown_names[1]}' 3 rows" in words and "not flagged" in words, words
    assert f"'{view.shown_names[2]}'" not in words and f"'{view.shown_names[3]}'" not in words, words


def test_nothing_more_said_where_the_rarest_is_alone_under_the_cut(pinned_result):
    words = verdict(imbalanced_view(pinned_result, (2, 5, 6)))
    assert "Also under" not in words, words
