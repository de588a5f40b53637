"""The progress line stops saying 'reused from cache' once the embedding encodes every text again.

engine/embed_stage.py ``_encode`` starts over, reporting without ``reused``, where the cached vectors'
width differs from the model's (a hub name updated in place): the stage's total becomes every text.
StageClock kept the first count's reused texts (it took ``reused`` only where non-zero, so that the
stage's 'starting' report could not clear it), and the line read '10/1,500 texts (500 reused from
cache)' while all 1,500 were being encoded and none reused (review32).
"""

from __future__ import annotations

from tui.screens.progress import StageClock


def test_a_restart_that_encodes_every_text_says_no_reuse():
    clock = StageClock("embed", 0.0)
    clock.report(0.0, 0, 1, "starting")
    clock.report(0.1, 0, 1_000, "loading all-MiniLM-L6-v2", 500)
    assert "(+500 reused from cache)" in clock.line(0.2)  # the 'starting' report before it cleared nothing
    clock.report(1.0, 100, 1_000, "", 500)
    assert "100/1,000 texts (+500 reused from cache)" in clock.line(1.5)
    clock.report(2.0, 10, 1_500, "", 0)  # the model changed: every text encoded again
    assert "reused" not in clock.line(3.0) and "10/1,500 texts" in clock.line(3.0)
