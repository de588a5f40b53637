"""A journal written for another file, passed where some of its decisions still apply by text (two
train.csv in two folders sharing the default journal), is named as that file's journal on every path
that replays it (journal27, item 4): the CLI export, the re-audit's corrected copy (audit
--apply-journal and the app's R) and the app's journal on opening: each reads Journal.load_report. The
app's re-audit screen shows only the one-clause summary, which said 'its row changed since': it now
says the journal was made on the other file."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from engine.reaudit import corrected_dataset
from tui.cli import main
from tui.decisions import DecisionBook

TEXTS = [f"ticket {i} about a card payment" for i in range(12)]
SAID = "the journal's decisions were made on a/train.csv (this data: b/train.csv): is it that file's journal?"


def _write(path: Path, texts: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("text,label\n" + "".join(f"{t},{'ab'[i % 2]}\n" for i, t in enumerate(texts)))
    return path


def _other(tmp_path: Path) -> tuple[Path, Path]:
    journal = tmp_path / "train.corrections.jsonl"
    with Journal.open(journal, load_dataset(_write(tmp_path / "a" / "train.csv", TEXTS))) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 5, issue_type="outlier")  # row 5's text is in the other file too
    return _write(tmp_path / "b" / "train.csv", ["another text"] + TEXTS[1:]), journal


def test_the_cli_export_names_the_file(tmp_path: Path, capsys) -> None:
    data, journal = _other(tmp_path)
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 0
    assert SAID in capsys.readouterr().err


def test_the_reaudits_corrected_copy_names_the_file(tmp_path: Path) -> None:
    data, journal = _other(tmp_path)
    _, kept, info, warnings = corrected_dataset(load_dataset(data), journal)
    assert len(kept) == 11 and SAID in warnings
    # the app's re-audit screen shows the summary clause alone: it said 'its row changed since'
    assert info["unapplied"] == ("1 journal decision NOT applied (the journal was made on a/train.csv, not on this "
                                 "data; see the warnings)")


def test_the_app_names_the_file_when_it_opens_the_journal(tmp_path: Path) -> None:
    data, journal = _other(tmp_path)
    book, messages = DecisionBook.open(journal, load_dataset(data))
    try:
        assert SAID in messages
    finally:
        book.journal.close()
