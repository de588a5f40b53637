"""The text report's Datalab section names classes where Datalab printed class indices
(session 8: 'given_label 2, predicted_label 1'). The audit hands Datalab each row's class index,
so its label map is index -> index; the names must follow that order, not the labels' first
appearance."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.pipeline import AuditOptions, run_audit
from engine.report_render import named_report
from engine.result import report_text

WORDS = {"zebra": "stripes savanna herd", "apple": "orchard fruit cider", "mango": "tropical ripe juice",
         "kiwi": "fuzzy green seeds"}


def label_table(report: str) -> list[list[str]]:
    """The label section's example rows, cut at two or more spaces (names hold no such run)."""
    import re

    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if "is_label_issue" in line and "given_label" in line)
    header = lines[start].split()
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        assert len(cells) == len(header) + 1, line
        rows.append(dict(zip(["row", *header], cells)))
    return rows


def test_the_report_names_given_and_predicted_classes_in_datalabs_order(tmp_path):
    rng = np.random.default_rng(0)
    names = list(WORDS)  # first appearance: zebra, apple, mango, kiwi; sorted: apple, kiwi, mango, zebra
    labels = [names[i % 4] for i in range(80)]
    labels[:2] = ["zebra", "apple"]
    texts = [" ".join(rng.choice(WORDS[label].split(), 4)) + f" note {i}" for i, label in enumerate(labels)]
    for row, wrong in ((5, "mango"), (9, "zebra"), (14, "apple"), (23, "kiwi")):  # planted wrong labels
        labels[row] = wrong
    source = tmp_path / "fruit.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    assert list(result.dataset.class_names) == sorted(names)  # sorted order differs from first appearance
    report = report_text(result)
    rows = label_table(report)
    assert rows
    predicted = np.argmax(result.pred_probs, axis=1)
    for row in rows:
        index = int(row["row"])
        assert row["given_label"] == labels[index], (row, labels[index])
        assert row["predicted_label"] == result.dataset.class_names[predicted[index]], row
    assert {5, 9, 14, 23} & {int(row["row"]) for row in rows}


def test_rarest_class_and_class_imbalance_table_are_named(tmp_path):
    labels = ["bb"] * 130 + ["aa"] * 130 + ["card "] * 3
    words = {"bb": "bread butter", "aa": "apple acorn", "card ": "debit visa"}
    texts = [f"{words[label]} item {i}" for i, label in enumerate(labels)]
    source = tmp_path / "d.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    report = report_text(result)
    assert "Rarest Class: 'card '" in report, report  # quoted: it would look like 'card'
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if "is_class_imbalance_issue" in line)
    for line in lines[start + 1:]:
        if not line.strip():
            break
        row = int(line.split()[0])
        assert line.rstrip().endswith(repr(labels[row]) if labels[row] == "card " else labels[row]), line


def test_doubtful_tables_and_values_keep_their_indices():
    report = "\n".join([
        "Examples representing most severe instances of this issue:",
        "     is_label_issue  label_score  given_label  predicted_label",
        "125            True     0.003716            3                1",
        "7             False     0.500000            0                9",  # 9: not a class
        "",
        "     is_label_issue  given_label  predicted_label",
        "1              True            1                0",
        "",
        "     is_label_issue given_label predicted_label",
        "160            True         [0]          [0, 2]",
        "",
        "Rarest Class: 12",
        "Rarest Class: 2",
    ])
    named = named_report(report, ["a b", "card ", "x"]).splitlines()
    assert named[1:4] == report.splitlines()[1:4]  # one value is no class: the table as printed
    assert named[5:7] == ["   is_label_issue  given_label  predicted_label",
                          "1            True      'card '              a b"]
    assert named[8:10] == ["     is_label_issue  given_label  predicted_label",
                           "160            True        [a b]         [a b, x]"]
    assert named[-2:] == ["Rarest Class: 12", "Rarest Class: x"]


def test_report_names_follow_the_screens_rule():
    """The text report and the CLI's messages name classes as the screens draw them: a Persian
    name spelled with its zero-width non-joiner and an emoji family as written (they were repr
    escapes there), a bidi override named, never sent."""
    from engine.wording import shown_name
    from tui.names import drawn_name
    from tui.terminal_text import cell_plain

    for name in ("می\u200cخواهم", "👨\u200d👩\u200d👧 family", "x\u202ey", "cafe\u0301", "card ", "a\tb"):
        # the screens leave out what Rich and terminals measure differently (ZWJ: '👨👩👧 family'; hostile41)
        assert cell_plain(shown_name(name)) == drawn_name(name)
    assert shown_name("می\u200cخواهم") == "می\u200cخواهم"
    assert shown_name("x\u202ey") == "'x\u27e8RLO\u27e9y'"
