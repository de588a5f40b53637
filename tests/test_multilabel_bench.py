"""The multi-label benchmark's data: topics from intent names, and the injected noise."""

from __future__ import annotations

import numpy as np

from bench.quality_multilabel import inject, metrics, topic_of


def test_topics_from_intent_names() -> None:
    assert topic_of("card_arrival") == "card" and topic_of("top_up_by_card_charge") == "card"
    assert topic_of("transfer_timing") == "transfer" and topic_of("top_up_failed") == "top_up"
    assert topic_of("atm_support") == "cash" and topic_of("exchange_rate") == "exchange"
    assert topic_of("passcode_forgotten") == "other"


def test_inject_corrupts_the_rate_half_missing_half_extra() -> None:
    sets = [(i % 5, 5 + i % 3) for i in range(200)]
    noisy, corrupted, changes = inject(sets, 8, 0.1, seed=3)
    assert corrupted.sum() == 20 == len(changes)
    kinds = {"missing": 0, "extra": 0}
    for row in range(200):
        if not corrupted[row]:
            assert noisy[row] == sets[row]
            continue
        add_back, remove = changes[row]
        kinds["missing" if add_back else "extra"] += 1
        fixed = tuple(sorted((set(noisy[row]) | set(add_back)) - set(remove)))
        assert fixed == sets[row] and noisy[row] != sets[row]
    assert kinds == {"missing": 10, "extra": 10}


def test_metrics() -> None:
    truth = np.array([1, 1, 0, 0], dtype=bool)
    m = metrics(truth, np.array([1, 0, 1, 0], dtype=bool), np.array([0.1, 0.2, 0.3, 0.9]))
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["ap"] == 1.0
