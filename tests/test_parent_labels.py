"""A coarse label beside its finer ones (engine/parent_labels.py): a quarter of the rows of 4 fine classes carry
their topic alone. Such a parent label is coarse, not wrong, but the label check read every parent row as a
flip out of a child (issue 17; bench/quality.py ``banking77test+hier``: 299 of 3,080 clean rows flagged, 2.5-3.2x
the flips at 5%). Here on Gaussian blobs with out-of-fold logistic-regression probabilities: on the old code
the clean file flagged 39-59 of 600 rows, nearly all parent rows, and 5% random flips 2.4-3.1x."""

from __future__ import annotations

import numpy as np
import pytest

from engine.label_posterior import score_labels

CHILDREN = [0, 1, 2, 3]
PARENT = 10


def _blobs(seed: int):
    """10 fine classes of 60 rows, 16 dimensions; a quarter of classes 0-3's rows labelled 10, their topic."""
    rng = np.random.default_rng(seed)
    fine = np.repeat(np.arange(10), 60)
    vectors = rng.normal(0, 1, (10, 16))[fine] * 2.2 + rng.normal(0, 1, (len(fine), 16))
    labels = fine.copy()
    labels[np.isin(fine, CHILDREN) & (rng.random(len(fine)) < 0.25)] = PARENT
    return rng, vectors, fine, labels


def _out_of_fold(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    return cross_val_predict(LogisticRegression(max_iter=500), vectors, labels, cv=5, method="predict_proba")


@pytest.fixture(scope="module")
def clean():
    rng, vectors, fine, labels = _blobs(0)
    return rng, vectors, fine, labels, _out_of_fold(vectors, labels)


def test_a_clean_file_with_a_parent_label_flags_almost_none_of_its_rows(clean):
    _, _, _, labels, probs = clean
    verdict = score_labels(labels, probs)
    assert int(verdict.flags.sum()) <= 6  # the old code: 39, 37 of them parent rows
    assert int((verdict.flags & (labels == PARENT)).sum()) <= 2


@pytest.mark.parametrize("seed", [0, 2])
def test_random_flips_beside_a_parent_label_are_counted_as_flips(seed):
    rng, vectors, _, labels = _blobs(seed)
    flipped = rng.random(len(labels)) < 0.05
    noisy = labels.copy()
    noisy[flipped] = (labels[flipped] + rng.integers(1, 11, int(flipped.sum()))) % 11
    verdict = score_labels(noisy, _out_of_fold(vectors, noisy))
    assert 0.5 * flipped.sum() <= verdict.flags.sum() <= 2 * flipped.sum()  # the old code: 79 for 33, 106 for 41
    assert (verdict.flags & flipped).sum() >= 0.7 * verdict.flags.sum()


def test_a_row_given_the_parent_from_outside_its_children_is_still_flagged(clean):
    _, vectors, fine, labels, _ = clean
    wrong = np.array([np.flatnonzero(fine == c)[0] for c in range(4, 10)])  # a row of each class outside the topic
    noisy = labels.copy()
    noisy[wrong] = PARENT
    verdict = score_labels(noisy, _out_of_fold(vectors, noisy))
    assert [(found["class"], sorted(found["children"])) for found in verdict.parents] == [(PARENT, CHILDREN)]
    assert set(np.argsort(verdict.score)[:6]) == set(wrong)  # the old code: 2 of them under 44 parent rows
    assert 4 <= verdict.flags.sum() <= 8 and verdict.flags[wrong].sum() >= 4


def test_the_signature_finds_the_parent_and_its_children_only(clean):
    from engine.parent_labels import parent_like

    rng, vectors, fine, labels, probs = clean
    found = parent_like(labels, probs)
    assert [(item["class"], sorted(item["children"]), item["rows"]) for item in found] == [
        (PARENT, CHILDREN, int((labels == PARENT).sum()))]
    assert found[0]["own_share"] < 0.5
    assert parent_like(fine, _out_of_fold(vectors, fine)) == []  # no parent label: nothing
    # a catch-all given to a quarter of every class's rows is a default label, not a parent: flagged as before
    catch_all = fine.copy()
    catch_all[rng.random(len(fine)) < 0.25] = PARENT
    assert parent_like(catch_all, _out_of_fold(vectors, catch_all)) == []


def test_the_audit_names_the_parent_and_its_children(clean, tmp_path, capsys):
    from tui.cli import main

    _, vectors, _, labels, _ = clean
    names = [f"card_{word}" for word in ("arrival", "linking", "lost", "pin")] + [f"intent{c}" for c in range(4, 10)]
    names.append("card")
    data = tmp_path / "hier.csv"
    data.write_text("text,label\n" + "".join(f"row {i} text,{names[label]}\n" for i, label in enumerate(labels)))
    np.save(tmp_path / "f.npy", vectors.astype(np.float32))
    code = main(["audit", str(data), "--features", str(tmp_path / "f.npy"), "--no-cache", "--issue-types", "label"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = int((labels == PARENT).sum())
    note = next(line for line in out.splitlines() if line.startswith("note: coarse labels beside finer ones"))
    assert note.startswith(f"note: coarse labels beside finer ones: 1 label reads as a parent of others: card ({rows} "
                           f"rows) of 4 labels (card_")
    assert sum(f"card_{word}" in note for word in ("arrival", "linking", "lost", "pin")) == 3 and " and 1 more)" in note
    assert "Classes the model cannot tell apart" not in out  # the parent is not 'mixed up' with a child


def test_a_parent_is_not_grouped_with_a_child_as_mixed_up():
    """On banking77test+hier the overlap note read 'cannot tell apart: card, card_payment_not_recognised,
    compromised_card', a topic beside two of its intents; the parent note says what those rows are."""
    from synthetic import predicted_probs

    from engine.class_overlap import overlapping_classes

    labels = np.repeat(np.arange(6), 40)
    predicted = labels.copy()
    predicted[:22] = 5  # class 0: called its parent, class 5, on over half its rows
    predicted[200:240] = np.repeat([0, 1], 20)  # class 5, the parent: called its children
    probs = predicted_probs(predicted, 6, top=0.8)
    assert [group["classes"] for group in overlapping_classes(labels, probs)] == [[0, 5]]
    assert overlapping_classes(labels, probs, apart=[5]) == []


def test_flips_from_one_class_into_a_smaller_one_are_no_parent():
    """manpages confusable 10% (bench/README.md, session 32 (man32)): section 3 (2,220 rows) flipped into 2 (500) at
    231 rows, and 2 read as a parent of 3, 1, 7, 8, 3t and 3type: its rows named 3 on 339 of 692 (under half), the
    others on 35, so every flip into 2 scored as right (AP 0.325 against Datalab's 0.495). One child taking nearly
    all the rows named as children is one class's alias, not a topic over several: no parent."""
    from synthetic import predicted_probs

    from engine.parent_labels import parent_like

    labels = np.concatenate([np.repeat(np.arange(9), 40), np.full(60, 9)])  # class 9: 60 rows, half of them 0's
    predicted = labels.copy()
    predicted[360:389] = 0  # class 9's rows named as class 0 on 29 of 60 (under half), as class 1 on 3
    predicted[389:392] = 1
    predicted[:6] = 9  # classes 0 and 1 give class 9 a steady share (cover >= MIN_COVER)
    predicted[40:44] = 9
    probs = predicted_probs(predicted, 10, top=0.8)
    assert parent_like(labels, probs) == []  # the old rule: class 9 a parent of 0 and 1 (29 + 3 >= 30, 29 < 30)
    spread = predicted.copy()  # a parent over two children named alike: still a parent
    spread[360:376], spread[376:392] = 0, 1
    spread[40:46] = 9
    found = parent_like(labels, predicted_probs(spread, 10, top=0.8))
    assert [(item["class"], sorted(item["children"])) for item in found] == [(9, [0, 1])]


def test_a_class_with_texts_of_its_own_is_no_parent_however_its_strays_spread():
    """manpages+tfidf pair-swap 10% (bench/README.md, sessions 32 (man32) and (parent32)): section 3 (2,033 rows)
    swapped ~220 rows into 8 (519 real ones); 8's rows were named as it on 0.46, as 3 on 239, 1 on 76, 2 on 37 (3
    takes 0.65 of those: under MAX_ONE_CHILD), so 8 read as a parent and every flip into it scored as right (AP 0.42
    against Datalab's 0.60). But 8's texts are its own: the classifier gave it 0.38 of the probability on its rows and
    0.07 on its 'children's' (5.5x); a real parent's texts are its children's (banking77test+hier: 0.8-1.5x)."""
    from synthetic import predicted_probs

    from engine.parent_labels import parent_like

    labels = np.concatenate([np.repeat(np.arange(9), 40), np.full(60, 9)])
    predicted = labels.copy()
    predicted[360:380], predicted[380:388], predicted[388:392] = 0, 1, 2  # 9's rows: 28 named 9, 32 as 0, 1, 2
    for child in (0, 1, 2):
        predicted[40 * child:40 * child + 2] = 9  # the children give 9 a steady share (cover >= MIN_COVER)
    assert parent_like(labels, predicted_probs(predicted, 10, top=0.8)) == []  # the old rule: 9 a parent of 0, 1, 2
    alike = labels.copy()  # a parent named alike on its rows and on its children's: still a parent
    alike[360:364], alike[364:384], alike[384:402], alike[402:420] = 9, 0, 1, 2  # 4 named 9, 56 as 0, 1, 2
    for child in (0, 1, 2):
        alike[40 * child:40 * child + 4] = 9
    found = parent_like(labels, predicted_probs(alike, 10, top=0.8))
    assert [(item["class"], sorted(item["children"])) for item in found] == [(9, [0, 1, 2])]
