"""The summary says where the label check's pred_probs came from, as the report (r) and --format json do:
a user weighing the label list saw 'pred_probs: all-MiniLM-L6-v2 + TF-IDF view (weight 0.70)' only after r (ui38)."""

from __future__ import annotations

from types import SimpleNamespace

from rich.cells import cell_len
from textual.widgets import Static
from tui_synthetic import fixed_app

from engine.pipeline import AuditOptions
from engine.second_view import NO_WORDS_NOTE, large_note


def _result(notes: list[str] | None = None, weight: float | None = None, **options) -> SimpleNamespace:
    """What pred_probs_line reads of an AuditResult."""
    return SimpleNamespace(options=AuditOptions(**options), notes=notes or [], view_weight=weight,
                           dataset=SimpleNamespace(is_multilabel=False))


def test_each_source_in_one_short_line():
    from tui.pred_source import pred_probs_line

    lines = {
        "pooled": pred_probs_line(_result(weight=0.7)),
        "large": pred_probs_line(_result([large_note(350_000)])),
        "no words": pred_probs_line(_result([NO_WORDS_NOTE])),
        "none": pred_probs_line(_result(second_view="none")),
        "tfidf": pred_probs_line(_result(model="tfidf")),
        "given": pred_probs_line(_result(pred_probs_path="/d/probs.npy")),
    }
    assert lines["pooled"] == "pred_probs: all-MiniLM-L6-v2 + TF-IDF view (weight 0.70)"  # the report's words
    assert "alone (TF-IDF view left out: over 300,000 rows)" in lines["large"]
    assert "alone (TF-IDF view left out: no words to read)" in lines["no words"]
    assert lines["none"] == "pred_probs: all-MiniLM-L6-v2 alone (--second-view none)"
    assert "tfidf alone" in lines["tfidf"] and "probs.npy" in lines["given"]
    assert all(line.startswith("pred_probs: ") and cell_len(line) <= 78 for line in lines.values())  # 80 - padding


async def test_the_summary_shows_the_line(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    app._given_view.pred_source = "pred_probs: all-MiniLM-L6-v2 + TF-IDF view (weight 0.70)"  # AuditView.from_result's
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#pred-source", Static)
        assert str(line.render()) == "pred_probs: all-MiniLM-L6-v2 + TF-IDF view (weight 0.70)"
        assert line.size.height == 1  # one line at 80 columns
