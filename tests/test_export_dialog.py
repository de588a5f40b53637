"""The export dialog (``e``): asks before replacing a file, never offers the input or the journal."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input, Static

from tui.screens.export_dialog import ExportDialog, ExportRequest, default_output

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


def _csv_dialog(tmp_path: Path) -> DialogHost:
    """The dialog over a one-row ``data.csv`` in ``tmp_path`` (journal ``j.jsonl`` beside it)."""
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\n")
    return DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 1))


async def _type(pilot, app: DialogHost, value: str) -> None:
    app.dialog.query_one("#export-path", Input).value = value
    await pilot.pause()


async def test_existing_output_is_replaced_only_after_asking(tmp_path: Path) -> None:
    source = tmp_path / "data.tsv"
    source.write_text("text\tlabel\nx\ta\n")
    existing = tmp_path / "out.csv"
    existing.write_text("mine")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, str(existing))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and "press Enter again to replace it" in export_warning(app.dialog)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(existing, False, overwrite=True)]


async def test_changing_the_name_forgets_the_question_and_new_files_need_none(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("mine")
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, str(tmp_path / "a.csv"))
        await pilot.press("enter")
        await pilot.pause()
        await _type(pilot, app, str(tmp_path / "b.csv"))
        await _type(pilot, app, str(tmp_path / "a.csv"))
        await pilot.press("enter")  # asked again: a new name resets the confirmation
        await pilot.pause()
        assert app.results == []
        await _type(pilot, app, str(tmp_path / "new.jsonl"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "new.jsonl", False, overwrite=False)]


async def test_input_file_and_journal_are_refused_even_via_a_link(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\n")
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    (tmp_path / "hard.csv").hardlink_to(source)
    app = DialogHost(ExportDialog(str(source), journal, COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        for value, needle in ((str(tmp_path / "hard.csv"), "the input file"),
                              (str(source), "the input file"),
                              (str(journal), "the corrections journal"),
                              (str(tmp_path / "x.xlsx"), "unknown extension")):
            await _type(pilot, app, value)
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert needle in export_warning(app.dialog) and app.results == [], value


def test_default_output_follows_the_input_format(tmp_path: Path) -> None:
    assert default_output(str(tmp_path / "d.tsv")).name == "d.corrected.tsv"
    assert default_output(str(tmp_path / "d.json")).name == "d.corrected.json"
    assert default_output(str(tmp_path / "folder")).name == "folder.corrected.csv"


async def test_the_app_exports_without_a_journal_file(tmp_path: Path) -> None:
    """In a read-only folder the app could not create its journal; 'e' then promised 'Writes 36 of
    36 rows' and failed with the CLI's 'no corrections journal ... pass --journal PATH'. No journal
    file is no decision: the export writes the data as it is."""
    import pandas as pd
    from pilot_helpers import settle

    from engine.pipeline import AuditOptions, run_audit
    from tui.app import TextauditApp

    source = tmp_path / "data.csv"
    pd.DataFrame({"text": [f"{['apple', 'bread', 'cheese'][i % 3]} item {i}" for i in range(36)],
                  "label": [["a", "b", "c"][i % 3] for i in range(36)]}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    journal = tmp_path / "data.corrections.jsonl"
    app = TextauditApp(result, journal_path=journal)
    notices: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify = lambda message, **kw: notices.append(str(message))
        journal.unlink()  # as if it could never be created
        app.action_export()
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "out.csv")
        await pilot.press("enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(n.startswith("wrote 36 rows") for n in notices), notices
    assert (tmp_path / "out.csv").read_bytes() == source.read_bytes()


async def test_keys_typed_ahead_with_e_never_replace_the_path(pinned_result, tmp_path: Path) -> None:
    """tmux, session 8: ``e`` then ``Tab Space`` sent at once toggled the checkbox, then a focus()
    queued by the dialog's on_mount took the focus back to the path with its text selected: the
    next key typed (a space, to toggle the checkbox back) replaced the whole path. Old code: the
    path was ' ' and the focus on it. Keys are posted at once, as a terminal delivers them."""
    from textual import events
    from textual.widgets import Checkbox
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, character in (("e", "e"), ("tab", None), ("space", " ")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#export-path", Input)
        default = str(default_output(str(pinned_result.dataset.source), folder=tmp_path))  # the journal's folder
        checkbox = dialog.query_one("#export-changed-only", Checkbox)
        await pilot.press("space")  # the user toggles the checkbox back
        assert path.value == default
        assert app.focused is checkbox and checkbox.value is False
        await pilot.press("shift+tab", "x")  # back in the path a key edits it, at its end
        assert path.value == default + "x"


def _immutable(folder: Path) -> Callable[[], None] | None:
    """Mode 555, and as root (who ignores modes) chattr +i: (undo) or None where neither holds."""
    import subprocess

    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except OSError:
        return lambda: folder.chmod(0o755)
    (folder / "probe").unlink()
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
        return lambda: (subprocess.run(["chattr", "-i", str(folder)], capture_output=True), folder.chmod(0o755))
    folder.chmod(0o755)
    return None


def _no_free_inode(folder: Path) -> Callable[[], None] | None:
    """A 2-inode tmpfs holding one file: no file can be created, yet os.access says W_OK (as on
    a file system out of inodes, over its quota, or NFS with root squashed). Needs mount rights."""
    import subprocess

    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,nr_inodes=2", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        return None
    try:
        (folder / "data.csv").write_text("text,label\nx,a\n")
        (folder / "probe").touch()
    except OSError:
        return lambda: subprocess.run(["umount", str(folder)], capture_output=True)
    subprocess.run(["umount", str(folder)], capture_output=True)
    return None


@pytest.fixture(params=["immutable", "no free inode"])
def unwritable_folder(request, tmp_path: Path):
    """A folder in which no file can be created: read-only (immutable), or on a file system with
    no free inode; skipped where this machine cannot make it."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if request.param == "immutable":
        (folder / "data.csv").write_text("text,label\nx,a\n")
    undo = (_immutable if request.param == "immutable" else _no_free_inode)(folder)
    if undo is None:
        pytest.skip(f"cannot make a folder ({request.param}) nobody can write here")
    yield folder
    undo()


async def test_a_missing_or_unwritable_folder_is_said_before_enter(tmp_path: Path, unwritable_folder: Path,
                                                                  monkeypatch) -> None:
    """A path in a folder that does not exist, or one in which no file can be created, was
    accepted; Enter closed the dialog and a toast said 'export failed', the typed path gone. The
    dialog says it and stays open. It asks as the export does, creating and removing a file
    there: os.access says W_OK on a file system out of inodes (the old dialog accepted that
    folder: fails on the old code) and said the 'read-only' reason for every refusal."""
    monkeypatch.chdir(tmp_path)
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, str(tmp_path / "nope" / "out.csv"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and f"no folder {tmp_path / 'nope'}" in export_warning(app.dialog)
        await _type(pilot, app, str(unwritable_folder / "out.csv"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and f"cannot write {unwritable_folder / 'out.csv'}" in export_warning(app.dialog)
        assert "choose another folder" in export_warning(app.dialog)
        assert sorted(p.name for p in unwritable_folder.iterdir()) == ["data.csv"]  # the probe left nothing
        await _type(pilot, app, str(tmp_path / "out.csv"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "out.csv", False, overwrite=False)]
    # data in a read-only folder: the offered path is in the working folder instead
    assert default_output(str(unwritable_folder / "data.csv")) == tmp_path / "data.corrected.csv"


async def test_the_checkbox_state_reads_without_colour(tmp_path: Path) -> None:
    """Textual's checkbox draws 'X' on and off (colour alone differs): 'only the changed rows'
    looked chosen. Off draws a blank, on an 'X' (old code: '▐X▌' both times)."""
    from textual.widgets import Checkbox

    app = _csv_dialog(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.dialog.query_one("#export-changed-only", Checkbox)
        assert box.value is False and str(box.render()).startswith("▐ ▌"), str(box.render())
        box.value = True
        await pilot.pause()
        assert str(box.render()).startswith("▐X▌"), str(box.render())


async def test_the_dialog_says_how_the_file_was_read(tmp_path: Path, demo_csv: Path) -> None:
    """s10 inbox 3: 'textaudit export' prints the load notes that concern the written file (a
    blank line left out, ...); the app's dialog said nothing, and the export had a line fewer than
    the input without a word. The app passes the dataset's style notes; the dialog lists them."""
    from engine.load import load_dataset
    from tui.app import TextauditApp
    from tui_synthetic import fixed_view

    lines = demo_csv.read_text(encoding="utf-8").splitlines()
    source = tmp_path / "b.csv"
    source.write_text("\n".join(lines[:10] + [""] + lines[10:]) + "\n", encoding="utf-8")
    dataset = load_dataset(source, id_column="id")
    assert dataset.style.notes  # the loader says it
    from types import SimpleNamespace

    result = SimpleNamespace(dataset=dataset)
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=fixed_view(dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        text = str(app.screen.query_one("#export-summary", Static).render())
        assert "1 blank line is not a row; an export leaves them out" in text, text


async def test_replace_in_the_dialog_replaces_the_earlier_export(tmp_path: Path) -> None:
    """tmux 160x48, banking77 test.csv, session 11: a second export to test.corrected.csv asked
    'exists: press Enter again to replace it', the button read Replace, and the export then failed
    with the CLI's 'exists; pass --force to replace it' (the app stopped passing the confirmation
    as force in ca18744): an export could never be redone under its name from the app."""
    import pandas as pd
    from pilot_helpers import settle

    from engine.pipeline import AuditOptions, run_audit
    from tui.app import TextauditApp

    source = tmp_path / "data.csv"
    pd.DataFrame({"text": [f"{['apple', 'bread', 'cheese'][i % 3]} item {i}" for i in range(36)],
                  "label": [["a", "b", "c"][i % 3] for i in range(36)]}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    out = tmp_path / "out.csv"
    out.write_text("an earlier export\n")
    app = TextauditApp(result, journal_path=tmp_path / "data.corrections.jsonl")
    notices: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify = lambda message, **kw: notices.append(str(message))
        app.action_export()
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")  # asks
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and out.read_text() == "an earlier export\n"
        await pilot.press("enter")  # replaces
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(n.startswith("wrote 36 rows") for n in notices), notices
    assert out.read_bytes() == source.read_bytes()


async def test_a_name_too_long_for_the_file_system_is_said_not_a_crash(tmp_path: Path) -> None:
    """A file name over 255 bytes typed into the path (or a folder name that long on the way):
    the dialog's checks raised OSError (File name too long) from its Input.Changed handler and
    the app ended in a traceback, the journal's decisions safe but the session gone. The
    dialog says it as the command line does (the path cut to 80 characters) and stays open."""
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        for value in (str(tmp_path / f"{'a' * 300}.csv"), str(tmp_path / ("b" * 300) / "out.csv")):
            await _type(pilot, app, value)
            await pilot.press("enter")
            await pilot.pause()
            assert app.results == [] and app.dialog.is_attached, value
            assert "File name too long" in export_warning(app.dialog) and "…" in export_warning(app.dialog), export_warning(app.dialog)
        await _type(pilot, app, str(tmp_path / "out.csv"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "out.csv", False, overwrite=False)]


async def test_a_space_after_the_extension_is_named(tmp_path: Path) -> None:
    """'out.csv ' (a pasted name with a trailing space) read 'unknown extension .csv : use .csv,
    .json, ...', an extension refused in favour of itself. The dialog names the space; an
    extension it does not know is quoted, as the command line quotes it."""
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, str(tmp_path / "out.csv "))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and export_warning(app.dialog) == "the name ends in a space after .csv: remove it"
        await _type(pilot, app, str(tmp_path / "out.xlsx"))
        assert export_warning(app.dialog).startswith("unknown extension '.xlsx': use .csv")
        await _type(pilot, app, str(tmp_path / "out.csv"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "out.csv", False, overwrite=False)]


async def test_a_space_before_the_path_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """' out.csv' (a paste's leading space) was taken as it stood: the export wrote a file named
    ' out.csv' beside 'out.csv', which the user then did not find."""
    monkeypatch.chdir(tmp_path)
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, " out.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and export_warning(app.dialog) == "the path starts with a space: remove it"
        await _type(pilot, app, "out.csv")
        await pilot.press("enter")
        await pilot.pause()
    assert [request.output.name for request in app.results] == ["out.csv"]


async def test_only_the_changed_rows_are_offered_a_name_of_their_own(tmp_path: Path) -> None:
    """ui25: with 'only the changed rows' chosen the dialog still offered data.corrected.csv, so a
    partial table sat under the whole corrected dataset's name. The offered name follows the
    checkbox; a name the user typed is never changed."""
    from textual.widgets import Checkbox

    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        path = app.dialog.query_one("#export-path", Input)
        checkbox = app.dialog.query_one("#export-changed-only", Checkbox)
        assert path.value == str(tmp_path / "data.corrected.csv")
        checkbox.value = True
        await pilot.pause()
        assert path.value == str(tmp_path / "data.changes.csv")
        assert "label_before" in str(app.dialog.query_one("#export-format", Static).render())
        checkbox.value = False
        await pilot.pause()
        assert path.value == str(tmp_path / "data.corrected.csv")
        await _type(pilot, app, str(tmp_path / "mine.csv"))
        checkbox.value = True
        await pilot.pause()
        assert path.value == str(tmp_path / "mine.csv")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(tmp_path / "mine.csv", True, overwrite=False)]
