"""A journal's new-label relabel is replayed only if the app would make it now: a line edited by
hand (or written before the check) with label_after '' or ' ' was applied, and the export wrote an
empty label, a file that no longer loads ('1 row has an empty label'); on an integer column
'1_0' / '\u0663' were written as 10 / 3, not the name the journal shows (s17 hostile). Such
lines are now reported as not applied, as a new 'nan' already was (49a6088)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _data(tmp_path: Path, ext: str) -> Path:
    path = tmp_path / f"d{ext}"
    rows = [(f"text {i}", 1 + i % 2) for i in range(6)]
    if ext == ".csv":
        path.write_text("text,label\n" + "".join(f"{text},{label}\n" for text, label in rows))
    else:
        path.write_text("".join(json.dumps({"text": text, "label": label}) + "\n" for text, label in rows))
    return path


@pytest.mark.parametrize("ext, label, written", [
    (".csv", "", None), (".csv", " ", None), (".jsonl", "", None), (".jsonl", "1_0", None),
    (".jsonl", "\u0663", None), (".jsonl", "3", '{"text": "text 0", "label": 3}'),
    (".csv", "3", "text 0,3")])
def test_a_new_label_the_app_refuses_is_not_replayed(tmp_path: Path, capsys, ext: str, label: str,
                                                      written: str | None) -> None:
    data, journal, out = _data(tmp_path, ext), tmp_path / "j.jsonl", tmp_path / f"out{ext}"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="3", issue_type="label", allow_new_label=True)
    entry = json.loads(journal.read_text())
    journal.write_text(json.dumps({**entry, "label_after": label}) + "\n")
    code = main(["export", str(data), "--journal", str(journal), "-o", str(out)])
    err = capsys.readouterr().err
    if written is None:
        assert code == 1
        assert "1 relabel not applied: the label is not a class of this dataset (rows 0)" in err
        assert not out.exists()
    else:
        assert code == 0, err
        assert out.read_text().splitlines()[0 if ext == ".jsonl" else 1] == written
