"""Rows with no text are the null check's alone: not a near-duplicate set of each other, not outliers,
not an underperforming group (engine/issue_managers._NoTextNoFlag; probe28: 4 blank rows added to
banking77 test were null, one near-duplicate set of 4, and with '?' and 'ok' the underperforming group)."""

from __future__ import annotations

import numpy as np

from engine.audit import run_datalab


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((3, 16))
    labels = np.repeat(np.arange(3), 40)
    features = centers[labels] + 0.6 * rng.standard_normal((len(labels), 16))
    features[1] = features[0] + 1e-4  # a real near-duplicate pair, kept
    empty = np.zeros(len(labels), dtype=bool)
    empty[[10, 50, 90, 119]] = True
    features[empty] = rng.standard_normal(16)  # every empty text has the same vector
    probs = np.full((len(labels), 3), 0.1)
    probs[np.arange(len(labels)), labels] = 0.8
    return labels, features.astype(np.float32), probs.astype(np.float32), empty


def test_empty_texts_are_null_only():
    labels, features, probs, empty = _data()
    output = run_datalab(labels, probs, None, features=features, null_mask=empty,
                         issue_types=("null", "outlier", "near_duplicate", "underperforming_group"))
    issues = output.issues
    assert issues["is_null_issue"].to_numpy()[empty].all()
    for check in ("near_duplicate", "outlier", "underperforming_group"):
        assert not issues[f"is_{check}_issue"].to_numpy()[empty].any(), check
        assert (issues[f"{check}_score"].to_numpy()[empty] == 1.0).all(), check  # a re-threshold leaves them be
    sets = issues["near_duplicate_sets"]
    assert all(len(sets[row]) == 0 for row in np.flatnonzero(empty))
    assert not any(set(np.flatnonzero(empty)) & set(map(int, found)) for found in sets)
    assert issues["is_near_duplicate_issue"][[0, 1]].all() and set(sets[0]) == {1}  # the real pair stays
    counts = dict(zip(output.summary["issue_type"], output.summary["num_issues"]))
    assert counts["near_duplicate"] == int(issues["is_near_duplicate_issue"].sum())


def test_without_empty_texts_the_checks_are_datalabs():
    labels, features, probs, _ = _data()
    ours = run_datalab(labels, probs, None, features=features, issue_types=("outlier", "near_duplicate"))
    none = run_datalab(labels, probs, None, features=features, null_mask=np.zeros(len(labels), dtype=bool),
                       issue_types=("outlier", "near_duplicate"))
    for column in ("is_outlier_issue", "outlier_score", "is_near_duplicate_issue", "near_duplicate_score"):
        np.testing.assert_array_equal(ours.issues[column].to_numpy(), none.issues[column].to_numpy())


def test_an_even_spread_with_no_outlier_says_where_the_cut_is():
    """AG News' case (probe28): texts that spread evenly put Datalab's outlier fence past every row;
    the note says so and where the isolated rows are. Clustered data with a far row: no note."""
    rng = np.random.default_rng(3)
    even = rng.standard_normal((1200, 24))  # no clusters: every row about as far from its neighbours
    labels = np.repeat(np.arange(3), 400)
    probs = np.full((1200, 3), 1 / 3, dtype=np.float32)
    output = run_datalab(labels, probs, None, features=even.astype(np.float32), issue_types=("outlier",))
    flagged = int(output.issues["is_outlier_issue"].sum())
    assert flagged < 0.001 * 1200
    note = next(note for note in output.notes if note.startswith("outlier:"))
    assert "past Datalab's cut" in note and "x the median here" in note and "lowest outlier scores" in note

    clustered = np.repeat(rng.standard_normal((6, 24)), 200, axis=0) + 0.05 * rng.standard_normal((1200, 24))
    clustered[:8] = rng.standard_normal((8, 24))  # rows far from every cluster
    output = run_datalab(labels, probs, None, features=clustered.astype(np.float32), issue_types=("outlier",))
    assert output.issues["is_outlier_issue"].sum() >= 1
    assert not any(note.startswith("outlier:") for note in output.notes)


def test_texts_of_the_same_words_are_near_duplicates():
    """banking77's 'What are the fees for top-ups?' / '... top ups?' sat past Datalab's relative cut (probe28)."""
    from engine.same_words import same_words_groups, words_of

    assert words_of("What are the fees for Top-ups?") == words_of("what are the fees for top ups") == "what are the fees for top ups"
    texts = ["How can I top up?", "how can i TOP UP!!", "Something else", "?", "!!", "", "Something  else."]
    empty = np.array([False] * 5 + [True, False])
    groups = same_words_groups(texts, empty)
    assert groups[0] == groups[1] >= 0 and groups[2] == groups[6] >= 0 and groups[0] != groups[2]
    assert (groups[[3, 4, 5]] == -1).all()  # no word, or no text: never the same words

    labels, features, probs, _ = _data(1)
    same = np.full(len(labels), -1)
    same[[20, 30]] = 0  # the same words, far apart on the vectors
    plain = run_datalab(labels, probs, None, features=features, issue_types=("near_duplicate",))
    assert not plain.issues["is_near_duplicate_issue"][[20, 30]].any()
    output = run_datalab(labels, probs, None, features=features, issue_types=("near_duplicate",), same_words=same)
    issues = output.issues
    assert issues["is_near_duplicate_issue"][[20, 30]].all()
    assert list(issues["near_duplicate_sets"][20]) == [30] and list(issues["near_duplicate_sets"][30]) == [20]
    from engine.review import flags_at, implied_threshold

    scores, flags = issues["near_duplicate_score"].to_numpy(), issues["is_near_duplicate_issue"].to_numpy()
    assert (scores[[20, 30]] <= 1 - np.exp(-0.13)).all()  # Datalab's score at its default cut (0.13)
    np.testing.assert_array_equal(flags_at(scores, implied_threshold(scores, flags)), flags)  # the TUI's re-threshold
    others = np.setdiff1d(np.arange(len(labels)), [20, 30])
    np.testing.assert_array_equal(issues["is_near_duplicate_issue"].to_numpy()[others],
                                  plain.issues["is_near_duplicate_issue"].to_numpy()[others])
    assert any(note.startswith("near_duplicate: 2 rows are flagged for the same words") for note in output.notes)
    counts = dict(zip(output.summary["issue_type"], output.summary["num_issues"]))
    assert counts["near_duplicate"] == int(issues["is_near_duplicate_issue"].sum())


def test_multilabel_audits_flag_texts_of_the_same_words_too():
    from engine.multilabel_audit import run_datalab_multilabel

    labels, features, probs, _ = _data(1)
    sets = [(int(label),) for label in labels]
    same = np.full(len(labels), -1)
    same[[20, 30]] = 0
    output = run_datalab_multilabel(sets, probs, None, features=features, issue_types=("near_duplicate",),
                                    same_words=same)
    assert output.issues["is_near_duplicate_issue"][[20, 30]].all()
    assert any(note.startswith("near_duplicate: 2 rows are flagged for the same words") for note in output.notes)


def test_empty_texts_are_not_label_issues():
    """review34: in a file of blank rows the model's reading of nothing put them among the wrong labels, each with
    a 'suggested' class; a label cannot be judged without a text (LABEL_VERSION 45)."""
    labels, features, probs, empty = _data()
    probs = probs.copy()
    for row in (5, 45, *np.flatnonzero(empty)):  # two real flips, and every blank row read as the same other class
        probs[row] = 0.05
        probs[row, (labels[row] + 1) % 3] = 0.9
    output = run_datalab(labels, probs, None, features=features, null_mask=empty, issue_types=("null", "label"))
    issues = output.issues
    assert not issues["is_label_issue"].to_numpy()[empty].any()
    assert (issues["label_score"].to_numpy()[empty] == 1.0).all()  # a re-threshold leaves them be
    assert issues["is_label_issue"][[5, 45]].all()  # the real flips stay
    assert issues["datalab_is_label_issue"].to_numpy()[empty].all()  # Datalab's own verdict kept beside it
    plain = run_datalab(labels, probs, None, features=features, issue_types=("null", "label"))
    left = int(np.count_nonzero(plain.issues["is_label_issue"].to_numpy() & empty))  # without the mask: flagged
    assert left >= 2, plain.issues[empty]
    said = f"{left} rows with no text left out of the label issues"
    assert any(said in note for note in output.notes), output.notes
    assert not any("no text left out" in note for note in plain.notes)


def test_multilabel_empty_texts_are_not_label_issues():
    from engine.multilabel_audit import run_datalab_multilabel

    labels, features, _, empty = _data(2)
    sets = [(int(label),) for label in labels]
    probs = np.full((len(labels), 3), 0.02)
    probs[np.arange(len(labels)), labels] = 0.97
    for row in (5, 45, *np.flatnonzero(empty)):  # two real flips, and every blank row read as another label
        probs[row] = 0.02
        probs[row, (labels[row] + 1) % 3] = 0.97
    plain = run_datalab_multilabel(sets, probs, None, features=features, issue_types=("label",))
    left = int(np.count_nonzero(plain.issues["is_label_issue"].to_numpy() & empty))
    assert left >= 2 and plain.issues["is_label_issue"][[5, 45]].all(), plain.issues
    output = run_datalab_multilabel(sets, probs, None, features=features, null_mask=empty, issue_types=("label",))
    assert not output.issues["is_label_issue"].to_numpy()[empty].any()
    assert output.issues["is_label_issue"][[5, 45]].all()
    assert any(f"{left} rows with no text left out of the label issues" in note for note in output.notes)
    # nor a suggested set change, which a accepted (walk38: the demo's blank row offered '-card')
    changes = output.issues["missing_labels"] + output.issues["extra_labels"]
    assert not changes.str.strip().to_numpy()[empty].any(), changes[empty]
    assert changes.str.strip().astype(bool)[[5, 45]].all()


def test_the_detail_pane_says_a_blank_row_is_not_judged(demo_result):
    """The label screen lists every row by score: a blank one read 'The model gives X p=0.01 and prefers Y;
    label score 1.000, not flagged' (the score the check sets so a re-threshold leaves it be)."""
    from tui.view import AuditView
    from tui.widgets.detail_pane import why_flagged

    view = AuditView.from_result(demo_result)
    [blank] = np.flatnonzero(view.flags["null"])
    assert not view.flags["label"][blank]
    assert why_flagged(view, int(blank), "label").startswith("No text: a label cannot be judged without one")
    other = int(np.flatnonzero(~view.flags["null"])[0])
    assert why_flagged(view, other, "label").startswith("The model")
    # Datalab's own flag, kept beside, backs no suggestion there either: a relabelled a blank row to the top class
    assert view.predicted[blank] != view.given[blank]
    view.datalab_label_flags = view.datalab_label_flags.copy()
    view.datalab_label_flags[blank] = True
    assert not view.backs_suggestion(int(blank), datalab=True)
