"""The report screen's (r) 'pred_probs:' line stays one line with a long --model folder, cut as the summary's
(3116833): ui38b saw it wrap in two at 120 columns. The CLI report prints it whole (engine/report_render)."""

from __future__ import annotations

from pilot_helpers import open_report
from tui_synthetic import fixed_view

from tui.app import TextauditApp

MODEL = "/home/me/team-shared-checkpoints/experiments-2026-12/banking-intent-finetune/all-MiniLM-L6-v2-finetuned-epoch3"
LINE = f"pred_probs: {MODEL} + TF-IDF view (weight 0.70)"
NOTE = "note: " + "a long note of many words " * 8


async def test_the_reports_pred_probs_line_fits(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.report = "\n".join(["Dataset: demo.csv  (300 rows, 10 classes)", LINE, "", NOTE])
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        report = await open_report(pilot)
        index = next(i for i, line in enumerate(app.screen.lines) if line.text == LINE)
        note = next(i for i, line in enumerate(app.screen.lines) if line.text == NOTE)
        for size in ((80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            taken = report.screen_lines(index)
            assert len(taken) == 1, size  # one screen line
            drawn = report.render_line(taken.start - int(report.scroll_offset.y)).text.rstrip()
            assert drawn.startswith("  pred_probs: /home/") and drawn.endswith("-epoch3 + TF-IDF view (weight 0.70)")
            assert "…" in drawn and len(drawn) <= report.scrollable_content_region.width
            assert len(report.screen_lines(note)) > 1  # the notes still wrap
