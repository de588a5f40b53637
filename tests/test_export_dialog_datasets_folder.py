"""The app's export to a saved ``datasets`` folder (the command line's ``--format hf``): the dialog
offered files only (.csv ... .parquet), so data opened from a ``save_to_disk`` folder could not go
back out as one from the app. A path ending in a folder separator now writes such a folder, and a
saved folder's dialog offers ``<name>.corrected/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input, Static

from tui.screens.export_dialog import ExportDialog, ExportRequest, default_output, default_path_text, folder_output

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


def saved_folder(tmp_path: Path) -> Path:
    import datasets

    folder = tmp_path / "train"
    datasets.Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]}).save_to_disk(str(folder))
    return folder


async def typed(pilot, app: DialogHost, value: str) -> None:
    app.dialog.query_one("#export-path", Input).value = value
    await pilot.pause()


def test_a_folder_is_a_name_ending_in_a_separator_without_a_file_extension():
    assert folder_output("fixed/") and folder_output("train.corrected/")
    assert not folder_output("fixed") and not folder_output("out.csv/") and not folder_output("")


def test_a_saved_folder_offers_a_saved_folder_and_a_file_a_file(tmp_path):
    folder = saved_folder(tmp_path)
    assert default_path_text(str(folder)) == f"{tmp_path / 'train.corrected'}/"
    plain = tmp_path / "plain"
    plain.mkdir()
    assert default_output(str(plain)).name == "plain.corrected.csv"  # a folder datasets did not write
    assert default_path_text(str(tmp_path / "d.csv")) == str(tmp_path / "d.corrected.csv")


async def test_the_dialog_offers_the_folder_and_enter_asks_for_it(tmp_path):
    folder = saved_folder(tmp_path)
    app = DialogHost(ExportDialog(str(folder), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.dialog.query_one("#export-path", Input).value == f"{tmp_path / 'train.corrected'}/"
        assert "a name ending in / writes a saved datasets folder" in str(
            app.dialog.query_one("#export-format", Static).render())
        assert export_warning(app.dialog) == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "train.corrected", False, overwrite=False, fmt="hf")]


@pytest.mark.parametrize("make, said", [
    (lambda p: p.write_text("x"), "is a file"),
    (lambda p: (p.mkdir(), (p / "mine.txt").write_text("x")), "not a saved dataset"),
])
async def test_a_folder_the_export_would_refuse_is_refused_in_the_dialog(tmp_path, make, said):
    folder = saved_folder(tmp_path)
    target = tmp_path / "out"
    make(target)
    app = DialogHost(ExportDialog(str(folder), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await typed(pilot, app, f"{target}/")
        assert said in export_warning(app.dialog)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == []


async def test_an_existing_saved_folder_is_replaced_after_asking_and_a_bare_name_is_explained(tmp_path):
    folder = saved_folder(tmp_path)
    earlier = saved_folder(tmp_path / "x")  # tmp/x/train: a saved dataset written before
    app = DialogHost(ExportDialog(str(folder), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await typed(pilot, app, str(tmp_path / "fixed"))  # no extension, no slash: which is meant is said
        assert export_warning(app.dialog).endswith("or end the name in / for a datasets folder")
        await typed(pilot, app, f"{earlier}/")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and "press Enter again to replace it" in export_warning(app.dialog)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [ExportRequest(earlier, False, overwrite=True, fmt="hf")]


async def test_the_app_writes_the_folder(pinned_result, tmp_path):
    import datasets
    from pilot_helpers import notices
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        seen = notices(app)
        app.run_export(ExportRequest(tmp_path / "fixed", corrections_only=False, fmt="hf"))
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(text.startswith("wrote 258 rows") for text in seen), seen
    written = datasets.load_from_disk(str(tmp_path / "fixed"))
    assert len(written) == 258 and "text" in written.column_names


async def test_a_split_of_a_saved_dataset_dict_is_offered_beside_it_not_inside(tmp_path):
    """'dd/train.corrected/' would add a split to the DatasetDict dd, which the export refuses (the
    dialog said so under the path it offered itself)."""
    import datasets

    splits = {name: datasets.Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]}) for name in ("train", "test")}
    datasets.DatasetDict(splits).save_to_disk(str(tmp_path / "dd"))
    split = tmp_path / "dd" / "train"
    assert default_path_text(str(split)) == f"{tmp_path / 'dd-train.corrected'}/"
    app = DialogHost(ExportDialog(str(split), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert export_warning(app.dialog) == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "dd-train.corrected", False, overwrite=False, fmt="hf")]
