"""A second cancel counts the vectors an earlier cancel left in the cache: they are still there.

walk31, tmux 120x40, 5,000 Debian packages on synopsis+description with an empty cache: escape in
the embedding said 'cached: the vectors of 618 texts embedded by then'; the next start embedded
the other 4,382, and escape 19 s later said 'no stage had finished, so nothing is cached: the next
start begins again at embed', while the 618 were still cached and the start after it reused them.
"""

from __future__ import annotations

import functools
import threading

import pandas as pd
import pytest

import engine.embed
from engine.errors import EmbedCancelled
from engine.pipeline import AuditOptions, run_audit
from tui.screens.progress import cancelled_line

CHUNK = 16


def _cancelled(frame: pd.DataFrame, options: AuditOptions, after: int) -> EmbedCancelled:
    """The audit cancelled once the embedding reported ``after`` texts done (0: before any chunk)."""
    cancel = threading.Event()

    def progress(report) -> None:
        if report.stage == "embed" and report.total > 1 and report.done >= after:
            cancel.set()

    with pytest.raises(EmbedCancelled) as caught:
        run_audit(frame, options, progress=progress, cancel=cancel)
    return caught.value


def test_a_cancel_before_any_new_chunk_still_counts_the_cached_texts(demo_csv, tmp_path, monkeypatch):
    monkeypatch.setattr(engine.embed, "embed_texts", functools.partial(engine.embed.embed_texts, chunk_size=CHUNK))
    frame = pd.read_csv(demo_csv)
    options = AuditOptions(id_column="id", cache_root=str(tmp_path / "cache"))
    first = _cancelled(frame, options, 2 * CHUNK).kept
    assert CHUNK <= first < len(frame)
    again = _cancelled(frame, options, 0).kept  # cancelled before its first chunk finished
    assert again == first, (first, again)
    line = cancelled_line([], True, again)
    assert f"cached: the vectors of {first:,} texts" in line and "nothing is cached" not in line, line
