"""The export dialog's path line shows a Latin-1 file name's byte as ``$'\\xe9'`` and enter writes the name with
that byte (fix40c). The data file 'nof\\xe9.csv' (Python reads 'nof\\udce9.csv') was offered 'nof\\udce9.corrected.csv',
which a UTF-8 terminal drew 'nof.corrected.csv' (tmux: the byte gone, the border after it one cell out): another
file's name. Its warnings ('... exists: press Enter again') dropped it too."""

from __future__ import annotations

import os
from pathlib import Path

from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input

from tui.path_text import path_shown, path_typed
from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


def _latin1_data(tmp_path: Path) -> tuple[str, Path]:
    """A real CSV named nof<0xe9>.csv (as Python reads its name) and its journal beside it."""
    source = os.fsdecode(os.fsencode(tmp_path) + b"/nof\xe9.csv")
    Path(source).write_text("text,label\nx,a\ny,b\n")
    return source, Path(os.fsdecode(os.fsencode(tmp_path) + b"/nof\xe9.corrections.jsonl"))


def _path_line(app: DialogHost) -> Input:
    return app.screen.query_one("#export-path", Input)


async def test_the_offered_path_shows_the_byte_and_enter_writes_it(tmp_path: Path) -> None:
    source, journal = _latin1_data(tmp_path)
    app = DialogHost(ExportDialog(source, journal, COUNTS, 2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _path_line(app).value == f"{tmp_path}/nof$'\\xe9'.corrected.csv"  # old: 'nof\udce9...', drawn 'nof.'
        await pilot.press("tab", "space")  # only the changed rows: the offered name follows
        await pilot.pause()
        assert _path_line(app).value == f"{tmp_path}/nof$'\\xe9'.changes.csv"
        await pilot.press("space")
        await pilot.pause()
        assert _path_line(app).value == f"{tmp_path}/nof$'\\xe9'.corrected.csv"
        await pilot.press("enter")
        await pilot.pause()
    (request,) = app.results
    assert os.fsencode(request.output) == os.fsencode(tmp_path) + b"/nof\xe9.corrected.csv"  # the real bytes


async def test_an_existing_file_is_named_with_its_byte(tmp_path: Path) -> None:
    source, journal = _latin1_data(tmp_path)
    Path(os.fsdecode(os.fsencode(tmp_path) + b"/nof\xe9.corrected.csv")).write_text("text,label\n")
    app = DialogHost(ExportDialog(source, journal, COUNTS, 2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # it exists: asked first
        await pilot.pause()
        said = export_warning(app.screen)
        assert said.startswith("nof$'\\xe9'.corrected.csv exists: press Enter again"), said
        await pilot.press("enter")
        await pilot.pause()
    (request,) = app.results
    assert request.overwrite and os.fsencode(request.output).endswith(b"/nof\xe9.corrected.csv")


async def test_a_typed_path_is_read_as_typed_and_its_spelled_byte_as_the_byte(tmp_path: Path) -> None:
    source, journal = _latin1_data(tmp_path)
    app = DialogHost(ExportDialog(source, journal, COUNTS, 2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        _path_line(app).value = f"{tmp_path}/my out.tsv"  # a space, no byte: as typed
        await pilot.press("enter")
        await pilot.pause()
        app.push_screen(ExportDialog(source, journal, COUNTS, 2), app.results.append)
        await pilot.pause()
        _path_line(app).value = f"{tmp_path}/typed$'\\xe8'.csv"  # as bash spells a Latin-1 'è'
        await pilot.press("enter")
        await pilot.pause()
    assert [os.fsencode(r.output) for r in app.results] == [
        os.fsencode(tmp_path) + b"/my out.tsv", os.fsencode(tmp_path) + b"/typed\xe8.csv"]


def test_shown_and_typed_give_the_path_back() -> None:
    for path in ("/d/nof\udce9.csv", "/d/a\udce9\udce8b\udcff.csv", "/d/caf\u00e9.csv", "/d/plain.csv",
                 "/d/letters$'\\x41'.csv", "/d/$\udce9$'.csv", "/d/x$'\\xe9'\udce9.csv"):
        shown = path_shown(path)
        assert not any("\udc80" <= c <= "\udcff" for c in shown), shown
        assert path_typed(shown) == path, (path, shown)
    assert path_shown("/d/nof\udce9.csv") == "/d/nof$'\\xe9'.csv"
    assert path_typed("/d/caf$'\\xc3\\xa9'.csv") == "/d/caf\u00e9.csv"  # UTF-8 bytes: the letter, as bash gives it
