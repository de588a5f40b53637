"""'textaudit browse' of a JSON Lines, JSON array or Parquet file whose columns do not resolve fails in the
shell, before the app opens, as a CSV does since 4cfa5ba (fix40a: ag_news as .jsonl/.json/.parquet opened the
app only to say 'Audit failed: ... no text column 'text''). The first records decide only that the whole load
runs: a file the load accepts opens the app, and a valid file is not read whole before it opens."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from browse_helpers import NEWS as NEWS_COLUMNS
from browse_helpers import refused_before_app, sources

import engine.load
from tui.cli import main

NEWS = pd.DataFrame(NEWS_COLUMNS)


def _write(frame: pd.DataFrame, path) -> None:
    if path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif path.suffix == ".json":
        path.write_text(json.dumps(frame.to_dict(orient="records"), indent=2))
    else:
        path.write_text("".join(json.dumps(record) + "\n" for record in frame.to_dict(orient="records")))


@pytest.mark.parametrize("name", ["news.jsonl", "news.ndjson", "news.json", "news.parquet"])
def test_two_text_columns_fail_before_the_app(tmp_path, opened, capsys, name) -> None:
    _write(NEWS, data := tmp_path / name)
    refused_before_app(capsys, opened, [str(data)], "no text column 'text'", "--text-column title+description")


@pytest.mark.parametrize("name", ["news.jsonl", "news.json", "news.parquet"])
def test_a_given_column_missing_fails_before_the_app(tmp_path, opened, capsys, name) -> None:
    _write(NEWS, data := tmp_path / name)
    refused_before_app(capsys, opened, [str(data), "--text-column", "body", "--label-column", "label"],
                       "no text column 'body'")


@pytest.mark.parametrize("name", ["b.jsonl", "b.json", "b.parquet"])
def test_valid_files_open_the_app_without_a_whole_read(tmp_path, opened, monkeypatch, name) -> None:
    frame = pd.DataFrame({"utterance": ["my card is lost", "where is my card", "lost card again"],
                          "category": ["card_lost", "card_arrival", "card_lost"]})
    _write(frame, data := tmp_path / name)
    monkeypatch.setattr(engine.load, "load_dataset", lambda *a, **k: pytest.fail("read whole before the app"))
    assert main(["browse", str(data)]) == 0
    assert main(["browse", str(data), "--text-column", "utterance", "--label-column", "category"]) == 0
    assert sources(opened) == [str(data)] * 2


def test_a_column_past_the_first_records_still_opens_the_app(tmp_path, opened) -> None:
    """The first 1,000 records have no 'text' (the sample refuses), a later one has: the whole load accepts the
    file, so the app opens (the sample never refuses on its own)."""
    records = [{"label": "ab"[i % 2], "note": None} for i in range(1_000)]
    records += [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(4)]
    data = tmp_path / "late.jsonl"
    data.write_text("".join(json.dumps(record) + "\n" for record in records))
    assert main(["browse", str(data)]) == 0
    assert sources(opened) == [str(data)]


def test_a_json_array_read_in_chunks(tmp_path, opened, capsys, monkeypatch) -> None:
    """Records split over many reads (a chunk of 7 characters) are read as one parse of the file reads them."""
    import engine.column_precheck as precheck

    monkeypatch.setattr(precheck, "_CHUNK", 7)
    data = tmp_path / "news.json"
    data.write_text(" \n[ " + " ,\n".join(json.dumps(r) for r in NEWS.to_dict(orient="records")) + " ]\n")
    sample = precheck.sample_frame(data, "json", "utf-8")
    assert sample is not None and sample.to_dict(orient="records") == NEWS.to_dict(orient="records")
    assert main(["browse", str(data)]) == 2 and opened == []
