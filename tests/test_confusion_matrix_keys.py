"""The confusion matrix keys its classes by letter, not by a number a label value can have.

Seen in tmux on AG News (labels 1-4, --label-names 1=World,2=Sports,3=Business,4=Sci/Tech), C then
v v v: the matrix listed ' 1 Business', ' 2 World', ' 3 Sci/Tech', ' 4 Sports' and headed its
columns 1 2 3 4, its own order (most label issues first), which reads as label 1 being Business.
Without --label-names the names are the values themselves: ' 1 3' (matrix class 1 is label 3).
"""

from __future__ import annotations

import io

from rich.console import Console
from tui_synthetic import fixed_view

from tui.screens.confusions import matrix_table


def matrix_lines(view) -> list[str]:
    console = Console(width=120, file=io.StringIO(), color_system=None, record=True)
    console.print(matrix_table(view, view.flags["label"], 12))
    return [line for line in console.export_text().splitlines() if line.strip()]


def test_no_class_is_keyed_by_another_class_value(pinned_result):
    view = fixed_view(pinned_result.dataset)
    view.class_names = [str(value) for value in range(1, view.n_classes + 1)]  # integer labels 1..7
    view.__post_init__()
    header, *rows = matrix_lines(view)
    assert len(rows) >= 3, rows
    keys = [row.split()[0] for row in rows]
    names = [row.split()[1] for row in rows]
    assert header.split()[-len(keys):] == keys  # the columns carry the rows' keys
    misread = [(key, name) for key, name in zip(keys, names) if key in view.class_names and key != name]
    assert not misread, rows
