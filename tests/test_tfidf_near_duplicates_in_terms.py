"""--model tfidf flagged templated texts that differ in one rare word as near-duplicates (sanity40: manpages 1,307
of 3,000 rows, 'fputws_unlocked - nonlocking stdio functions' ~ 'getc_unlocked - ...' at distance 0.000): the
256-dim SVD drops the rare terms that tell them apart. A pair is now confirmed on the sparse TF-IDF rows
(engine/tfidf_confirm.py); exact copies stay flagged, and a re-threshold at the audit's own cut gives its flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
from synthetic import templated_frame

from engine.pipeline import AuditOptions, run_audit
from engine.review import flags_at, implied_threshold

TEMPLATES = ("{} - nonlocking stdio functions", "{} - convert a wide character string to a multibyte string",
             "{} - Perl extension for the common gateway interface", "{} library - development files for the toolkit",
             "{} - transfer data from a file descriptor")


def _frame() -> pd.DataFrame:
    """260 random texts, 150 templated texts each with its own name (5 templates x 30), then exact copies of the
    first 10 texts."""
    return templated_frame(TEMPLATES, seed=0)


def test_templated_texts_not_near_duplicates_copies_still(tmp_path) -> None:
    result = run_audit(_frame(), AuditOptions(model="tfidf", issue_types=("near_duplicate",),
                                               cache_root=str(tmp_path / "cache")))
    issues = result.output.issues
    flagged = issues["is_near_duplicate_issue"].to_numpy(dtype=bool)
    assert not flagged[260:410].any(), f"{int(flagged[260:410].sum())} templated texts flagged"  # old code: 150
    assert flagged[:10].all() and flagged[410:].all()  # the exact copies and their originals
    assert int(flagged.sum()) == 20
    sets = issues["near_duplicate_sets"]
    assert all(set(np.asarray(sets[row]).tolist()) == {row + 410} for row in range(10))
    scores = issues["near_duplicate_score"].to_numpy(dtype=np.float64)
    assert np.array_equal(flags_at(scores, implied_threshold(scores, flagged)), flagged)  # the TUI's re-flag
    assert any("not flagged: on the texts' own terms" in note for note in result.output.notes)


def test_multi_label_templated_texts_not_near_duplicates(tmp_path) -> None:
    frame = _frame()
    frame["label"] = ["a|b" if i % 4 == 0 else ("a", "b", "c")[i % 3] for i in range(len(frame))]
    result = run_audit(frame, AuditOptions(model="tfidf", label_sep="|", issue_types=("near_duplicate",),
                                           cache_root=str(tmp_path / "cache")))
    flagged = result.output.issues["is_near_duplicate_issue"].to_numpy(dtype=bool)
    assert not flagged[260:410].any(), f"{int(flagged[260:410].sum())} templated texts flagged"  # old code: 150
    assert flagged[:10].all() and flagged[410:].all() and int(flagged.sum()) == 20
