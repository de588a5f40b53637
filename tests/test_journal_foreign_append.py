"""Part of a line written into the journal by something else while the app holds it (an editor
saving, `printf '{"v":1,"se' >> journal`): the app's next decision was appended right after it, so
the two made one unreadable line and the decision, 'saved' on screen, was gone on reopen (s17
hostile, tmux: 2 of 3 exclusions came back). The app now starts its line on a fresh one."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset


def test_a_foreign_partial_line_does_not_swallow_the_next_decision(tmp_path: Path) -> None:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text("text,label\n" + "".join(f"text {i},{'ab'[i % 2]}\n" for i in range(6)))
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        with journal.open("ab") as other:
            other.write(b'{"v":1,"se')
        writer.record("exclude", 1, issue_type="label")
        writer.record("relabel", 2, label_after="b", issue_type="label")
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert sorted(reader.decisions()) == [0, 1, 2]
        assert reader.load_report == ["skipped 1 unreadable line: 2"]
    assert journal.read_bytes().count(b"\n") == 4
