"""The set picker cuts a long label in its start and keeps its last part whole (s33 ui33b): at 50 columns labels
of one debtags facet were cut in their middle, 'implemented-in::c' to '…lemented-in::c' and
'implemented-in::c++' to 'im…d-in::c++', the facet's shared start read as the label and the tag half gone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pilot_helpers import DialogHost

import tui
from tui.screens.label_set_picker import LabelSetPicker


class StyledHost(DialogHost):
    """The dialog host with the app's stylesheet: the dialog as wide as the app draws it."""

    CSS_PATH = str(Path(tui.__file__).parent / "app.tcss")


NAMES = ["implemented-in::c", "implemented-in::c++", "implemented-in::python", "interface::commandline",
         "hardware::storage:cd-writer", "use::checking", "admin::kernel"]


def drawn(picker) -> list[str]:
    options = picker.query_one("#set-options")
    lines = ["".join(segment.text for segment in options.render_line(y)).rstrip()
             for y in range(options.scrollable_content_region.height)]
    return [line for line in lines if line.strip()]


def label_of(line: str) -> str:
    """The label as drawn on an option's line: after the box, before its probability or notes."""
    return line.split("▌ ", 1)[1].split("  ", 1)[0]


async def test_a_cut_label_keeps_its_last_part_whole_at_50_columns():
    probs = np.array([0.34, 0.99, 0.20, 0.53, 0.01, 0.72, 0.54])
    picker = LabelSetPicker(NAMES, given=(0, 3, 4, 6), probs=probs, missing=(1,), extra=(4, 6))
    app = StyledHost(picker)
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = drawn(app.screen)
        labels = [label_of(line) for line in lines]
        cut = [label for label in labels if "…" in label]
        assert cut, lines  # the terminal is narrow enough to cut some
        for label in cut:
            full = next(name for name in NAMES if name.endswith(label.split("…")[1]))
            last = full.rsplit("::", 1)[1]
            assert label.endswith("::" + last) or label.endswith(full.rsplit(":", 1)[1]), (label, lines)
            assert label.split("…")[0] and full.startswith(label.split("…")[0]), (label, lines)
        # the facet's start, the tag whole (the cut's width follows the probabilities' column: ui36)
        assert any(label.startswith("implem") and label.endswith("…::c++") for label in labels), lines
        assert len(set(labels)) == len(labels), lines  # still apart
        await pilot.press("down", "space", "enter")  # a cut prompt still toggles the label it stands for
        await pilot.pause()
    assert app.results == [(0, 1, 3, 4, 6)]


async def test_80_columns_shows_these_labels_whole():
    picker = LabelSetPicker(NAMES, given=(0, 3), probs=np.full(len(NAMES), 0.5), missing=(1,), extra=(0,))
    app = StyledHost(picker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        labels = [label_of(line) for line in drawn(app.screen)]
        assert sorted(labels) == sorted(NAMES), labels


def test_cut_start_breaks():
    from tui.screens.label_set_picker import cut_start

    assert cut_start("implemented-in::c", 15) == "implemented…::c"
    assert cut_start("implemented-in::c++", 12) == "implem…::c++"
    assert cut_start("biology::format:fasta", 15) == "biology…:fasta"  # no 'biology:' left before the '…'
    assert cut_start("interface::commandline", 15) == "i…::commandline"  # the tag whole, one cell of the facet
    assert cut_start("interface::text-mode", 14) == "in…::text-mode"  # not "interfac…-mode"
    assert cut_start("card_payment_fee_charged", 14) == "card…_charged"
    assert cut_start("abcdefghijklmnop", 8) is None  # no break: the caller's middle cut
    assert cut_start("short", 8) == "short"
