"""'textaudit browse' of a JSON object (column lists {"text": [...], "label": [...]}, or rows keyed by row number)
whose columns do not resolve fails in the shell with the load's one line and exit 2, as CSV/TSV/JSONL/Parquet/JSON
arrays do (83682e3). Their keys span the file, so no first records tell them: it opened the app only to show
'Audit failed: ... no text column' and wait for q (fix41b, tmux: ag_news test as column lists). The file is loaded
whole in the shell, and the app audits that load (no second read)."""

from __future__ import annotations

import codecs
import json

import pytest

import engine.load
import tui.launch
from tui.cli import main

NEWS = {"label": [1, 2, 3, 1], "title": ["Wall St. Bears", "Oil prices", "New phone", "Rates up"],
        "description": ["Short-sellers are back", "Crude rises", "A faster chip", "Banks react"]}


@pytest.fixture
def opened(monkeypatch) -> list[dict]:
    """The keyword arguments the app was opened with (run_app stubbed: no terminal, no audit)."""
    calls: list[dict] = []
    monkeypatch.setattr(tui.launch, "run_app", lambda source, *args, **kwargs: calls.append(kwargs) or 0)
    return calls


@pytest.mark.parametrize("layout", ["plain", "indented", "bom"])
def test_column_lists_without_a_text_column_fail_before_the_app(tmp_path, opened, capsys, layout) -> None:
    text = json.dumps(NEWS, indent=2 if layout == "indented" else None)
    data = tmp_path / "news.json"
    data.write_bytes((codecs.BOM_UTF8 if layout == "bom" else b"") + ("\n  " + text).encode())
    assert main(["browse", str(data)]) == 2
    assert opened == []
    err = capsys.readouterr().err
    assert "no text column 'text'" in err and "--text-column title+description" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_a_given_column_missing_fails_before_the_app(tmp_path, opened, capsys) -> None:
    (data := tmp_path / "news.json").write_text(json.dumps(NEWS))
    assert main(["browse", str(data), "--text-column", "title", "--label-column", "topic"]) == 2
    assert opened == [] and "no label column 'topic'" in capsys.readouterr().err


def test_rows_keyed_by_number_fail_before_the_app(tmp_path, opened, capsys) -> None:
    rows = {str(i): {"text": t, "label": "ab"[i % 2]} for i, t in enumerate(["a b", "c d", "e f"])}
    (data := tmp_path / "keyed.json").write_text(json.dumps(rows))
    assert main(["browse", str(data)]) == 1  # the load's own refusal and exit code
    assert opened == [] and "orient='index'" in capsys.readouterr().err


def test_valid_column_lists_open_the_app_read_once(tmp_path, opened, monkeypatch) -> None:
    loads: list[str] = []
    load = engine.load.load_dataset
    monkeypatch.setattr(engine.load, "load_dataset", lambda source, *a, **k: loads.append(source) or load(source, *a, **k))
    (data := tmp_path / "news.json").write_text(json.dumps(NEWS))
    assert main(["browse", str(data), "--text-column", "title+description"]) == 0
    assert loads == [str(data)] and len(opened) == 1
    assert opened[0]["dataset"].text_column == "title+description" and len(opened[0]["dataset"]) == 4
