"""The report screen's lines are drawn on the screen's background, not the terminal's default.

walk42 (tmux 80x24 and ``serve`` in Chromium, demo, ``r``): every report line but the cursor's
was written with the terminal's default colours (SGR 39/49), so each sat on a black (Chromium) or
white (a light terminal) patch as wide as its text, amid the app's dark background; the padding
after it and every other screen used the theme's colours.
"""

from __future__ import annotations

from pilot_helpers import open_report
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_every_report_line_is_drawn_on_the_widgets_background(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.report = "\n".join(["Dataset: demo.csv  (258 rows, 7 classes)", "", "Issues found (rows flagged per type):",
                             "  label                        4", "  outlier                      5",
                             "------------ label issues ------------",
                             "   is_label_issue  label_score  given_label  predicted_label",
                             "7  True  0.004956  card_lost  change_pin", "note: a note of a few words"])
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        report = await open_report(pilot)
        await pilot.pause()
        background = report.rich_style.bgcolor
        assert background is not None
        cursor = report.get_component_rich_style("wide-lines--cursor").bgcolor
        drawn = 0
        for y in range(report.scrollable_content_region.height):
            strip = report.render_line(y)
            at = int(report.scroll_offset.y) + y
            on_cursor = at < len(report._shown) and report._shown[at][0] == report.highlighted
            for segment in strip:
                if not segment.text.strip():
                    continue
                drawn += 1
                assert segment.style is not None and segment.style.bgcolor is not None, (y, segment)
                assert segment.style.bgcolor == (cursor if on_cursor and segment.text.strip() != "▶" else background), (
                    y, segment.text, segment.style)
        assert drawn > 8  # the report's text was looked at, not only blank lines
