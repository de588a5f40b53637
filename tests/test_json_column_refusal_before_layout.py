"""A JSON file whose columns do not resolve is refused before its layout is worked out (fix40a): the layout
(engine/json_readers._json_layout, up to 12 dumps of the whole value, used only by an export) took 96% of the
24 s CPU that a 41 MB array of 152,000 ag_news records took to say "no text column 'text'" (an object of column
lists: 2.8 s of which ~2.3 s). The load's own column check runs on the frame the reader built, so the line is
the one the load said after the whole read; a valid file still gets its layout."""

from __future__ import annotations

import json

import pytest

import engine.json_readers as json_readers
from engine.errors import UsageError
from engine.load import load_dataset

RECORDS = [{"label": 1, "title": "Wall St. Bears", "description": "Short-sellers are back"},
           {"label": 2, "title": "Oil prices", "description": "Crude rises"},
           {"label": 1, "title": "Rates up", "description": "Banks react"}]
COLUMNS = {key: [record[key] for record in RECORDS] for key in RECORDS[0]}


@pytest.fixture
def layouts(monkeypatch) -> list[object]:
    """The values whose layout was worked out."""
    seen: list[object] = []
    real = json_readers._json_layout

    def counting(text: str, value: object, ascii_only: bool):
        seen.append(value)
        return real(text, value, ascii_only)

    monkeypatch.setattr(json_readers, "_json_layout", counting)
    return seen


@pytest.mark.parametrize("value", [RECORDS, COLUMNS], ids=["records", "column lists"])
@pytest.mark.parametrize("options, said", [
    ({}, "no text column 'text' (columns: label, title, description); choose one with --text-column "
         "(or join several: --text-column title+description)"),
    ({"text_column": "body"}, "no text column 'body'"),
    ({"text_column": "title", "label_column": "topic"}, "no label column 'topic'"),
])
def test_a_column_refusal_works_out_no_layout(tmp_path, layouts, value, options, said) -> None:
    data = tmp_path / "news.json"
    data.write_text(json.dumps(value, indent=2))
    with pytest.raises(UsageError) as caught:
        load_dataset(data, **options)
    assert caught.value.message.startswith(f"{data}: {said}"), caught.value.message
    assert layouts == []


@pytest.mark.parametrize("value", [RECORDS, COLUMNS], ids=["records", "column lists"])
def test_a_valid_file_keeps_its_layout(tmp_path, layouts, value) -> None:
    data = tmp_path / "news.json"
    data.write_text(json.dumps(value, indent=2))
    dataset = load_dataset(data, text_column="title+description")
    assert len(layouts) == 1 and dataset.style.json_indent == 2 and dataset.style.json_separators == (",", ": ")


def test_rows_keyed_by_id_still_say_so(tmp_path, layouts) -> None:
    """pandas' to_json(orient='index') of rows keyed by a text id: the load's own line, not the column line."""
    data = tmp_path / "rows.json"
    data.write_text(json.dumps({f"u{i}": {"text": r["title"], "label": r["label"]} for i, r in enumerate(RECORDS)}))
    with pytest.raises(Exception) as caught:
        load_dataset(data)
    assert "to_json(orient='index')" in str(caught.value)
