"""A cancel while long texts embed keeps the chunks done: a CPU chunk is bounded by characters too.

walk31, tmux 120x40, 5,000 Debian packages audited on synopsis+description (256 tokens a text,
9-14 texts/s on 2 busy cores): escape after 927 texts were embedded said 'no stage had finished, so
nothing is cached: the next start begins again at embed'. The chunks were 2,048 texts whatever their
length, longest first, so the first chunk alone ran ~3 minutes and a cancel inside it kept nothing.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest

from engine.embed import embed_texts
from engine.errors import EmbedCancelled


def test_a_cancel_among_long_texts_keeps_the_texts_of_the_chunks_done():
    texts = [f"package {i}: " + "a library of widgets and tools for the desktop " * 32 for i in range(20)]
    assert all(len(text) > 1024 for text in texts)  # each about 256 tokens, as a long description
    whole = embed_texts(texts)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 4:
            cancel.set()

    with pytest.raises(EmbedCancelled) as caught:
        embed_texts(texts, chunk_size=16, progress=progress, cancel=cancel)
    rows = np.asarray(caught.value.rows)
    # 16 texts a chunk: the cancel fell inside the first and kept none of it (or all 16 of 20)
    assert 4 <= len(rows) < 16, len(rows)
    np.testing.assert_allclose(caught.value.vectors, whole[rows], atol=1e-6)  # the whole run's vectors


def test_short_texts_keep_whole_chunks_and_every_chunk_has_a_text():
    from engine.embed import chunk_bounds

    assert chunk_bounds(np.full(5_000, 60), 2048) == [(0, 2048), (2048, 4096), (4096, 5_000)]
    long = chunk_bounds(np.full(2_048, 1_500), 2048)
    assert [end - start for start, end in long] == [512] * 4  # each counted as 1,024 characters
    assert chunk_bounds(np.array([10**6, 5, 5]), 1) == [(0, 1), (1, 2), (2, 3)]
    assert chunk_bounds(np.array([10**6, 5, 5]), 2048) == [(0, 3)]  # a text is counted up to 1,024
    assert chunk_bounds(np.full(5, 1_500), 2, on_gpu=True) == [(0, 2), (2, 4), (4, 5)]
