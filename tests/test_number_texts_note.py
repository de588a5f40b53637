"""A text column that holds only numbers (a JSONL 'text' of ints, --text-column on a code column)
was audited as the numbers' digits without a word (s15 hostile). The load now notes it; a
column with any word in it is not noted."""

from __future__ import annotations

import json
from pathlib import Path

from engine.load import load_dataset


def _notes(loaded) -> list[str]:
    return [note for note in loaded.warnings if "holds only numbers or booleans" in note]


def test_numbers_as_texts_are_noted(tmp_path: Path) -> None:
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("".join(json.dumps({"text": i * 37, "label": "ab"[i % 2]}) + "\n" for i in range(8)))
    assert len(_notes(load_dataset(jsonl))) == 1
    csv = tmp_path / "d.csv"
    csv.write_text("code,text,label\n" + "".join(f"{i * 37},word {i},{'ab'[i % 2]}\n" for i in range(8)))
    assert "'code'" in _notes(load_dataset(csv, text_column="code"))[0]
    assert _notes(load_dataset(csv)) == []


def test_a_word_among_numbers_is_not_noted(tmp_path: Path) -> None:
    csv = tmp_path / "d.csv"
    csv.write_text("text,label\n1,a\n2.5,b\n-3,a\n1e3,b\nseven,a\n8,b\n")
    assert _notes(load_dataset(csv)) == []
