"""A class name is drawn in as many cells as Textual (Rich) counts for it, and stays unlike every other name.

A class '❤\\ufe0f' took 2 cells in Rich and 1 in tmux 3.3 and xterm, '👍🏽' 2 and 4, 'x\\u200dy' 1 and 2: the class
chart's bars after them moved by those cells and its counts ran past the screen's edge (hostile41). The names are
drawn without those characters (tui/terminal_text.cell_plain), and where two names would then draw alike, escaped.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from test_drawn_text_cell_widths import terminal_cells

NAMES = ["❤\ufe0f", "👍🏽", "x\u200dy", "👨\u200d👩\u200d👧 family", "क्\u200dष", "✔\ufe0f done", "it's ☺\ufe0f"]


@pytest.mark.parametrize("name", NAMES)
def test_a_drawn_name_measures_as_the_terminal_draws_it(name: str) -> None:
    from tui.names import drawn_name

    drawn = drawn_name(name)
    assert cell_len(drawn) == terminal_cells(drawn), ascii(drawn)


def test_names_that_would_draw_alike_stay_apart() -> None:
    from tui.names import drawn_names

    names = ["❤", "❤\ufe0f", "xy", "x\u200dy", "it's👍", "it's👍🏽", "card"]
    drawn = drawn_names(names)
    assert len(set(drawn)) == len(names)
    assert drawn == ["❤", "'❤\\ufe0f'", "xy", "'x\\u200dy'", "it's👍", "\"it's👍\\U0001f3fd\"", "card"]
    assert all(cell_len(shown) == terminal_cells(shown) for shown in drawn)
    assert drawn_names(["❤\ufe0f", "card"]) == ["❤", "card"]  # alone, the emoji as itself
    assert all(cell_len(shown) == terminal_cells(shown) for name in NAMES for shown in drawn_names([name, "card"]))


def test_the_view_draws_names_apart(tmp_path) -> None:
    """The screens read AuditView.shown_names: '❤' and '❤\\ufe0f', two classes, draw unlike, each in its cells."""
    from engine.pipeline import AuditOptions, run_audit
    from tui.view import AuditView

    source = tmp_path / "d.csv"
    labels = ["❤", "❤\ufe0f", "👍🏽"]
    rows = [f"text {i} about {['love', 'hearts', 'thumbs'][i % 3]} {i % 7},{labels[i % 3]}" for i in range(45)]
    source.write_text("text,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    view = AuditView.from_result(run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "c"))))
    assert len(set(view.shown_names)) == 3 and sorted(view.class_names) == sorted(labels)
    assert all(cell_len(shown) == terminal_cells(shown) for shown in view.shown_names), view.shown_names


def test_given_finds_a_class_as_the_screens_draw_it() -> None:
    """'given:👨👩👧 family' copied from the chart (drawn without its joiners) finds that class; a name typed as the
    data spells it still wins over one that only draws alike."""
    from tui.widgets.filter_bar import FilterSpec

    names = ["👨\u200d👩\u200d👧 family", "❤", "❤\ufe0f", "👍🏽 ok", "card"]
    spec = FilterSpec()
    assert spec.label_set("👨👩👧 family", names).tolist() == [0]
    assert spec.label_set("👍 OK", names).tolist() == [3]
    assert spec.label_set("❤", names).tolist() == [1] and spec.label_set("❤\ufe0f", names).tolist() == [2]
