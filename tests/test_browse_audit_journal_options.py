"""``browse`` (the journal it opens) and ``audit --apply-journal`` take the text/label columns the journal's
decisions were made with where the command gives none, as ``export`` does (opts36: ag_news without
--text-column stopped at "no text column 'text'"). A given option still wins. The app and the re-audit
are stood in for: what is checked is the options they are handed and the note on stderr."""

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


def test_browse_opens_with_the_journals_text_column(ag, monkeypatch, capsys) -> None:
    data, journal = ag
    handed = []
    monkeypatch.setattr("tui.launch.run_app", lambda source, options, **kw: handed.append(options) or 0)
    assert main(["browse", str(data), "--journal", str(journal)]) == 0
    assert handed[-1].text_column == "title+description"  # old: None, and the app's "no text column 'text'"
    err = capsys.readouterr().err
    assert f"note: --text-column title+description taken from the journal {journal}" in err, err
    assert main(["browse", str(data), "--journal", str(journal), "--text-column", "title"]) == 0
    assert handed[-1].text_column == "title"  # a given option wins, and nothing is said
    assert "taken from the journal" not in capsys.readouterr().err


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
