"""Terminal charts drawn with block characters after binning with numpy.

Plotting libraries redraw every raw point on each repaint (textual-plotext: ~0.3 s at 1M
points); binning first makes a chart cost O(width) to draw at any dataset size.
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from engine.wording import share
from tui.names import NameFitter, drawn_name, natural_key
from tui.view import counted

EIGHTHS = " ▏▎▍▌▋▊▉█"
COLUMN_BLOCKS = " ▁▂▃▄▅▆▇█"


def horizontal_bar(value: float, maximum: float, width: int) -> str:
    """A bar of ``width`` cells at most, with eighth-cell resolution."""
    if maximum <= 0 or width <= 0:
        return ""
    eighths = int(round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def bin_means(values: np.ndarray, bins: int) -> np.ndarray:
    """Mean of ``values`` in ``bins`` equal runs of positions (fewer bins for short inputs)."""
    values = np.asarray(values, dtype=np.float64)
    bins = max(1, min(bins, len(values)))
    if len(values) == 0:
        return np.zeros(0)
    which = (np.arange(len(values)) * bins) // len(values)
    sums = np.bincount(which, weights=values, minlength=bins)
    counts = np.bincount(which, minlength=bins)
    return sums / np.maximum(counts, 1)


def column_plot(series: np.ndarray, height: int, low: float, high: float) -> list[str]:
    """Vertical bars, one column per value, ``height`` lines (top line first)."""
    if high <= low:
        high = low + 1.0
    levels = np.clip((series - low) / (high - low), 0, 1) * height * 8
    lines = []
    for line in range(height):
        floor = (height - 1 - line) * 8
        cells = np.clip(levels - floor, 0, 8).astype(int)
        lines.append("".join(COLUMN_BLOCKS[c] for c in cells))
    return lines


#: Past the chart's limit, the rarest classes drawn below the '… N more classes' line.
RAREST_SHOWN = 10


class BarChart(Widget):
    """Horizontal bars for labelled counts (e.g. the class distribution); redrawn to fit. ``labels``
    are the raw class names: ties are ordered by them, and they are drawn by tui.names.drawn_name.
    ``rows`` (label sets, where a row counts under each of its labels): each share is of the rows,
    not of the counts' sum (which counts a row of two labels twice)."""

    def __init__(self, labels: list[str], counts: list[int], *, limit: int = 200, rows: int | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        order = sorted(range(len(labels)), key=lambda i: (-int(counts[i]), natural_key(labels[i])))
        self.labels = [drawn_name(labels[i]) for i in order]
        self.counts = [int(counts[i]) for i in order]
        self.limit = limit
        self.fitter = NameFitter(self.labels)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return min(len(self.labels), self.limit) + (1 if len(self.labels) > self.limit else 0)

    def shown(self) -> tuple[list[int], list[int]]:
        """The bars drawn above and below the '… N more classes' line: every class up to ``limit``;
        past it the most frequent and the :data:`RAREST_SHOWN` rarest (an imbalance audit's point)."""
        n = len(self.labels)
        if n <= self.limit:
            return list(range(n)), []
        tail = min(RAREST_SHOWN, self.limit // 2)
        return list(range(self.limit - tail)), list(range(n - tail, n))

    def render(self) -> Text:
        width = self.size.width or 60
        head, tail = self.shown()
        total = (self.rows if self.rows is not None else sum(self.counts)) or 1
        count_width = len(f"{max(self.counts, default=0):,}") + 8
        # names take what leaves the bars a third of the width: at 200 columns (the chart beside the
        # table, 100 cells) a third for the names cut banking77's 'balance_not_upda…r_bank_transfer'
        # beside 52-cell bars of 40 rows each (ui27)
        room = max(8, width - count_width - 3 - width // 3)
        name_width = min(max((cell_len(self.labels[i]) for i in head + tail), default=4), room)
        bar_width = max(1, width - name_width - count_width - 3)
        top = max(self.counts, default=1)
        text = Text(no_wrap=True, overflow="ellipsis")

        def bar(i: int) -> None:
            label = self.fitter.fit(self.labels[i], name_width)  # cut in the middle: stays unambiguous
            text.append(f"{label}{' ' * max(0, name_width - cell_len(label))} ")
            text.append(f"{horizontal_bar(self.counts[i], top, bar_width):<{bar_width}}", style="bold")
            text.append(f" {self.counts[i]:>{count_width - 8},} {share(self.counts[i], total):>6}\n")

        for i in head:
            bar(i)
        if tail:
            hidden = range(len(head), tail[0])
            if self.rows is None:
                rest = sum(self.counts[i] for i in hidden)
                more = f"{counted(len(hidden), 'more class', 'more classes')}, {counted(rest, 'row')}"
            else:  # label sets: their counts' sum is no number of rows
                more = counted(len(hidden), "more label")
            text.append(f"… {more}; the {len(tail)} rarest:\n", style="italic")
        for i in tail:
            bar(i)
        text.rstrip()
        return text


class PositionPlot(Widget):
    """A per-position series (e.g. label index by row position) binned to the widget's width."""

    def __init__(self, values: np.ndarray, title: str, low: float | None = None, high: float | None = None,
                 *, axis: tuple[str, str] | None = None, id: str | None = None) -> None:
        """``axis``: the words at the top and the bottom of the y-axis (default: ``high``, ``low``)."""
        super().__init__(id=id)
        self.values = np.asarray(values, dtype=np.float64)
        self.title = title
        self.axis = axis
        self.low = float(np.min(self.values)) if low is None and len(self.values) else (low or 0.0)
        self.high = float(np.max(self.values)) if high is None and len(self.values) else (high or 1.0)

    def render(self) -> Text:
        width = max(10, (self.size.width or 60) - 8)
        # the title as drawn, on as many lines as it wraps to: at 80 columns the debtags title
        # ('Label sets by position, ... (steps = grouped)') took 2 lines of the 10, and the x-axis
        # line ('└ row 0 ... row 2,499 ┘') fell under the widget's edge (ui33; the demo at 50x16 too)
        title = Text(self.title).wrap(self.app.console, max(1, self.size.width or 60))
        height = max(2, (self.size.height or 10) - 1 - len(title))
        means = bin_means(self.values, width)
        text = Text(no_wrap=True, overflow="crop")
        for line in title:
            text.append(line.plain.rstrip() + "\n", style="bold")
        top, bottom = self.axis or (f"{self.high:.3g}", f"{self.low:.3g}")
        for index, line in enumerate(column_plot(means, height, self.low, self.high)):
            axis = f"{top:>7}" if index == 0 else (f"{bottom:>7}" if index == height - 1 else " " * 7)
            text.append(f"{axis}│{line}\n")
        n = len(self.values)
        footer = f"{'':7}└ row 0" + f"row {max(0, n - 1):,} ┘".rjust(max(0, len(means) - 6))
        text.append(footer)
        return text
