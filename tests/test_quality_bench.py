"""bench/quality.py's degenerate shapes, its weak-embedding variant and its no-noise (sanity) cells."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from bench.quality import metrics
from bench.quality_shapes import FINE_TAIL, coarse_classes, shape_rows


def labels_of(classes: int, rows: int) -> np.ndarray:
    return np.repeat(np.arange(classes), rows)


def test_fine50_has_the_hidden_domains_tail() -> None:
    labels = labels_of(77, 130)
    counts = np.bincount(labels[shape_rows(labels, "fine50")])
    counts = counts[counts > 0]
    assert len(counts) == 50
    assert sorted(counts)[:8] == sorted(FINE_TAIL) and (counts < 10).sum() == 8 and (counts == 1).sum() == 1
    assert (counts == 130).sum() == 42


def test_binary_imbalanced_and_tiny_shapes() -> None:
    labels = labels_of(4, 1900)
    for shape, expected in (("binary", [1900, 1900]), ("imbalanced", [19, 1900]), ("tiny", [15, 15, 15, 15])):
        keep = shape_rows(labels, shape)
        assert len(np.unique(keep)) == len(keep)
        counts = np.bincount(labels[keep])
        assert sorted(counts[counts > 0]) == expected, shape


def test_no_injected_noise_counts_the_flags_and_leaves_ap_blank() -> None:
    truth = np.zeros(5, dtype=bool)
    m = metrics(np.array([1, 0, 0, 0, 1], dtype=bool), np.linspace(0, 1, 5), truth)
    assert m["flagged"] == 2 and m["f1"] == 0.0 and math.isnan(m["ap"]) and math.isnan(m["auroc"])
    m = metrics(np.array([1, 0, 0, 0, 0], dtype=bool), np.linspace(0, 1, 5), np.array([1, 0, 0, 0, 0], dtype=bool))
    assert m["ap"] == 1.0 and m["f1"] == 1.0


def test_zipf50_is_skewed_like_a_question_set() -> None:
    labels = labels_of(77, 200)
    counts = np.bincount(labels[shape_rows(labels, "zipf50")])
    counts = counts[counts > 0]
    assert len(counts) == 50 and counts.max() == 190 and (counts < 10).sum() == 8 and (counts == 1).sum() == 1
    assert 20 < np.median(counts) < 50  # classes of tens of rows: the noise estimate's thin end


def test_coarse_classes_group_similar_fine_classes() -> None:
    """``+coarse3``: every fine class lands whole in one of 3 groups, and classes whose vectors
    lie together share a group (three clusters of 4 fine classes each)."""
    rng = np.random.default_rng(0)
    labels = labels_of(12, 20)
    centres = np.eye(3)[np.arange(12) // 4] * 10.0 + rng.normal(0.0, 0.5, (12, 3))
    vectors = centres[labels] + rng.normal(0.0, 0.1, (len(labels), 3))
    coarse = coarse_classes(vectors, labels, 3)
    assert sorted(np.unique(coarse)) == [0, 1, 2]
    for fine in range(12):
        assert len(np.unique(coarse[labels == fine])) == 1
    assert len({tuple(np.unique(coarse[(labels // 4) == c])) for c in range(3)}) == 3


def test_proj_variants_are_a_fixed_projection_of_the_vectors_and_keep_the_minilm_noise() -> None:
    """``+projN``: weak embeddings, the same N-dimensional random projection whatever the rows
    (a row's vector depends only on its own MiniLM vector), unit rows; the noise targets come from
    the spec without its embedding variants."""
    from bench.quality_data import minilm_spec
    from bench.quality_shapes import projected, projection_dims

    assert projection_dims("proj10") == 10 and projection_dims("proj") is None and projection_dims("proj1") is None
    assert projection_dims("projx") is None and projection_dims("fine50") is None
    vectors = np.random.default_rng(0).normal(size=(30, 384)).astype(np.float32)
    weak = projected(vectors, 10)
    assert weak.shape == (30, 10) and weak.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(weak, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(projected(vectors[5:12], 10), weak[5:12], rtol=1e-5, atol=1e-6)
    assert minilm_spec("banking77+fine50+proj10") == "banking77+fine50"
    assert minilm_spec("banking77+zipf50+tfidf") == "banking77+zipf50" and minilm_spec("ag_news") == "ag_news"


def test_the_table_names_a_half_percent_rate() -> None:
    """Session 11-12 ran 0.5% cells; '{rate:.0%}' printed them as '0%', as if no noise was injected."""
    from bench.quality import table

    cell = {"dataset": "d", "kind": "uniform", "rate": 0.005, "seed": 0, "rows": 10, "injected": 1, "accuracy": 0.9,
            "noise_model": "uniform", **{f"{who}_{k}": 0.5 for who in ("textaudit", "plain", "datalab")
                                         for k in ("f1", "p", "r", "ap", "auroc", "flagged")}}
    text, _ = table([cell, {**cell, "rate": 0.02}])
    assert "| d | uniform | 0.5% |" in text and "| d | uniform | 2% |" in text


def _two_blobs(rows: int = 400, classes: int = 8):
    """Classes as Gaussian blobs in 16 dimensions whose spread makes some rows ambiguous."""
    rng = np.random.default_rng(1)
    labels = np.repeat(np.arange(classes), rows // classes)
    vectors = rng.normal(size=(classes, 16))[labels] + rng.normal(0.0, 0.8, (len(labels), 16))
    return labels, vectors


def test_ambiguous_noise_flips_low_margin_rows_to_their_runner_up() -> None:
    """Session 18's annotator noise: the flipped rows are the unclear ones (low nearest-centroid
    margin) and each goes to its own runner-up class; uniform noise stays as it was (same rows,
    same classes as the plain random draw)."""
    from bench.quality_shapes import inject, noise_targets

    labels, vectors = _two_blobs()
    targets = noise_targets(vectors, labels)
    noisy, truth = inject(labels, "ambiguous", 0.1, 0, targets)
    assert truth.sum() == 40 and (noisy[truth] == targets["runner_up"][truth]).all()
    assert np.median(targets["margin"][truth]) < np.quantile(targets["margin"], 0.2)
    rng = np.random.default_rng(3)
    flipped = rng.choice(len(labels), 40, replace=False)
    expected = labels.copy()
    expected[flipped] = (labels[flipped] + rng.integers(1, 8, 40)) % 8
    np.testing.assert_array_equal(inject(labels, "uniform", 0.1, 3, targets)[0], expected)


def test_fewclass_noise_leaves_most_classes_clean() -> None:
    """``fewclass``: 25% of a few classes' rows flipped, every other class untouched."""
    from bench.quality_shapes import inject, noise_targets

    labels, vectors = _two_blobs()
    noisy, truth = inject(labels, "fewclass", 0.05, 0, noise_targets(vectors, labels))
    per_class = np.bincount(labels[truth], minlength=8)
    assert truth.sum() == 20 and (per_class > 0).sum() == 2 and per_class.max() == 12


def test_skew95_and_dup_shapes() -> None:
    from bench.quality_shapes import duplicated_rows

    labels = labels_of(4, 1900)
    counts = np.bincount(labels[shape_rows(labels, "skew95")])
    assert sorted(counts[counts > 0]) == [100, 1900]
    rows = duplicated_rows(50)
    assert set(np.bincount(rows, minlength=50)) <= {2, 3} and len(rows) > 100


def test_minor2_and_scatter_shapes() -> None:
    """Holdout shapes (session 21): ``minor2`` keeps every class and cuts one to 2% of its rows;
    ``scatter`` keeps half the classes whole and the other half at 1-3 rows, and its copies
    repeat a tenth of the rows exactly once."""
    from bench.quality_shapes import scattered_copies

    labels = labels_of(4, 1900)
    counts = np.bincount(labels[shape_rows(labels, "minor2")])
    assert sorted(counts) == [38, 1900, 1900, 1900]
    labels = labels_of(77, 130)
    counts = np.bincount(labels[shape_rows(labels, "scatter")], minlength=77)
    assert (counts == 130).sum() == 39 and ((counts >= 1) & (counts <= 3)).sum() == 38
    rows = scattered_copies(1000)
    assert len(rows) == 1100 and sorted(np.bincount(rows, minlength=1000)) == [1] * 900 + [2] * 100


def test_sibling_noise_stays_inside_a_coarse_group() -> None:
    """``sibling``: a flip goes to another class of the row's coarse group (k-means on the class
    centroids), as flips between fine classes of one coarse topic; the rows are a random draw."""
    from bench.quality_shapes import inject, noise_targets

    rng = np.random.default_rng(0)
    labels = labels_of(18, 30)  # six clusters of three classes
    centres = np.eye(6)[np.arange(18) // 3] * 10.0 + rng.normal(0.0, 0.5, (18, 6))
    vectors = centres[labels] + rng.normal(0.0, 0.1, (len(labels), 6))
    targets = noise_targets(vectors, labels)
    assert len({tuple(np.unique(targets["group"][c * 3:(c + 1) * 3])) for c in range(6)}) == 6
    noisy, truth = inject(labels, "sibling", 0.1, 0, targets)
    assert truth.sum() == 54 and (noisy[truth] // 3 == labels[truth] // 3).all()
    assert len(np.unique(noisy[truth] - labels[truth])) > 2  # several siblings, not one partner


def test_topics_group_banking77_intents_by_name() -> None:
    from bench.quality_data import topic_labels

    names = np.array(["card_arrival", "cash_withdrawal_charge", "exchange_rate", "pin_blocked", "top_up_failed",
                      "transfer_timing", "virtual_card_not_working"])
    topic = topic_labels(names, np.arange(7), "banking77")
    assert len(np.unique(topic)) == 6 and topic[0] == topic[6] and len(set(topic[:6])) == 6


def test_session22_holdout_shapes() -> None:
    """Holdout shapes (session 22): ``small15`` 15 classes of 15-50 rows; ``major60`` one class at 60%;
    ``rmergeN`` random unions of whole classes; ``other60`` a catch-all of >= 60%; ``firstN`` texts
    cut to N words; ``twin`` noise flips only second copies, so each flip leaves a text under two labels."""
    from bench.quality_shapes import catch_all, first_words, inject, later_copies, random_merge, scattered_copies

    labels = labels_of(77, 130)
    counts = np.bincount(labels[shape_rows(labels, "small15")])
    counts = counts[counts > 0]
    assert len(counts) == 15 and counts.min() >= 15 and counts.max() <= 50
    labels = labels_of(4, 1900)
    counts = np.bincount(labels[shape_rows(labels, "major60")])
    assert counts.max() == 1900 and abs(counts.max() / counts.sum() - 0.6) < 0.01
    labels = labels_of(77, 10)
    merged = random_merge(labels, 6)
    assert len(np.unique(merged)) == 6 and all(len(np.unique(merged[labels == c])) == 1 for c in range(77))
    assert len({tuple(np.flatnonzero(np.bincount(labels[merged == g], minlength=77))) for g in range(6)}) == 6
    other = catch_all(labels)
    assert np.bincount(other).max() >= 0.6 * len(labels) and (np.bincount(other) == 10).sum() >= 25
    assert first_words(["a b c d e", "x  y"], 3) == ["a b c", "x y"]
    texts = [f"t{i}" for i in range(50)]
    rows = scattered_copies(50, 5, 19)
    copies = later_copies([texts[i] for i in rows])
    assert copies.sum() == 10
    noisy, truth = inject(labels_of(5, 12)[:60], "twin", 0.1, 0, {"copy": np.arange(60) % 6 == 0})
    assert truth.sum() == 6 and (np.flatnonzero(truth) % 6 == 0).all()


def test_session23_sink_and_oneclass_noise() -> None:
    """``sink``: every flip lands in one class of at least the median size, from rows of the other
    classes; ``oneclass``: every flip leaves the largest class, to random other classes, rate x all rows
    where that class holds them, else half of its rows."""
    from bench.quality_shapes import inject

    labels = np.repeat(np.arange(10), [50, 50, 50, 50, 50, 30, 20, 10, 5, 1])
    for seed in (0, 1):
        noisy, truth = inject(labels, "sink", 0.1, seed, {})
        sink = np.unique(noisy[truth])
        assert truth.sum() == 32 and len(sink) == 1 and (labels == sink[0]).sum() >= 30
        assert (labels[truth] != sink[0]).all() and len(np.unique(labels[truth])) > 3
    big = np.repeat(np.arange(4), [200, 100, 100, 100])
    noisy, truth = inject(big, "oneclass", 0.1, 0, {})
    assert truth.sum() == 50 and (big[truth] == 0).all() and len(np.unique(noisy[truth])) == 3
    noisy, truth = inject(big, "oneclass", 0.4, 0, {})
    assert truth.sum() == 100  # capped at half the class


def test_session24_one_label_against_the_rest() -> None:
    """``vsrest10``: two labels, whole classes (in a seeded random order) as the positive one until it holds 10% of
    the rows, cut to 10% where one class alone holds more (ag_news: one topic of four); the rest negative."""
    from bench.quality_shapes import one_vs_rest

    for labels in (labels_of(4, 1900), labels_of(77, 130)):
        keep, two = one_vs_rest(labels)
        assert set(np.unique(two)) == {0, 1} and len(keep) == len(two) and np.all(np.diff(keep) > 0)
        assert abs(two.mean() - 0.1) < 0.01
        positive, negative = np.unique(labels[keep][two == 1]), np.unique(labels[keep][two == 0])
        assert not set(positive) & set(negative)  # whole classes on one side
        assert (two == 0).sum() == np.isin(labels, negative).sum()  # the rest kept whole


def test_session25_parents_beside_their_children() -> None:
    """``+hier``: in each topic that has a parent, a quarter of its rows carry the parent's label (numbered after
    the fine classes), drawn across its intents; a topic without a parent ('other') keeps every fine label."""
    from bench.quality_shapes import parent_and_children

    labels = labels_of(6, 40)
    topic = np.array([0, 0, 0, 1, 1, 2])  # topic 2 ('other') has no parent label
    out = parent_and_children(labels, topic, np.array([True, True, False]))
    assert len(np.unique(out)) == 8  # 6 fine + 2 parents
    parent = out >= 6
    assert parent.sum() == 30 + 20 and (parent[labels == 5] == 0).all()
    assert set(np.unique(labels[out == 6])) == {0, 1, 2} and set(np.unique(labels[out == 7])) == {3, 4}
    assert (out[~parent] == labels[~parent]).all()
    from bench.quality_data import hierarchy_labels

    names = np.array(["card_arrival", "cash_withdrawal_charge", "exchange_rate", "pin_blocked", "top_up_failed",
                      "transfer_timing", "virtual_card_not_working"])
    out = hierarchy_labels(names, labels_of(7, 40), "banking77")
    assert len(np.unique(out)) == 7 + 5  # a parent for card, cash, exchange, top_up, transfer; none for 'other'
    assert (out[labels_of(7, 40) == 3] == 3).all()  # pin_blocked is 'other': every row keeps its intent
    assert (out >= 7).sum() == 10 + 10 + 10 + 10 + 20  # a quarter of each parent topic's rows (card: 2 intents)


def test_session25_half_titles_and_near_copies() -> None:
    """``+halftitle`` marks about half the rows; ``+near`` gives a third of the rows 1-3 copies that are near
    (edited) and never exact, each row keeping its original's index, shuffled."""
    from bench.quality_shapes import near_copies, title_rows

    mask = title_rows(2000)
    assert abs(mask.mean() - 0.5) < 0.05 and (title_rows(2000) == mask).all()
    texts = [f"How do I change the PIN of card number {i} today?" for i in range(300)]
    origin, out = near_copies(texts)
    copies = np.bincount(origin, minlength=300)
    assert copies.min() == 1 and copies.max() == 4 and 0.25 < (copies > 1).mean() < 0.42
    assert len(set(out)) == len(out)  # no exact copy
    from difflib import SequenceMatcher

    assert min(SequenceMatcher(None, texts[row], text).ratio() for row, text in zip(origin, out)) > 0.6
    assert sorted(origin.tolist()) != origin.tolist()  # shuffled
    assert sum(text == texts[row] for row, text in zip(origin, out)) == 300  # every original once, as it was


def test_session25_second_source_keeps_each_class_evenly() -> None:
    """``+news``: 500 rows of each of the second source's classes (all of a smaller one), in file order."""
    from bench.quality_shapes import second_source_rows

    labels = np.repeat(np.arange(4), [1900, 1900, 300, 1900])
    keep = second_source_rows(labels)
    assert np.all(np.diff(keep) > 0) and np.bincount(labels[keep]).tolist() == [500, 500, 300, 500]


def test_a_cell_whose_flips_leave_one_class_is_skipped_not_a_crash() -> None:
    """Two-class ``sink`` flips can empty the small class: the label check does not run, and the bench skips the cell."""
    from bench.quality import label_checked
    from engine.audit import run_datalab

    rng = np.random.default_rng(0)
    probs = rng.dirichlet([1.0, 1.0], size=40)
    one_class = run_datalab(np.zeros(40, dtype=int), probs, None, issue_types=("label",)).issues
    assert not label_checked(one_class)
    two_classes = run_datalab(np.arange(40) % 2, probs, None, issue_types=("label",)).issues
    assert label_checked(two_classes)


def test_session27_holdout_shapes() -> None:
    """Holdout shapes (session 27): ``rare3`` a 3% positive against the rest; ``bal20`` 20 classes of 100 rows;
    ``few20`` 20 classes of 15-30; ``shot10`` every class at 10 rows; ``twin`` noise on ``+near`` flips only near
    copies whose original came earlier (``copy_rows``), exact later copies as before."""
    from bench.quality_holdout27 import NEAR_ORIGIN, copy_rows, holdout27_rows

    labels = labels_of(77, 130)
    keep, binary = holdout27_rows(labels, "rare3")
    assert set(np.unique(binary)) == {0, 1} and abs(binary.mean() - 0.03) < 0.002
    for variant, low, high, classes in (("bal20", 100, 100, 20), ("few20", 15, 30, 20), ("shot10", 10, 10, 77)):
        keep, out = holdout27_rows(labels, variant)
        counts = np.bincount(out)
        assert len(counts) == classes and counts.min() >= low and counts.max() <= high
        assert (np.bincount(labels[keep], minlength=77) > 0).sum() == classes
    texts = ["a", "b", "a'", "c", "b'", "a", "b''"]
    NEAR_ORIGIN["x+near"] = np.array([0, 1, 0, 3, 1, 0, 1])
    try:
        assert copy_rows("x+near", texts).tolist() == [False, False, True, False, True, True, True]
        assert copy_rows("x", texts).tolist() == [False, False, False, False, False, True, False]
    finally:
        del NEAR_ORIGIN["x+near"]


def test_a_mean_f1_gain_just_under_the_goal_is_listed_short() -> None:
    """ag_news+tfidf's mean gain +0.0498 printed as 0.05 at three places and read as the goal met (ledger29)."""
    from bench.quality import goals, table

    base = {"kind": "uniform", "seed": 0, "rows": 100, "injected": 10, "accuracy": 0.9, "noise_model": "uniform",
            **{f"{who}_{k}": 0.5 for who in ("textaudit", "plain", "datalab") for k in ("f1", "p", "r", "ap", "auroc")},
            **{f"{who}_flagged": 10 for who in ("textaudit", "plain", "datalab")}}
    cells = [{**base, "dataset": "short", "rate": 0.05, "textaudit_f1": 0.5498},
             {**base, "dataset": "met", "rate": 0.05, "textaudit_f1": 0.56}]
    result = goals(table(cells)[1])
    assert result["f1_gain_short_of_0.05"] == ["short"]
    assert result["mean_f1_gain_over_plain"]["short"] < 0.05


DUMP = """Package: foo
Version: 1
Description: Frobnicate foo files
Section: contrib/utils

Package: libfoo1
Description: Foo library
 A long description line.
Section: libs
Tag: role::shared-lib,
 devel::library

Package: foo
Version: 2
Description: A second stanza of foo
Section: misc

Package: nosection
Description: No section here
"""


def test_debian_index_one_row_per_package_section_without_prefix() -> None:
    from bench.quality_data import parse_packages

    assert parse_packages(DUMP) == [("foo", "Frobnicate foo files", "utils"), ("libfoo1", "Foo library", "libs")]


def test_debian_without_apt_cache_is_one_line_not_a_crash(monkeypatch, tmp_path) -> None:
    import pytest

    import bench.quality_data as data

    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(data.shutil, "which", lambda name: None)
    with pytest.raises(data.DatasetUnavailable, match="apt-cache not found"):
        data.load_dataset("debian")
    assert not list(tmp_path.iterdir())


APROPOS = """ls (1)               - list directory contents
printf (1)           - format and print data
printf (3)           - formatted output conversion
SSL_new (3ssl)       - create a new SSL structure for a connection
Net::DBus (3pm)      - Perl extension for the DBus message system
gcloud_alpha_run (1) - (unknown subject)
ls (1)               - a second description of ls
not a manual page line
dcb (8)              - show / manipulate DCB - Data Center Bridging - settings
empty (5)            - """


def test_manpages_one_row_per_name_and_section_suffixed_sections_kept() -> None:
    from bench.quality_manpages import parse_apropos

    assert parse_apropos(APROPOS) == [
        ("ls", "1", "list directory contents"), ("printf", "1", "format and print data"),
        ("printf", "3", "formatted output conversion"), ("Net::DBus", "3pm", "Perl extension for the DBus message system"),
        ("SSL_new", "3ssl", "create a new SSL structure for a connection"),
        ("dcb", "8", "show / manipulate DCB - Data Center Bridging - settings")]


def test_manpages_without_man_db_is_one_line_not_a_crash(monkeypatch, tmp_path, capsys) -> None:
    import pytest

    import bench.quality_data as data
    import bench.quality_manpages as manpages
    from bench.quality import dataset_inputs

    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(manpages.shutil, "which", lambda name: None)
    with pytest.raises(data.DatasetUnavailable, match="apropos not found"):
        data.load_dataset("manpages")
    assert dataset_inputs("manpages+tfidf") is None
    assert capsys.readouterr().err.count("\n") == 1
    monkeypatch.setattr(manpages.shutil, "which", lambda name: "/usr/bin/apropos")  # an index of placeholders only
    monkeypatch.setattr(manpages.subprocess, "run", lambda *a, **k: SimpleNamespace(stdout=b"x (1) - (unknown subject)\n"))
    with pytest.raises(data.DatasetUnavailable, match="holds 0 pages"):
        data.load_dataset("manpages")
    assert not list(tmp_path.iterdir())


def test_manpages_base_is_a_seeded_sample_of_name_and_description(monkeypatch, tmp_path) -> None:
    import bench.quality_data as data
    import bench.quality_manpages as manpages

    index = "".join(f"page{i} ({'3pm' if i % 3 else '1'}) - does thing {i}\n" for i in range(150)).encode()
    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(manpages.shutil, "which", lambda name: "/usr/bin/apropos")
    monkeypatch.setattr(manpages.subprocess, "run", lambda *a, **k: SimpleNamespace(stdout=index))
    monkeypatch.setattr(data, "minilm_vectors", lambda texts: np.zeros((len(texts), 2)))  # no model load
    monkeypatch.setattr(data, "MANPAGES_SAMPLE", 120)
    texts, labels, vectors = data.load_dataset("manpages")
    again, _, _ = data.load_dataset("manpages")
    assert len(texts) == 120 and texts == again and len(set(texts)) == 120 and vectors.shape == (120, 2)
    assert all(text == f"page{int(text.split()[0][4:])} - does thing {text.split()[0][4:]}" for text in texts)
    assert sorted(np.bincount(labels)) == sorted(np.bincount([int(t.split()[0][4:]) % 3 > 0 for t in texts]))
    assert len(data.DATA_KEYS["manpages"]) == 8 and len(list(tmp_path.glob("manpages_*.csv"))) == 1


def test_a_cell_is_scored_with_the_audits_knn_graph(monkeypatch) -> None:
    """run_cell gives the label check the dataset's kNN graph, as the app's audit does: the guards' path reads the
    labels of each flagged row's neighbours (engine/neighbour_labels, 3434a66); the bench passed none (holdout42)."""
    import engine.audit
    from bench import quality
    from engine.neighbour_labels import graph_indices

    rng = np.random.default_rng(0)
    labels = np.arange(60) % 3
    neighbours = np.stack([rng.choice(60, size=4, replace=False) for _ in range(60)])
    probs = rng.dirichlet([1.0, 1.0, 1.0], size=60)
    seen = []

    def recorded(noisy, pred_probs, knn_graph, **kwargs):
        seen.append(graph_indices(knn_graph))
        return original(noisy, pred_probs, knn_graph, **kwargs)

    original = engine.audit.run_datalab
    monkeypatch.setattr(engine.audit, "run_datalab", recorded)
    monkeypatch.setattr(quality, "cell_probs", lambda *args: (labels, np.zeros(60, dtype=bool), probs, probs,
                                                                np.arange(3)))
    quality.run_cell("x", "uniform", 0.0, 0, (None, labels, None), {}, neighbours, True)
    assert len(seen) == 1 and seen[0] is not None and np.array_equal(seen[0], neighbours)
