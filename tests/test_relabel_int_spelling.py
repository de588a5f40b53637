"""A relabel typed as another spelling of an existing int class ('01', ' 2', '+1' beside 0, 1, 2)
was journalled as a new class '01', while the export wrote it as the int 1: the app and the
export disagreed on the row's class, and a class-1 row 'relabelled' to '01' counted as a change
(s15 hostile). It is now refused, naming the class; a truly new int and text labels are as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.load import load_dataset


def test_another_spelling_of_an_int_class_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": f"text {i}", "label": i % 3}) + "\n" for i in range(9)))
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data)) as writer:
        for typed, meant in (("01", "1"), (" 2", "2"), ("+1", "1")):
            with pytest.raises(UsageError, match=f"is the class '{meant}' written another way"):
                writer.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)
        made = writer.record("relabel", 0, label_after="7", issue_type="label", allow_new_label=True)
        assert made.action == "relabel"


def test_text_labels_take_such_names_as_new(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text {i},{i % 3}\n" for i in range(9)))  # CSV: '0', '1', '2' as text
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data)) as writer:
        made = writer.record("relabel", 0, label_after="01", issue_type="label", allow_new_label=True)
        assert made.action == "relabel"
