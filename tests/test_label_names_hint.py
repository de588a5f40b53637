"""Integer labels with no names: the summary says --label-names exists.

Seen in tmux on AG News test (labels 1-4, `--text-column title+description`): every screen, the
picker and the class chart showed '1', '2', '3', '4', and nothing in the app said they can be
named; only the README did.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.pipeline import AuditOptions, run_audit
from tui.app import TextauditApp


@pytest.fixture(scope="module")
def int_labelled(demo_csv, tmp_path_factory):
    """The demo with its 7 classes written as the ints 1-7, and its audit."""
    frame = pd.read_csv(demo_csv)
    classes = sorted(frame["label"].unique())
    frame["label"] = [classes.index(label) + 1 for label in frame["label"]]
    path: Path = tmp_path_factory.mktemp("ints") / "ints.csv"
    frame.to_csv(path, index=False)
    return run_audit(path, AuditOptions(id_column="id"))


async def notes_drawn(result, journal: Path, **kwargs) -> str:
    app = TextauditApp(result, journal_path=journal, **kwargs)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notes = app.screen.query("#notes")
        return str(notes.first().render()) if notes else ""


async def test_the_summary_names_the_option(int_labelled, tmp_path):
    drawn = await notes_drawn(int_labelled, tmp_path / "j.jsonl")
    assert "the labels are numbers (1-7): --label-names 1=NAME,2=NAME,... shows them by name" in drawn, drawn


async def test_no_note_once_named(int_labelled, tmp_path):
    names = {i: f"Name{i}" for i in range(1, 8)}
    assert "--label-names" not in await notes_drawn(int_labelled, tmp_path / "j.jsonl", label_names=names)


def test_text_labels_need_no_names(pinned_result):
    from engine.label_names import unnamed_numbers_note

    assert unnamed_numbers_note(pinned_result.dataset) is None


def test_negative_labels_read_as_a_range(tmp_path):
    """review21: labels -1, 0, 1 read 'the labels are numbers (-1-1)'."""
    from engine.label_names import unnamed_numbers_note
    from engine.load import load_dataset

    path = tmp_path / "signed.csv"
    pd.DataFrame({"text": [f"row {i}" for i in range(6)], "label": [-1, 0, 1, -1, 0, 1]}).to_csv(path, index=False)
    note = unnamed_numbers_note(load_dataset(path))
    assert note is not None and note.startswith("the labels are numbers (-1 to 1): --label-names -1=NAME,0=NAME,")


async def detail_drawn(result, journal: Path, **kwargs) -> str:
    from pilot_helpers import open_issue

    from tui.widgets.detail_pane import DetailPane

    app = TextauditApp(result, journal_path=journal, **kwargs)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_issue(pilot, "label")
        return str(screen.query_one(DetailPane).query_one("#detail-body").render())


async def test_the_label_screen_says_it_beside_the_numbers(int_labelled, tmp_path):
    """walk43, tmux 80x24 on ag_news test: the Label issues screen showed bare 1-4 and the note was
    below the summary's fold; the detail pane's Given line now says the option, once named not."""
    assert "(--label-names names the numbers)" in await detail_drawn(int_labelled, tmp_path / "j.jsonl")
    names = {i: f"Name{i}" for i in range(1, 8)}
    assert "--label-names" not in await detail_drawn(int_labelled, tmp_path / "k.jsonl", label_names=names)
