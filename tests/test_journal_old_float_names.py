"""Journals written before fa5459a name a label column's whole floats past int64 as floats ('1e+20'); the classes
are named as the integers they equal now ('100000000000000000000'). Every decision such a journal held was refused
as 'the row's label changed since' (an upgrade silently dropped the user's corrections). They apply again."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

E20, E20X2, E20X3 = "100000000000000000000", "200000000000000000000", "300000000000000000000"
OLD = {E20: "1e+20", E20X2: "2e+20", E20X3: "3e+20"}  # as the version before fa5459a spelled them (checked by hand)


def test_a_journal_naming_whole_floats_as_floats_still_applies(tmp_path: Path, capsys) -> None:
    data, journal = tmp_path / "d.jsonl", tmp_path / "j.jsonl"
    data.write_text("".join(json.dumps({"text": f"text {i}", "label": [1e20, 2e20][i % 2]}) + "\n" for i in range(6)))
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after=E20X2, issue_type="label")
        writer.record("exclude", 1, issue_type="label")
        writer.record("keep", 2, issue_type="label")
        writer.record("relabel", 4, label_after=E20X3, issue_type="label", allow_new_label=True)
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    for entry in entries:
        entry.update({key: OLD.get(entry[key], entry[key]) for key in ("label_before", "label_after")})
    journal.write_text("".join(json.dumps(entry) + "\n" for entry in entries))
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert reader.load_report == [] and reader.unapplied_summary() is None, reader.load_report
        decisions = reader.decisions()
    assert {row: (d.action, d.label_after) for row, d in decisions.items()} == {
        0: ("relabel", E20X2), 1: ("exclude", None), 2: ("keep", None), 4: ("relabel", E20X3)}
    out = tmp_path / "out.jsonl"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0, capsys.readouterr().err
    labels = [json.loads(line)["label"] for line in out.read_text().splitlines()]
    assert labels == [2e20, 1e20, 2e20, 3e20, 2e20], labels  # row 1 excluded
