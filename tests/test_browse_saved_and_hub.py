"""'textaudit browse' of a saved ``datasets`` folder (save_to_disk) or ``hf:NAME`` whose columns do not resolve (no
text column, a --text-column/--label-column missing) fails in the shell with the load's one line and exit 2, as data
files do (83682e3); it opened the app only to show 'Audit failed: ... no text column' (fix41b, tmux: ag_news and
banking77 saved with save_to_disk). A saved folder is checked on its first rows (no whole read before the app);
``hf:NAME`` (a hub dataset, or a folder of data files: datasets builds it whole) is loaded whole in the shell, and the
app audits that load."""

from __future__ import annotations

import pytest
from browse_helpers import NEWS, refused_before_app

import engine.load
from tui.cli import main

datasets = pytest.importorskip("datasets")

CARDS = {"text": ["my card is lost", "where is my card", "lost card again", "card not here"],
         "category": ["card_lost", "card_arrival", "card_lost", "card_arrival"]}


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    read: list[str] = []
    load = engine.load.load_dataset
    monkeypatch.setattr(engine.load, "load_dataset", lambda source, *a, **k: read.append(source) or load(source, *a, **k))
    return read


def test_a_saved_folder_without_a_text_column_fails_before_the_app(tmp_path, opened, capsys) -> None:
    datasets.Dataset.from_dict(NEWS).save_to_disk(str(saved := tmp_path / "news"))
    refused_before_app(capsys, opened, [str(saved)], "no text column 'text'")
    refused_before_app(capsys, opened, [str(saved), "--text-column", "title", "--label-column", "topic"], "no label column 'topic'")
    assert opened == []


def test_a_saved_split_dict_says_its_split(tmp_path, opened, capsys) -> None:
    cards = datasets.Dataset.from_dict(CARDS)
    datasets.DatasetDict({"train": cards, "test": cards}).save_to_disk(str(saved := tmp_path / "cards"))
    refused_before_app(capsys, opened, [str(saved), "--text-column", "body"], "no text column 'body'")
    refused_before_app(capsys, opened, [str(saved / "test"), "--label-column", "cat"], "no label column 'cat'")
    assert opened == []


def test_a_valid_saved_folder_opens_the_app_without_a_whole_read(tmp_path, opened, monkeypatch) -> None:
    datasets.Dataset.from_dict(CARDS).save_to_disk(str(saved := tmp_path / "cards"))
    monkeypatch.setattr(engine.load, "load_dataset", lambda *a, **k: pytest.fail("read whole before the app"))
    assert main(["browse", str(saved)]) == 0
    assert main(["browse", str(saved), "--label-column", "category"]) == 0
    assert [call.get("dataset") for call in opened] == [None, None]


def test_a_hub_name_fails_before_the_app(tmp_path, opened, capsys, monkeypatch) -> None:
    """hf:FOLDER (its data files built by datasets, as a hub dataset is): no hub is asked for a local folder."""
    folder = tmp_path / "news"
    folder.mkdir()
    datasets.Dataset.from_dict(NEWS).to_csv(str(folder / "train.csv"), index=False)
    monkeypatch.chdir(tmp_path)
    refused_before_app(capsys, opened, ["hf:news"], "no text column 'text'")
    refused_before_app(capsys, opened, ["hf:news", "--text-column", "body"], "no text column 'body'")
    assert opened == []


def test_a_valid_hub_name_opens_the_app_read_once(tmp_path, opened, loads, monkeypatch) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    datasets.Dataset.from_dict(CARDS).to_csv(str(folder / "train.csv"), index=False)
    monkeypatch.chdir(tmp_path)
    assert main(["browse", "hf:cards", "--label-column", "category"]) == 0
    assert loads == ["hf:cards"] and len(opened[0]["dataset"]) == 4
