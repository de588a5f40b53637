"""The summary's 'pred_probs:' line stays one line with a long --model folder: its path is cut in the
middle, its end kept (ui38: at 80 and 120 columns a local model's path wrapped the line in two or three)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static
from tui_synthetic import fixed_app

MODEL = "/home/me/team-shared-checkpoints/experiments-2026-12/banking-intent-finetune/all-MiniLM-L6-v2-finetuned-epoch3"
LINE = f"pred_probs: {MODEL} + TF-IDF view (weight 0.70)"


async def test_a_long_model_path_stays_on_one_line(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    app._given_view.pred_source = LINE  # AuditView.from_result's, for --model MODEL
    async with app.run_test(size=(80, 24)) as pilot:
        widths = []
        for size in ((80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            line = app.screen.query_one("#pred-source", Static)
            drawn = str(line.render())
            assert line.size.height == 1 and cell_len(drawn) <= line.content_region.width, drawn
            assert drawn.startswith("pred_probs: /home/") and drawn.endswith("-epoch3 + TF-IDF view (weight 0.70)")
            assert "…" in drawn
            widths.append(cell_len(drawn))
        assert widths[0] <= 78 < widths[1]  # grown, it says more of the path


def test_a_short_line_is_left_whole():
    from tui.pred_source import fit_line

    short = "pred_probs: all-MiniLM-L6-v2 + TF-IDF view (weight 0.70)"
    assert fit_line(short, 78) == short and fit_line(short, 40) == short  # the bundled name is never cut
    assert fit_line(LINE, 78).endswith("finetuned-epoch3 + TF-IDF view (weight 0.70)")
