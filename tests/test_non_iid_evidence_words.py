"""The non-IID words are as strong as the evidence, the same on the summary, the Non-IID screen and
the text and Markdown reports; Datalab's flag and its exact p-value stay.

Seen on a 220,000-row CSV in random order: p = 0.0215 (Datalab flags p < 0.05) and the summary
said 'the row order is NOT random: similar texts sit together (the labels' order looks random);
shuffle before splitting'. 1 file in 20 in random order gets p < 0.05. Now only p < 0.001 says
NOT random; 0.001 <= p < 0.05 says 'likely not random' and how often a random order scores as low.
"""

from __future__ import annotations

import numpy as np
import pytest
from tui_synthetic import non_iid_words, shuffled_order

from engine.report_render import report_markdown, report_text
from engine.label_order import label_order
from tui.screens.non_iid import p_value_line
from tui.screens.summary import non_iid_verdict


def report_view(p_value: float) -> dict:
    return {"source": "d.csv", "n_rows": 220_000, "n_classes": 77, "issue_counts": {"non_iid": 1},
            "non_iid_p_value": p_value, "label_estimate": None, "notes": [], "report": "", "label_names": None}


def every_wording(p_value: float) -> dict[str, str]:
    random_labels = label_order(np.random.default_rng(0).integers(0, 5, 4000))
    view = report_view(p_value)
    return {"summary": non_iid_verdict(p_value, random_labels), "summary without labels": non_iid_verdict(p_value),
            "screen": p_value_line(p_value), "text report": report_text(view, []),
            "markdown report": report_markdown(view)}


@pytest.mark.parametrize("p_value", [0.0215, 0.001, 0.0499])
def test_p_just_under_005_says_likely_not_random(p_value):
    odds = f"about 1 random order in {round(1 / p_value):,} scores this low"
    for where, words in every_wording(p_value).items():
        assert "NOT random" not in words and "NOT i.i.d." not in words, (where, words)
        assert "likely not" in words and odds in words, (where, words)
    assert "similar texts sit together" not in non_iid_verdict(p_value, label_order(np.arange(4000) % 5))


@pytest.mark.parametrize("p_value", [0.0, 0.0009])
def test_strong_evidence_says_not_random(p_value):
    for where, words in every_wording(p_value).items():
        assert ("NOT random" in words or "NOT i.i.d." in words) and "likely" not in words, (where, words)


def test_no_evidence_says_consistent():
    for where, words in every_wording(0.3).items():
        assert "consistent with" in words and "not random" not in words.lower(), (where, words)


def test_labels_grouped_by_label_are_not_random_whatever_p():
    """The label runs test is evidence of its own (z >= 4): a file sorted by label stays NOT random."""
    grouped = label_order(np.repeat(np.arange(4), 30))
    assert "NOT random: the rows are grouped by label" in non_iid_verdict(0.0215, grouped)


async def test_the_summary_and_the_screen_at_p_0_0215(pinned_result, tmp_path):
    summary, screen, why = await non_iid_words(pinned_result, tmp_path, shuffled_order, 0.0215, size=(120, 40))
    for words in (summary, screen):
        assert "p = 0.0215" in words and "likely not random" in words and "NOT random" not in words, words
    assert "looks random" in why and "similar texts sit together" not in why, why  # it read so under any p
