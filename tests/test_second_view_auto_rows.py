"""--second-view auto pools the TF-IDF view up to 300,000 rows (AUTO_MAX_ROWS; 200,000 before scale39 measured the
capped view at 300k: bench/README.md) and says so above; a user's --second-view tfidf pools it at any size."""

from __future__ import annotations

from types import SimpleNamespace

from engine.pipeline import AuditOptions
from engine.second_view import AUTO_MAX_ROWS, large_note, uses_second_view

_RUNNER = SimpleNamespace(user_pred_probs=None, features=None)  # what uses_second_view reads of the runner


def test_auto_pools_the_view_up_to_300k_rows() -> None:
    assert AUTO_MAX_ROWS == 300_000
    assert uses_second_view(AuditOptions(), _RUNNER, 300_000)
    assert not uses_second_view(AuditOptions(), _RUNNER, 300_001)
    assert uses_second_view(AuditOptions(second_view="tfidf"), _RUNNER, 300_001)
    assert "over the 300,000 that --second-view auto pools (its memory grows with the rows)" in large_note(300_001)
