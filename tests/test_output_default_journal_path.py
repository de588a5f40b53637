"""`textaudit export d.csv --journal j.jsonl -o d.corrections.jsonl` and `audit d.csv --issues-out
d.corrections.jsonl` wrote their table where browse and export look for d.csv's journal: every later
`browse d.csv` / `export d.csv` then stopped on 'is not a textaudit journal' (s22 hostile22). Both are
refused before any work, like an output onto the journal itself."""

from __future__ import annotations

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

ROWS = "text,label\n" + "".join(f"row {i} says {'yes' if i % 2 else 'no'},{'ab'[i % 2]}\n" for i in range(8))


def _data(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(ROWS)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 1, issue_type="label")
    return data, journal


def test_export_refuses_the_default_journal_path(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data, journal = _data(tmp_path)
    assert main(["export", "d.csv", "--journal", "j.jsonl", "-o", "d.corrections.jsonl"]) == 2
    assert "d.corrections.jsonl is the path of this data's corrections journal" in capsys.readouterr().err
    assert not (tmp_path / "d.corrections.jsonl").exists()
    assert main(["export", "d.csv", "--journal", "j.jsonl", "-o", "out.jsonl"]) == 0  # elsewhere, as before


def test_issues_out_refuses_the_default_journal_path(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _data(tmp_path)
    code = main(["audit", "d.csv", "--model", "tfidf", "--no-cache", "--folds", "2",
                 "--issues-out", "d.corrections.jsonl"])
    assert code == 2 and "is the path of this data's corrections journal" in capsys.readouterr().err
    assert not (tmp_path / "d.corrections.jsonl").exists()
    assert main(["audit", "d.csv", "--model", "tfidf", "--no-cache", "--folds", "2", "--issues-out", "i.jsonl"]) == 0


def test_the_engine_refuses_it_too(tmp_path, monkeypatch):
    """The app's export dialog (engine.export_corrected), run with --journal elsewhere."""
    import pytest

    from engine.errors import UsageError
    from engine.export import export_corrected

    monkeypatch.chdir(tmp_path)
    data, journal = _data(tmp_path)
    with pytest.raises(UsageError, match="is the path of this data's corrections journal"):
        export_corrected(load_dataset("d.csv"), journal, tmp_path / "d.corrections.jsonl")
    assert not (tmp_path / "d.corrections.jsonl").exists()


def test_hub_data_has_a_default_journal_too_and_memory_data_none(tmp_path, monkeypatch):
    """One rule (engine.paths.data_journal_path) for the CLI, the engine and the export dialog: browse
    hf:NAME keeps its journal in hf_NAME.corrections.jsonl, so the app's export (dialog and engine)
    refuses that path as the CLI did; data from memory has none. The engine and the dialog skipped hf:."""
    import dataclasses

    import pytest

    from engine.errors import UsageError
    from engine.export import export_corrected
    from engine.output_guard import journal_in_the_way
    from engine.paths import data_journal_path, default_journal_path

    monkeypatch.chdir(tmp_path)
    data, journal = _data(tmp_path)
    target = tmp_path / "hf_ag_news.corrections.jsonl"
    assert data_journal_path("hf:ag_news") == default_journal_path("hf:ag_news") == target
    assert data_journal_path("<DataFrame>") is None and data_journal_path("<datasets.Dataset>") is None
    assert journal_in_the_way(target, "hf:ag_news") == (
        "where this data's corrections journal goes (browse and export look for it there)")
    hub = dataclasses.replace(load_dataset("d.csv"), source="hf:ag_news")
    with pytest.raises(UsageError, match="is the path of this data's corrections journal"):
        export_corrected(hub, journal, target)
    assert not target.exists()
