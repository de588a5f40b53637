"""The lists' places file (tui/ui_state.py): what it keeps, and what it ignores without a word."""

from __future__ import annotations

import json

import pytest

from tui import ui_state
from tui.ui_state import dataset_key, read_places, state_path, write_places

PLACE = {"entry": 7, "text": "0123456789abcdef", "sort": "score", "descending": False, "all": True,
         "hide_decided": False}


def test_a_place_is_kept_per_data_and_journal(tmp_path):
    data = tmp_path / "train.csv"
    data.write_text("text,label\n")
    key = dataset_key(str(data), tmp_path / "train.corrections.jsonl")
    assert key == dataset_key(str(data), tmp_path / "." / "train.corrections.jsonl")  # the same paths, spelt otherwise
    assert key != dataset_key(str(data), tmp_path / "other.jsonl")
    assert write_places(key, 10, {"label": PLACE})
    write_places(key, 10, {"outlier": dict(PLACE, entry=3)})  # another screen: the label screen's place stays
    assert read_places(key, 10) == {"label": PLACE, "outlier": dict(PLACE, entry=3)}
    assert read_places(key, 11) == {}  # another row count: not this data any more


@pytest.mark.parametrize("text", ["", "[]", '{"version": 2, "datasets": {}}', '{"version": 1, "datasets": []}',
                                  '{"version": 1, "datasets": {"k": 5}}', "\udcff", "{" * 100_000,
                                  "[" * 100_000 + "]" * 100_000, " " * (2 << 20)],
                         ids=["empty", "list", "v2", "datasets-list", "dataset-int", "not-utf8", "open-braces",
                              "nested-past-the-stack", "over-1MB"])
def test_a_file_that_is_not_ours_is_ignored_and_replaced(text):
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_bytes(text.encode("utf-8", "surrogateescape"))
    assert read_places("k", 10) == {}
    assert write_places("k", 10, {"label": PLACE})
    assert read_places("k", 10) == {"label": PLACE}


def test_a_state_folder_that_cannot_be_written_is_said_nowhere(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("TEXTAUDIT_STATE_DIR", str(blocked / "state"))  # under a file: no folder can be made
    assert write_places("k", 10, {"label": PLACE}) is False
    assert read_places("k", 10) == {}


def test_only_the_newest_datasets_are_kept(monkeypatch):
    monkeypatch.setattr(ui_state, "KEEP_DATASETS", 3)
    for n in range(5):
        write_places(f"k{n}", 10, {"label": PLACE})
    kept = json.loads(state_path().read_text(encoding="utf-8"))["datasets"]
    assert sorted(kept) == ["k2", "k3", "k4"]
