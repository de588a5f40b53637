"""A JSON object repeating a key: the last value is read (as every Python JSON reader does), and said."""

from __future__ import annotations

import json

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

_RECORDS = [{"text": f"text number {i} is {'good' if i % 2 else 'bad'}", "label": "pos" if i % 2 else "neg"}
            for i in range(12)]


def _export(dataset, tmp_path, relabel=None):
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    if relabel is not None:
        with Journal.open(journal, dataset) as open_journal:
            open_journal.record("relabel", relabel[0], label_after=relabel[1], issue_type="label")
    out = tmp_path / "out.jsonl"
    export_corrected(dataset, journal, out, force=True)
    return out


def test_jsonl_record_repeating_the_label_is_noted_with_its_line(tmp_path):
    lines = [json.dumps(r) for r in _RECORDS]
    lines[3] = '{"text": "text number 3 is good", "label": "neg", "label": "pos"}'
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_dataset(path)
    assert dataset.frame["label"].iloc[3] == "pos"  # the last value, as before
    (note,) = dataset.style.notes
    assert note == ("d.jsonl: 1 JSON object repeats a key (first on line 4: 'label' given \"neg\" and then \"pos\"); "
                    "the last value is the one read and audited; an export writes those objects as the file has them")
    out = _export(dataset, tmp_path)
    assert out.read_bytes() == path.read_bytes()
    out = _export(dataset, tmp_path, relabel=(3, "neg"))  # the relabel is what reads back
    assert load_dataset(out).frame["label"].iloc[3] == "neg"


def test_json_array_and_object_of_columns(tmp_path):
    text = json.dumps(_RECORDS, indent=1).replace('"label": "pos"\n', '"label": "neg", "label": "pos"\n', 1)
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    (note,) = load_dataset(path).style.notes
    assert note.startswith("a.json: 1 JSON object repeats a key (first: 'label' given \"neg\" and then \"pos\")")

    columns = {"text": [r["text"] for r in _RECORDS], "label": [r["label"] for r in _RECORDS]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(columns)[:-1] + ', "label": ' + json.dumps(["a", "b"] * 6) + "}", encoding="utf-8")
    dataset = load_dataset(path)
    assert dataset.frame["label"].tolist()[:2] == ["a", "b"]
    assert dataset.style.notes == ("c.json: the object of columns repeats the column 'label'; the last one is read "
                                   "and audited, and an export writes it once (the earlier one left out)",)


def test_no_note_without_a_repeat(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps({**r, "meta": {"a": 1, "b": {"a": 2}}}) for r in _RECORDS) + "\n")
    assert load_dataset(path).style.notes == ()
