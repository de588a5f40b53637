"""The shipped demo CSV is exactly what the project's generator writes."""

from __future__ import annotations

import pandas as pd

from engine.demo import build_demo, demo_path


def test_shipped_demo_matches_the_generator():
    shipped = pd.read_csv(demo_path(), keep_default_na=False)
    built = build_demo()
    pd.testing.assert_frame_equal(shipped, built.astype(str), check_dtype=False)


def test_demo_has_something_for_every_screen():
    frame = build_demo()
    assert 200 <= len(frame) <= 400
    assert (frame["text"] == "").sum() == 1
    assert frame["label"].value_counts().min() <= 3  # a rare class
    assert frame["label"].is_monotonic_increasing  # sorted by class: non-IID
