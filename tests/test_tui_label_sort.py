"""Number-like class names are listed by value: a CSV's integer labels are text ('10' < '2' as text)."""

from __future__ import annotations

import numpy as np
from textual.app import App
from textual.widgets import OptionList, SelectionList

from engine.label_order import label_order
from tui.names import display_order, natural_key
from tui.screens.label_picker import LabelPicker
from tui.screens.label_set_picker import LabelSetPicker
from tui.widgets.charts import BarChart

TEXT_SORTED = ["1", "10", "100", "2", "20", "3"]  # these labels sorted as text (the engine now sorts them by value too)


def test_natural_key_orders_numbers_by_value_and_digit_runs_inside_names():
    assert [TEXT_SORTED[i] for i in display_order(TEXT_SORTED)] == ["1", "2", "3", "10", "20", "100"]
    names = ["class_10", "class_2", "b", "a", "-1", "0.5", "01"]
    assert sorted(names, key=natural_key) == ["-1", "0.5", "01", "a", "b", "class_2", "class_10"]
    # case aside (banking77's one capitalised class was listed first, before 'activate_my_card')
    banking = ["activate_my_card", "Refund_not_showing_up", "age_limit", "reverted_card_payment?", "A", "a"]
    assert sorted(banking, key=natural_key) == ["A", "a", "activate_my_card", "age_limit", "Refund_not_showing_up",
                                                "reverted_card_payment?"]


class PickerApp(App[None]):
    def __init__(self, screen) -> None:
        super().__init__()
        self.picker = screen

    def on_mount(self) -> None:
        self.push_screen(self.picker)


async def test_label_picker_lists_number_like_labels_by_value():
    app = PickerApp(LabelPicker(TEXT_SORTED, current=1, suggested=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["100  (suggested)", "10  (given)", "1", "2", "3", "20"]  # was 1, 2, 20, 3


async def test_label_set_picker_lists_number_like_labels_by_value():
    app = PickerApp(LabelSetPicker(TEXT_SORTED, given=(4,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#set-options", SelectionList)
        shown = [str(options.get_option_at_index(i).prompt).split()[0] for i in range(options.option_count)]
        assert shown == ["20", "1", "2", "3", "10", "100"]


def test_class_chart_breaks_count_ties_by_value():
    chart = BarChart(TEXT_SORTED, [5, 9, 5, 5, 9, 5])
    assert chart.labels == ["10", "20", "1", "2", "3", "100"]


def test_blocks_sorted_by_value_count_as_sorted_by_label():
    rank = np.empty(len(TEXT_SORTED), dtype=np.int64)
    rank[display_order(TEXT_SORTED)] = np.arange(len(TEXT_SORTED))
    labels = np.repeat([0, 3, 5, 1, 4, 2], 20)  # 1, 2, 3, 10, 20, 100: a file sorted by the number
    assert not label_order(labels).sorted_blocks  # by the text order it is not
    assert label_order(labels, rank).sorted_blocks
    assert label_order(np.repeat(np.arange(6), 20), rank).sorted_blocks  # sorted as text still counts
