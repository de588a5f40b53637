"""engine/review.py: confusions, live thresholds, more like this, the delta between audits."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine.review import (
    ScoreIndex,
    SimilarityIndex,
    audit_delta,
    confusion_matrix,
    confusion_pairs,
    confusions_by_given,
    confusions_by_suggested,
    flags_at,
    flags_at_thresholds,
    implied_threshold,
    more_like_this,
)


def test_confusion_pairs_group_flagged_rows_by_pair_largest_first():
    given = np.array([0, 0, 1, 1, 1, 2, 0, 2, 0])
    suggested = np.array([1, 1, 0, 2, 2, 0, 1, 0, 2])
    flags = np.array([1, 1, 1, 1, 1, 1, 1, 0, 1], dtype=bool)  # row 7 (2 -> 0) not flagged
    pairs = confusion_pairs(given, suggested, flags)
    assert [(p.given, p.suggested, p.rows.tolist()) for p in pairs] == [
        (0, 1, [0, 1, 6]), (1, 2, [3, 4]), (0, 2, [8]), (1, 0, [2]), (2, 0, [5]),
    ]
    brute: dict[tuple[int, int], list[int]] = {}
    for r in np.flatnonzero(flags):
        brute.setdefault((int(given[r]), int(suggested[r])), []).append(int(r))
    assert {(p.given, p.suggested): p.rows.tolist() for p in pairs} == brute
    by_given = confusions_by_given(given, flags)
    assert [(c.given, c.count) for c in by_given] == [(0, 4), (1, 3), (2, 1)]
    by_suggested = confusions_by_suggested(suggested, flags)
    assert [(c.suggested, c.rows.tolist()) for c in by_suggested] == [(1, [0, 1, 6]), (2, [3, 4, 8]), (0, [2, 5])]  # ties by class
    matrix = confusion_matrix(given, suggested, flags, 3)
    assert matrix[0, 1] == 3 and matrix[2, 0] == 1 and matrix.sum() == flags.sum()


def test_confusion_pairs_with_nothing_flagged():
    assert confusion_pairs(np.array([0, 1]), np.array([1, 0]), np.zeros(2, dtype=bool)) == []


def test_thresholds_recompute_flags_and_lists_from_scores():
    rng = np.random.default_rng(0)
    scores = rng.random(1000)
    scores[5] = np.nan
    index = ScoreIndex(scores)
    for t in (0.0, 0.05, 0.3, 0.999, 2.0):
        expected = np.array([s <= t for s in scores])  # plain Python comparison, NaN never
        assert np.array_equal(index.flags_at(t), expected)
        assert index.count_at(t) == expected.sum()
        rows = index.rows_at(t)
        assert set(rows.tolist()) == set(np.flatnonzero(expected).tolist())
        assert np.all(np.diff(scores[rows]) >= 0)  # most severe first
    counts, edges = index.histogram(10)
    assert counts.sum() == 999 and len(edges) == 11


def test_implied_threshold_gives_back_the_audits_lowest_score_flags():
    scores = np.array([0.9, 0.1, 0.5, 0.2, 0.7])
    flags = np.array([0, 1, 0, 1, 0], dtype=bool)
    t = implied_threshold(scores, flags)
    assert t == 0.2 and np.array_equal(flags_at(scores, t), flags)
    assert implied_threshold(scores, np.zeros(5, dtype=bool)) is None


def test_flags_at_thresholds_per_issue_type_and_refuses_others():
    issues = pd.DataFrame({"label_score": [0.1, 0.6, 0.3], "outlier_score": [0.9, 0.05, 0.5],
                           "near_duplicate_score": [0.0, 0.2, 1.0]})
    flags = flags_at_thresholds(issues, {"label": 0.3, "outlier": 0.1, "near_duplicate": 0.0})
    assert flags["label"].tolist() == [True, False, True]
    assert flags["outlier"].tolist() == [False, True, False]
    assert flags["near_duplicate"].tolist() == [True, False, False]
    with pytest.raises(ValueError, match="non_iid"):
        flags_at_thresholds(issues, {"non_iid": 0.5})


def test_more_like_this_matches_brute_force():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(500, 16)).astype(np.float32)  # not unit-norm: the index normalises
    index = SimilarityIndex(vectors)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    for row in (0, 17, 499):
        rows, sims = index.like_row(row, k=25)
        brute = [r for r in np.argsort(-(unit @ unit[row]), kind="stable") if r != row][:25]
        assert rows.tolist() == [int(r) for r in brute]
        assert np.allclose(sims, unit[rows] @ unit[row], atol=1e-5)
        assert row not in rows
    rows, _ = index.like_row(3, k=10_000)
    assert len(rows) == 499


def test_more_like_this_table_has_labels_and_flags():
    vectors = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.8, 0.3]], dtype=np.float32)
    issues = pd.DataFrame({"is_label_issue": [False, True, False, False],
                           "is_outlier_issue": [False, True, True, False]})
    table = more_like_this(SimilarityIndex(vectors), 0, labels=np.array([0, 1, 1, 0]),
                           class_names=["a", "b"], issues=issues, k=2)
    assert table["row"].tolist() == [1, 3]
    assert table["given_label"].tolist() == ["b", "a"]
    assert table["flagged"].tolist() == [["label", "outlier"], []]


def test_audit_delta_matches_rows_by_original_position():
    before = pd.DataFrame({"is_label_issue": [True, True, True, False, False],
                           "is_outlier_issue": [False, False, True, False, True]})
    # row 2 was excluded; the corrected audit has rows 0, 1, 3, 4 of the original
    after = pd.DataFrame({"is_label_issue": [False, True, True, False],
                          "is_outlier_issue": [False, False, False, True]})
    delta = audit_delta(before, after, np.array([0, 1, 3, 4]),
                        before_labels=np.array([0, 0, 1, 1, 0]), after_labels=np.array([1, 0, 1, 0]),
                        class_names_before=["a", "b"], class_names_after=["a", "b"])
    label = delta["label"]
    assert (label["resolved"], label["remaining"], label["new"]) == (2, 1, 1)
    assert label["resolved_by_removal"] == 1 and label["new_rows"] == [3]
    assert (label["before"], label["after"]) == (3, 2)
    assert label["by_class"] == {"a": {"resolved": 1, "remaining": 1, "new": 0},
                                 "b": {"resolved": 1, "remaining": 0, "new": 1}}
    outlier = delta["outlier"]
    assert (outlier["resolved"], outlier["remaining"], outlier["new"]) == (1, 1, 0)


# ----------------------------------------------------------------------------- audit --apply-journal
def _topic_frame() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    words = {"sport": "goal match team score league coach player stadium".split(),
             "money": "bank loan interest card payment transfer account cash".split(),
             "food": "recipe bake flour oven sugar dinner spice kitchen".split()}
    rows = []
    for label, vocab in words.items():
        for _ in range(40):
            rows.append({"text": " ".join(rng.choice(vocab, size=6)), "label": label})
    frame = pd.DataFrame(rows)
    frame.loc[[3, 50, 95, 110], "label"] = ["money", "food", "sport", "sport"]  # planted wrong labels
    return frame


def test_apply_journal_delta_matches_two_separate_audits(tmp_path, capsys):
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.cli import main

    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    cache = ["--model", "tfidf", "--folds", "3", "--cache-dir", str(tmp_path / "cache")]
    before_csv, after_csv = tmp_path / "before.csv", tmp_path / "after.csv"
    assert main(["audit", str(data), *cache, "--issues-out", str(before_csv)]) == 0
    before = pd.read_csv(before_csv)
    flagged = before.index[before["is_label_issue"]].tolist()
    assert flagged, "the planted label errors should be flagged"
    journal_path = tmp_path / "topics.corrections.jsonl"
    dataset = load_dataset(str(data))
    excluded = 7
    with Journal.open(journal_path, dataset) as journal:
        for row in flagged:
            suggestion = before.loc[row, "predicted_label"]
            journal.record("relabel", row, label_after=suggestion, issue_type="label", suggested_label=suggestion)
        journal.record("exclude", excluded, issue_type="outlier")
    corrected = tmp_path / "corrected.csv"
    assert main(["export", str(data), "--journal", str(journal_path), "-o", str(corrected)]) == 0
    assert main(["audit", str(corrected), *cache, "--issues-out", str(after_csv)]) == 0
    after = pd.read_csv(after_csv)
    capsys.readouterr()

    assert main(["audit", str(data), *cache, "--apply-journal", str(journal_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_rows"] == len(before) - 1
    assert out["journal"]["relabel"] == len(flagged) and out["journal"]["exclude"] == 1
    rows = [r for r in range(len(before)) if r != excluded]
    for name in ("label", "outlier", "near_duplicate"):
        was = before[f"is_{name}_issue"].to_numpy(dtype=bool)
        now = np.zeros(len(before), dtype=bool)
        now[rows] = after[f"is_{name}_issue"].to_numpy(dtype=bool)
        delta = out["delta"][name]
        assert delta["resolved"] == int((was & ~now).sum())
        assert delta["remaining"] == int((was & now).sum())
        assert delta["new"] == int((~was & now).sum())
        assert delta["new_rows"] == np.flatnonzero(~was & now).tolist()
    assert out["delta"]["label"]["resolved"] > 0  # relabelling to the suggestion resolves label issues
    assert out["issue_counts_before"]["label"] == len(flagged)


def test_apply_journal_with_relabels_only_reuses_vectors_and_graph(tmp_path, capsys):
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.cli import main

    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    cache = ["--model", "tfidf", "--folds", "3", "--cache-dir", str(tmp_path / "cache")]
    journal_path = tmp_path / "topics.corrections.jsonl"
    with Journal.open(journal_path, load_dataset(str(data))) as journal:
        journal.record("relabel", 3, label_after="sport", issue_type="label")
    assert main(["audit", str(data), *cache, "--apply-journal", str(journal_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["stage_cache_hits"] == {"embed": True, "neighbours": True, "predict": False, "audit": False}
    assert out["n_rows"] == 120 and out["journal"]["relabel"] == 1
    assert set(out["delta"]) >= {"label", "outlier", "near_duplicate"}


def test_apply_journal_for_another_dataset_fails_in_one_line(tmp_path, capsys):
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.cli import main

    data, other = tmp_path / "topics.csv", tmp_path / "other.csv"
    frame = _topic_frame()
    frame.to_csv(data, index=False)
    frame.assign(text=frame["text"] + " x").to_csv(other, index=False)
    journal_path = tmp_path / "other.corrections.jsonl"
    with Journal.open(journal_path, load_dataset(str(other))) as journal:
        journal.record("exclude", 0, issue_type="outlier")
    code = main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache"),
                 "--apply-journal", str(journal_path)])
    err = capsys.readouterr().err
    assert code == 1 and "does not match this dataset" in err and "Traceback" not in err


def test_apply_journal_leaving_one_class_names_the_data_and_journal(tmp_path, capsys):
    """It said '<DataFrame>: only one class ...': the corrected copy is a frame, but the user gave a file."""
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.cli import main

    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    dataset = load_dataset(str(data))
    journal_path = tmp_path / "topics.corrections.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        for row in range(len(dataset)):
            if dataset.label_display(row) != "food":
                journal.record("relabel", row, label_after="food", issue_type="label")
    code = main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache"),
                 "--apply-journal", str(journal_path)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert code == 1
    assert err == [f"textaudit: error: {data} with the journal topics.corrections.jsonl applied: only one class "
                   "('food') in column 'label'; label auditing needs at least two"]


def test_apply_journal_excluding_every_row_says_so(tmp_path, capsys):
    """It said 'demo.csv with the journal J applied: has a header but no rows'."""
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.cli import main

    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    dataset = load_dataset(str(data))
    journal_path = tmp_path / "topics.corrections.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        journal.record_columns(list(range(len(dataset))), [1] * len(dataset), [-1] * len(dataset), [],
                               issue_type="label")
    code = main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache"),
                 "--apply-journal", str(journal_path)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert code == 1 and err == [f"textaudit: error: {data} with the journal topics.corrections.jsonl applied: "
                                 "no rows left (every row is excluded); nothing to audit"]
