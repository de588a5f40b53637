"""A row's latest relabel refused on replay because its label is no longer a class of the data does not hand
the row back to the decision it replaced (review26). Relabelled to b, then to c: once the only row labelled c
was deleted between sessions, the c relabel was refused ('the label is not a class of this dataset') and the
export wrote b, the label the user had overridden, counted as '1 relabelled'. 760ddd0 blocked the rows of a
skipped group it still matched; a relabel refused for its label had already dropped its row."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from engine.multilabel import set_display

BEFORE = "text,label\nrefund please,a\nmy card is lost,b\nsome other text,c\nwhere is my card,b\n"
AFTER = BEFORE.replace("some other text,c\n", "")  # the one row labelled c deleted: c is not a class now


def _decide(tmp_path: Path) -> tuple[Path, Path]:
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    data.write_text(BEFORE)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("relabel", 0, label_after="c", issue_type="label")
        writer.record("exclude", 3, issue_type="label")  # still applies: the export is not empty of decisions
    return data, journal


def test_a_relabel_to_a_class_gone_does_not_bring_back_the_one_it_replaced(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    data.write_text(AFTER)
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0) is None
        assert any("not a class" in line for line in replayed.load_report)
        assert any("replaced" in line and "rows 0" in line for line in replayed.load_report)
    out = tmp_path / "out.csv"
    summary = export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nrefund please,a\nmy card is lost,b\n"
    assert (summary.relabelled, summary.excluded) == (0, 1)


def test_undo_of_the_refused_relabel_gives_back_the_earlier_one(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    data.write_text(AFTER)
    with Journal.open(journal, load_dataset(data)) as writer:
        assert writer.undo() == [2]  # the exclusion first (row 3 then, row 2 now), then the refused relabel
        assert writer.undo_rows() == [0]
        assert writer.undo() == [0]
        assert writer.decision(0).label_after == "b"


def test_on_the_data_it_was_made_on_the_latest_relabel_applies(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0).label_after == "c"
        assert not any("replaced" in line for line in replayed.load_report)


def test_a_label_set_naming_a_class_gone_does_not_bring_back_the_one_it_replaced(tmp_path: Path) -> None:
    rows = [("my card is lost", ["card", "lost"]), ("send money abroad", ["transfer"]),
            ("top up did not arrive", ["top_up"]), ("card payment failed", ["card"])]
    data, journal = tmp_path / "d.jsonl", tmp_path / "d.corrections.jsonl"
    data.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in rows))
    dataset = load_dataset(data)
    names = dataset.class_names
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after=set_display(names, (names.index("transfer"),)), issue_type="label")
        writer.record("relabel", 0, label_after=set_display(names, (names.index("top_up"),)), issue_type="label")
    data.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in rows if t != "top up did not arrive"))
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0) is None
        assert any("replaced" in line and "rows 0" in line for line in replayed.load_report)
