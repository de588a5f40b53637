"""The label picker offers a saved dataset's ClassLabel names that no row holds (a test split
without a rare class). Before, it listed only the classes some row has, so such a name could
not be chosen in the app at all, though the journal and the export take it (ea01195)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from pilot_helpers import journal_lines, open_issue
from tui_synthetic import fixed_app

UNUSED = "savings_enquiry"


@pytest.fixture(scope="module")
def saved_result(demo_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The demo as a saved dataset whose ClassLabel names one class more than its rows hold."""
    datasets = pytest.importorskip("datasets")
    from engine.load import load_dataset

    frame = pd.read_csv(demo_csv, keep_default_na=False)
    names = sorted(frame["label"].unique()) + [UNUSED]
    features = datasets.Features({"id": datasets.Value("string"), "text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=names)})
    folder = tmp_path_factory.mktemp("saved") / "demo"
    datasets.Dataset.from_dict({"id": frame["id"].astype(str).tolist(), "text": frame["text"].tolist(),
                                "label": [names.index(v) for v in frame["label"]]},
                               features=features).save_to_disk(str(folder))
    dataset = load_dataset(folder, id_column="id")
    assert UNUSED not in dataset.class_names
    return SimpleNamespace(dataset=dataset)


async def test_the_picker_offers_an_unused_class_label_name(saved_result, journal_path):
    app = fixed_app(saved_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#picker-options")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[-1] == f"{UNUSED}  (no row has it yet)", prompts
        await pilot.press(*"savings", "enter")
        await pilot.pause()
        assert app.screen is screen
        line = journal_lines(journal_path)[-1]
        assert (line["action"], line["row"], line["label_after"]) == ("relabel", row, UNUSED)
        assert screen.book.describe(row, app.view.shown_names) == f"→ {UNUSED} (new)"


async def test_marked_rows_take_an_unused_class_label_name(saved_result, journal_path):
    app = fixed_app(saved_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("space", "space", "l")
        await pilot.pause()
        await pilot.press(*"savings", "enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"
        assert f"to {UNUSED} (new)" in str(app.screen.query_one("#bulk-title").render())
        await pilot.press("y")
        await pilot.pause()
        lines = journal_lines(journal_path)
        assert [(line["action"], line["label_after"]) for line in lines] == [("relabel", UNUSED)] * 2


async def test_the_unused_name_picked_again_writes_nothing(saved_result, journal_path):
    """A row relabelled to an unused ClassLabel name, picked again: a second journal line, an undo
    step that took back nothing visible (tmux, ag_news test slice as a ClassLabel Parquet with an
    unused 'Extra': l extra enter twice on one row, 2 lines; s17 hostile2). Now as for a class of
    the data (224cec8): nothing written; u then takes the relabel back."""
    from pilot_helpers import settle

    app = fixed_app(saved_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        for _ in range(2):
            await pilot.press("l")
            await pilot.pause()
            await pilot.press(*"savings", "enter")
            await settle(pilot)
            await pilot.press("up")
            await settle(pilot)
        assert screen.target() == row
        assert [(line["action"], line["row"]) for line in journal_lines(journal_path)] == [("relabel", row)]
        await pilot.press("u")
        await settle(pilot)
        assert app.book.codes[row] == 0
