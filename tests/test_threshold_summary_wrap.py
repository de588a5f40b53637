"""The threshold dialog's count line at 80 columns: 'score ≤ 0.02294: 12 rows flagged  ·  ▲ audit
default 0.02294: 12 rows' (the demo's label check) is wider than the dialog (68 cells), and the last
word 'rows' wrapped onto a line of its own; 'audit default: 15 rows, its own verdict, not a score
cut (▲ its / highest score 0.1133)' broke the same way. Where a line does not fit, each part takes a
line of its own, whole."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import press_on, settle
from textual.geometry import Region
from tui_synthetic import fixed_app


def drawn_lines(widget) -> list[str]:
    strips = widget.render_lines(Region(0, 0, widget.content_region.width, widget.content_region.height))
    return [strip.text.rstrip() for strip in strips if strip.text.strip()]


def as_score_cut(view, issue_type: str, count: int = 12) -> None:
    """The check flags exactly its ``count`` lowest scores, as the demo's real label check does (the
    synthetic view's flags are a verdict of their own), scores of 4 digits as the demo's (0.02294)."""
    view.scores[issue_type] = scores = view.scores[issue_type] * 0.7341
    view.flags[issue_type] = scores <= np.sort(scores)[count - 1]
    view.counts[issue_type] = int(view.flags[issue_type].sum())


@pytest.mark.parametrize(("size", "one_line"), [((80, 24), False), ((130, 30), True)])
async def test_a_score_cut_line_is_drawn_in_whole_parts(pinned_result, journal_path, size, one_line):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        as_score_cut(app.view, "outlier")
        await press_on(pilot, "outlier", "t")
        await settle(pilot)
        for key in ("", "right"):  # the default, and a moved threshold
            if key:
                await pilot.press(key)
                await settle(pilot)
            lines = drawn_lines(app.screen.query_one("#threshold-summary"))
            parts = lines if not one_line else lines[0].split("  ·  ")
            assert len(lines) == (1 if one_line else 2) and len(parts) == 2, lines
            assert parts[0].startswith("score ≤ ") and parts[0].endswith(" rows flagged"), lines
            assert parts[1].startswith("▲ audit default ") and parts[1].endswith(" rows"), lines


@pytest.mark.parametrize(("size", "one_line"), [((80, 24), False), ((130, 30), True)])
async def test_a_verdict_line_is_drawn_in_whole_parts(pinned_result, journal_path, size, one_line):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await press_on(pilot, "label", "t")
        await settle(pilot)
        lines = drawn_lines(app.screen.query_one("#threshold-summary"))
        parts = lines if not one_line else lines[0].split("  ·  ")
        assert len(lines) == (1 if one_line else 2), lines
        assert parts[0].endswith("its own verdict, not a score cut") and parts[1].startswith("▲ its highest score "), lines
        await pilot.press("right")
        await settle(pilot)
        lines = drawn_lines(app.screen.query_one("#threshold-summary"))
        assert lines[0].endswith(" lowest-scored rows (0 goes back)"), lines
        assert lines[-1].endswith("its own verdict, not a score cut"), lines
