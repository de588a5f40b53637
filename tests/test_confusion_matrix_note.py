"""A confusion matrix cut to the classes that fit says what it leaves out.

Seen in tmux on banking77 test at 80x24: 58 label issues over 38 class pairs showed as a 10x10
grid under 'Matrix: rows given, columns suggested', with nothing saying that most pairs were not
in it.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from tui.screens.confusions import matrix_note


def test_a_cut_matrix_names_how_many_classes_and_issues_it_shows():
    given = np.arange(40) % 20  # 20 classes, each given twice, suggested as the next class
    view = SimpleNamespace(given=given, predicted=(given + 1) % 20, n_classes=20)
    flags = np.ones(40, dtype=bool)
    note = matrix_note(view, flags, 5)
    assert "the 5 classes in the most label issues, of 20" in note
    assert "of 40 issues" in note
    assert matrix_note(view, flags, 20) == ""  # every class fits: nothing to say
