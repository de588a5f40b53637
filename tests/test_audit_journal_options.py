"""``audit --apply-journal`` takes the text/label columns the journal's decisions were made with where the
command gives none, as ``export`` does (opts36: ag_news without --text-column stopped at "no text column
'text'"). A given option still wins. The re-audit is stood in for: what is checked is the options it is
handed and the note on stderr. (``browse`` does not: it would read the data twice on every reopen.)"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.load import load_dataset
from tui.cli import main


@pytest.fixture
def ag(tmp_path: Path) -> tuple[Path, Path]:
    """An ag_news-shaped CSV (label, title, description) and its default journal, made with title+description."""
    data = tmp_path / "ag.csv"
    with data.open("w", newline="") as handle:
        csv.writer(handle).writerows([["label", "title", "description"],
                                      *([1 + i % 4, f"title {i}", f"description {i}"] for i in range(8))])
    journal = tmp_path / "ag.corrections.jsonl"
    with Journal.open(journal, load_dataset(data, text_column="title+description")) as writer:
        writer.record("relabel", 2, label_after="1", issue_type="label")
    return data, journal


def test_audit_apply_journal_takes_the_journals_text_column(ag, monkeypatch, capsys) -> None:
    data, journal = ag
    handed = []

    def reaudit(source, options, journal_path, **kw):
        handed.append(options)
        raise UsageError("stood in")

    monkeypatch.setattr("engine.reaudit.reaudit", reaudit)
    assert main(["audit", str(data), "--apply-journal", str(journal)]) == 2
    assert handed[-1].text_column == "title+description"
    assert f"note: --text-column title+description taken from the journal {journal}" in capsys.readouterr().err
    assert main(["audit", str(data), "--apply-journal", str(journal), "--text-column", "title"]) == 2
    assert handed[-1].text_column == "title"
