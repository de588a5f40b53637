"""Multi-label decisions: the journal records sets before and after; export writes them in the input's form."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset
from engine.multilabel import set_display

ROWS = [
    ("my card is lost", ["card", "lost"]),
    ("send money abroad", ["transfer"]),
    ("no label here", []),
    ("card payment failed", ["payment", "card"]),
    ("top up did not arrive", ["top_up"]),
]
CODES = {"card": 3, "lost": 1, "transfer": 9, "payment": 4, "top_up": 7}


def _write(path: Path, kind: str) -> dict:
    """Write ROWS in ``kind``; returns the load_dataset keywords it needs."""
    if kind == "jsonl":
        path.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in ROWS))
    elif kind == "json-int":
        path.write_text(json.dumps([{"text": t, "label": [CODES[x] for x in l]} for t, l in ROWS], indent=2) + "\n")
    elif kind == "parquet":
        pd.DataFrame({"text": [t for t, _ in ROWS], "label": [l for _, l in ROWS]}).to_parquet(path)
    elif kind in ("csv", "tsv"):
        sep, delimiter = ("|", ",") if kind == "csv" else ("; ", "\t")
        lines = [f"text{delimiter}label"] + [f"{t}{delimiter}{sep.join(l)}" for t, l in ROWS]
        path.write_text("\r\n".join(lines) + "\r\n")
        return {"label_sep": sep.strip() if kind == "tsv" else sep}
    return {}


SUFFIX = {"jsonl": "jsonl", "json-int": "json", "parquet": "parquet", "csv": "csv", "tsv": "tsv"}


@pytest.mark.parametrize("kind", list(SUFFIX))
def test_relabel_undo_export_round_trip(tmp_path: Path, kind: str) -> None:
    data = tmp_path / f"data.{SUFFIX[kind]}"
    options = _write(data, kind)
    dataset = load_dataset(data, **options)
    names = dataset.class_names
    journal_path = tmp_path / "j.jsonl"
    # row 0 gets a label added and one removed; row 2 (empty set) gets one; row 1 is relabelled then undone
    spelled = {name: str(CODES[name]) if kind == "json-int" else name for name in CODES}
    card, lost, payment = (names.index(spelled[n]) for n in ("card", "lost", "payment"))
    new0 = tuple(sorted({card, payment}))  # row 0: card, lost -> card, payment (-lost +payment)
    assert set(dataset.label_sets[0]) == {card, lost}
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 0, label_after=set_display(names, new0), issue_type="label")
        journal.record("relabel", 2, label_after=set_display(names, dataset.label_sets[1]), issue_type="label")
        journal.record("relabel", 1, label_after=set_display(names, ()), issue_type="label")
        journal.undo()
        with pytest.raises(UsageError):
            journal.record("relabel", 1, label_after='["no_such_label"]', issue_type="label")
    lines = [json.loads(line) for line in journal_path.read_text().splitlines()]
    assert lines[0]["labels_before"] == [names[i] for i in dataset.label_sets[0]]
    assert lines[0]["labels_after"] == [names[i] for i in new0]
    assert lines[1]["labels_before"] == [] and lines[1]["label_before"] == "[]"

    with Journal.open(journal_path, dataset, read_only=True) as journal:  # replay matches the sets
        assert set(journal.decisions()) == {0, 2} and not journal.load_report

    out = tmp_path / f"out.{SUFFIX[kind]}"
    export_corrected(dataset, journal_path, out)
    again = load_dataset(out, **options)
    assert again.label_form == dataset.label_form
    expected = list(dataset.label_sets)
    expected[0], expected[2] = new0, dataset.label_sets[1]
    assert [tuple(again.class_names[i] for i in s) for s in again.label_sets] == \
        [tuple(names[i] for i in s) for s in expected]
    if kind in ("jsonl", "csv", "tsv"):  # untouched rows: byte-identical lines
        before, after = data.read_text().splitlines(), out.read_text().splitlines()
        assert len(before) == len(after)
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        header = 0 if kind == "jsonl" else 1
        assert changed == [header, header + 2]  # rows 0 and 2, nothing else
    if kind == "json-int":
        assert all(isinstance(v, int) for record in json.loads(out.read_text()) for v in record["label"])
    if kind == "csv":
        assert out.read_text().splitlines()[1].split(",")[1] == "card|payment"  # kept order, then added

    corrections = tmp_path / "changes.jsonl"
    export_corrected(dataset, journal_path, corrections, corrections_only=True)
    changes = [json.loads(line) for line in corrections.read_text().splitlines()]
    assert [c["row"] for c in changes] == [0, 2]


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_no_effective_decision_writes_the_input_back_exactly(tmp_path: Path, kind: str) -> None:
    data = tmp_path / f"data.{SUFFIX[kind]}"
    options = _write(data, kind)
    dataset = load_dataset(data, **options)
    journal_path = tmp_path / "j.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 3, label_after=set_display(dataset.class_names, ()), issue_type="label")
        journal.undo()
        journal.record("keep", 4, issue_type="label")
    out = tmp_path / f"out.{SUFFIX[kind]}"
    export_corrected(dataset, journal_path, out)
    if kind == "parquet":
        assert pd.read_parquet(out).equals(pd.read_parquet(data))
    else:
        assert out.read_bytes() == data.read_bytes()


def test_journal_of_changed_set_is_not_applied(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    _write(data, "jsonl")
    dataset = load_dataset(data)
    journal_path = tmp_path / "j.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 1, label_after=set_display(dataset.class_names, ()), issue_type="label")
    edited = [dict(text=t, label=l) for t, l in ROWS]
    edited[1]["label"] = ["transfer", "card"]  # the row's set changed since the decision
    data.write_text("".join(json.dumps(r) + "\n" for r in edited))
    with Journal.open(journal_path, load_dataset(data), read_only=True) as journal:
        assert not journal.decisions() and any("label changed" in line for line in journal.load_report)


def test_a_journal_is_not_replayed_with_another_label_sep(tmp_path: Path) -> None:
    """Sets written as 'a|b' and decided with --label-sep '|', exported with --label-sep ',': the
    cells no longer parse as the journal's sets, so most decisions failed with a warning, but one
    made on an empty set (which parses the same with any separator) was written as 'card,lost'
    into a '|'-joined file (s13 hostile report). Each line now records the separator; replay with
    another skips it, so such a journal does not match, and the message names the separator."""
    from engine.errors import DataError

    data = tmp_path / "d.csv"
    _write(data, "csv")
    dataset = load_dataset(data, label_sep="|")
    names = dataset.class_names
    journal_path = tmp_path / "d.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 2, label_after=set_display(names, dataset.label_sets[0]), issue_type="label")
        journal.record("relabel", 1, label_after=set_display(names, ()), issue_type="label")
    assert all(json.loads(line)["label_sep"] == "|" for line in journal_path.read_text().splitlines())
    with pytest.raises(DataError, match=r"made with --label-sep '\|', not this one .*give --label-sep '\|'"):
        export_corrected(load_dataset(data, label_sep=","), journal_path, tmp_path / "wrong.csv")
    assert not (tmp_path / "wrong.csv").exists()
    export_corrected(load_dataset(data, label_sep="|"), journal_path, tmp_path / "right.csv")
    lines = (tmp_path / "right.csv").read_text().splitlines()
    assert lines[2] == "send money abroad," and lines[3] == "no label here,card|lost"
