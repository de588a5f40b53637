"""'textaudit browse' of a JSON object (column lists {"text": [...], "label": [...]}, or rows keyed by row number)
whose columns do not resolve fails in the shell with the load's one line and exit 2, as CSV/TSV/JSONL/Parquet/JSON
arrays do (83682e3). Their keys span the file, so no first records tell them: it opened the app only to show
'Audit failed: ... no text column' and wait for q (fix41b, tmux: ag_news test as column lists). The file is loaded
whole in the shell, and the app audits that load (no second read)."""

from __future__ import annotations

import codecs
import json

import pytest
from browse_helpers import NEWS, refused_before_app

import engine.load
from tui.cli import main


@pytest.mark.parametrize("layout", ["plain", "indented", "bom"])
def test_column_lists_without_a_text_column_fail_before_the_app(tmp_path, opened, capsys, layout) -> None:
    text = json.dumps(NEWS, indent=2 if layout == "indented" else None)
    data = tmp_path / "news.json"
    data.write_bytes((codecs.BOM_UTF8 if layout == "bom" else b"") + ("\n  " + text).encode())
    refused_before_app(capsys, opened, [str(data)], "no text column 'text'", "--text-column title+description")


def test_a_given_column_missing_fails_before_the_app(tmp_path, opened, capsys) -> None:
    (data := tmp_path / "news.json").write_text(json.dumps(NEWS))
    refused_before_app(capsys, opened, [str(data), "--text-column", "title", "--label-column", "topic"],
                       "no label column 'topic'")


def test_rows_keyed_by_number_fail_before_the_app(tmp_path, opened, capsys) -> None:
    rows = {str(i): {"text": t, "label": "ab"[i % 2]} for i, t in enumerate(["a b", "c d", "e f"])}
    (data := tmp_path / "keyed.json").write_text(json.dumps(rows))
    refused_before_app(capsys, opened, [str(data)], "orient='index'", code=1)  # the load's own refusal and exit code


def test_valid_column_lists_open_the_app_read_once(tmp_path, opened, monkeypatch) -> None:
    loads: list[str] = []
    load = engine.load.load_dataset
    monkeypatch.setattr(engine.load, "load_dataset", lambda source, *a, **k: loads.append(source) or load(source, *a, **k))
    (data := tmp_path / "news.json").write_text(json.dumps(NEWS))
    assert main(["browse", str(data), "--text-column", "title+description"]) == 0
    assert loads == [str(data)] and len(opened) == 1
    assert opened[0]["dataset"].text_column == "title+description" and len(opened[0]["dataset"]) == 4
