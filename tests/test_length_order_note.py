"""Texts whose length drifts with the row order get a note beside the non-IID check (engine/length_order.py;
probe28: AG News test ordered by length with noise, rank correlation 0.26, Datalab's p-value 0.10)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.length_order import length_drift_note

WORDS = "card top up transfer money fee rate cash account pin atm refund balance limit phone app".split()


def _texts(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(2, 30)))) for _ in range(n)]


def test_a_drift_in_length_is_said_and_a_random_order_is_not():
    texts = _texts(2000, 0)
    lengths = np.array([len(t) for t in texts], dtype=float)
    rng = np.random.default_rng(1)
    order = np.argsort(lengths.argsort().argsort() / len(texts) + rng.normal(0, 1.0, len(texts)))
    drifting = [texts[i] for i in order]
    note = length_drift_note(drifting)
    assert note is not None and note.startswith("row order: the texts get longer down the file")
    assert length_drift_note(drifting[::-1]).startswith("row order: the texts get shorter")
    assert length_drift_note(texts) is None  # drawn at random: no drift
    assert length_drift_note(drifting[:50]) is None  # too few rows to say


def test_the_audit_says_it(tmp_path):
    from engine.pipeline import AuditOptions, run_audit

    texts = sorted(_texts(400, 2), key=len)
    labels = ["a" if "card" in t.split()[:3] else "b" for t in texts]
    frame = pd.DataFrame({"text": texts, "label": labels})
    result = run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache"),
                                           issue_types=("non_iid",)))
    assert any(note.startswith("row order: the texts get longer") for note in result.notes)


def test_the_reports_non_iid_line_points_to_the_note():
    """AG News ordered by length (rank correlation 0.26) read 'Non-IID p-value: 0.09951 -> consistent with
    i.i.d.' right above the note."""
    from engine.label_order import label_order
    from engine.report_render import report_markdown, report_text

    labels = np.random.default_rng(0).permutation(np.arange(3000) % 4)
    view = {"source": "d.csv", "n_rows": 3000, "n_classes": 4, "issue_counts": {"non_iid": 0},
            "non_iid_p_value": 0.0995, "non_iid_z": 1.2, "label_order": label_order(labels).to_dict(),
            "label_estimate": None, "notes": [], "report": "", "label_names": None}
    note = length_drift_note(sorted(_texts(2000, 4), key=len))
    drift = "but the texts' length drifts with the row order (see the note)"
    assert drift in report_text(view, [note]) and drift in report_markdown(view, [note])
    assert drift not in report_text(view, []) and "consistent with i.i.d." in report_text(view, [])
    assert drift not in report_markdown(view, [])
