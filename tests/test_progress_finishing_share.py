"""A stage line says 'finishing' only near its end (walk41, tmux, banking77 and ag_news test cold: the TF-IDF
view's line read 'TF-IDF view: 1,549/3,080 texts · 220 texts/s · finishing' for 30 s and more, half its texts
counted: the time-left estimate of its first counts was spent while its SVD's steps ran slower than their share).
Short of 90% counted, a spent estimate gives no time left at all; the count and the clock stay."""

from __future__ import annotations

from tui.screens.progress import StageClock


def _view_clock() -> StageClock:
    """The predict stage as the TF-IDF view's embed step reports it: two counts a second apart."""
    clock = StageClock("predict", 0.0)
    clock.report(1.0, 308, 3_080, "TF-IDF view: embed")
    clock.report(2.0, 1_549, 3_080, "TF-IDF view: embed")
    return clock


def test_time_left_while_the_estimate_runs():
    line = _view_clock().line(2.5)
    assert "TF-IDF view: 1,549/3,080 texts" in line and "left" in line, line


def test_no_finishing_at_half_once_the_estimate_is_spent():
    line = _view_clock().line(40.0)
    assert "TF-IDF view: 1,549/3,080 texts" in line and line.endswith(" · 40s"), line
    assert "finishing" not in line and "left" not in line, line


def test_finishing_near_the_end():
    clock = _view_clock()
    clock.report(41.0, 2_900, 3_080, "TF-IDF view: embed")
    line = clock.line(100.0)
    assert "2,900/3,080 texts" in line and "finishing" in line, line
