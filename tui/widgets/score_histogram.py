"""A score histogram in the terminal, with where the default and the current threshold sit.

Scores of flagged rows crowd near 0 (label scores of 1e-5 beside a bulk near 1), so the x axis
is log10 of the score (clipped at ``FLOOR``) and bar heights are log-scaled counts: a handful
of flagged rows stays visible beside thousands of clean ones.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text

from tui.widgets.charts import COLUMN_BLOCKS

FLOOR = 1e-6
HEIGHT = 4  # lines of bars


def _position(value: float, low: float, high: float, width: int) -> int:
    x = np.log10(max(value, FLOOR))
    return int(np.clip((x - low) / max(high - low, 1e-12) * width, 0, width - 1))


def histogram_text(sorted_scores: np.ndarray, default: float | None, current: float | None, width: int,
                   bars: int = HEIGHT) -> Text:
    """``bars`` lines of bars, a marker line (▲ default, │ current) and the axis ends."""
    width = max(10, width)
    finite = sorted_scores[np.isfinite(sorted_scores)]
    text = Text()
    if not len(finite):
        return Text("no scores", style="italic")
    logs = np.log10(np.maximum(finite, FLOOR))
    low, high = float(logs.min()), float(logs.max())
    if high - low < 1e-9:
        high = low + 1.0
    counts, _ = np.histogram(logs, bins=width, range=(low, high))
    heights = np.log1p(counts) / np.log1p(counts.max()) * bars * 8
    cut = _position(current, low, high, width) if current is not None else -1
    for line in range(bars - 1, -1, -1):
        for column, height in enumerate(heights):
            eighths = int(round(np.clip(height - line * 8, 0, 8)))
            if counts[column] and line == 0:
                eighths = max(eighths, 1)  # a bin with rows always shows
            style = "bold" if column <= cut else "dim"
            text.append(COLUMN_BLOCKS[eighths], style=style)
        text.append("\n")
    markers = [" "] * width
    if default is not None:
        markers[_position(default, low, high, width)] = "▲"
    if current is not None and current != default:
        markers[cut] = "│"
    text.append("".join(markers) + "\n")
    text.append(axis_line(low, high, width), style="dim")
    return text


def axis_line(low: float, high: float, width: int) -> str:
    """The axis ends and its middle value, saying the scale is log (a default of 0.48 drawn at
    87% of the width, between 0.005 and 1, read as a wrong marker)."""
    left, right = f"{10 ** low:.2g}", f"{10 ** high:.2g}"
    middle = f"{10 ** ((low + high) / 2):.2g} · log scale"
    room = width - len(left) - len(right)
    if room < len(middle) + 2:
        return left + " " * max(1, room) + right
    mid_at = max(len(left) + 1, width // 2 - len(middle.split(" ")[0]) // 2)  # the value centred
    line = left + " " * (mid_at - len(left)) + middle
    if len(line) + 1 + len(right) > width:  # 32 cells (40x12): 33 wrapped the axis onto a second line
        return left + " " * max(1, room) + right
    return line + " " * (width - len(line) - len(right)) + right
