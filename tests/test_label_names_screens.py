"""--label-names on the screens the first version left with the ints: the Datalab report (r), the
re-audit's per-class table (R), and the export dialog, which says the file gets the values."""

from __future__ import annotations

import io
import re

from rich.console import Console

from pilot_helpers import filter_rows, journal_lines, open_issue, settle, wait_until
from test_label_names_tui import NAMES, int_labelled  # noqa: F401 - the fixture, shared
from textual.widgets import Static

from tui.app import TextauditApp
from tui.screens.reaudit import ReauditScreen
from tui.screens.report import ReportScreen


def _names_app(int_labelled, journal) -> TextauditApp:  # noqa: F811
    _, names, result = int_labelled
    return TextauditApp(result, journal_path=journal, label_names=names)


async def test_the_report_screen_names_the_classes(int_labelled, tmp_path):  # noqa: F811
    app = _names_app(int_labelled, tmp_path / "j.jsonl")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen), "the report screen")
        texts = [line.text for line in app.screen.lines]
        assert any(text.startswith("Label names (--label-names") and "1=Billing,2=Cards" in text for text in texts)
        start = next(i for i, text in enumerate(texts) if "given_label" in text and "is_label_issue" in text)
        rows = [line for line in app.screen.lines[start + 1:start + 6] if line.row is not None]
        assert rows and all(re.split(r"\s+", line.text.strip())[-1] in NAMES for line in rows)
        assert all(re.split(r"\s+", line.text.strip())[-2] in NAMES for line in rows)


async def test_the_reaudit_class_table_names_the_classes(int_labelled, tmp_path):  # noqa: F811
    app = _names_app(int_labelled, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_issue(pilot, "label")
        await pilot.press("asterisk", "a", "enter")  # accept every label issue
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, ReauditScreen) and not app.screen.running,
                         "the re-audit")
        screen = app.screen
        screen.show_classes("label")
        await pilot.pause()
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(screen.query_one("#delta-classes", Static).content)
        drawn = console.export_text()
        listed = [line.split()[0] for line in drawn.splitlines()[2:] if line.strip()]
        assert listed and all(name in NAMES for name in listed), drawn


async def test_the_export_dialog_says_the_values_are_written(int_labelled, tmp_path):  # noqa: F811
    app = _names_app(int_labelled, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_issue(pilot, "label")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: app.screen.query("#export-summary"), "the export dialog")
        summary = str(app.screen.query_one("#export-summary", Static).render())
        assert "labels are written as the column's values (1 for Billing, ...), not their names" in summary


async def test_the_filter_finds_a_class_by_its_value_too(int_labelled, tmp_path):  # noqa: F811
    """given:3 listed no row (no name holds a '3'), though the journal and the export call that class 3."""
    app = _names_app(int_labelled, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_issue(pilot, "label")
        everyone = set(screen.row_list.order.tolist())
        await filter_rows(pilot, "given:3")
        listed = screen.row_list.order.tolist()
        assert listed and all(int(app.view.given[r]) == 2 for r in listed)  # the third class, value 3
        assert set(listed) == {r for r in everyone if int(app.view.given[r]) == 2}
        await filter_rows(pilot, "given:balance")  # its name, as before
        assert screen.row_list.order.tolist() == listed


async def test_the_picker_finds_a_class_by_its_value_too(int_labelled, tmp_path):  # noqa: F811
    """Typing 3 in the picker said 'no class matches '3'', though the journal writes that class as 3."""
    app = _names_app(int_labelled, tmp_path / "j.jsonl")
    journal = tmp_path / "j.jsonl"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        target = next(i for i in range(len(NAMES)) if i not in (int(app.view.given[row]), int(app.view.predicted[row])))
        await pilot.press("l")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "picker-query", "the picker")
        await pilot.press(str(target + 1), "enter")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the relabel in the journal")
        assert journal_lines(journal)[0]["label_after"] == str(target + 1)
        assert NAMES[target] in screen.cell(row, "decision")


async def test_a_new_class_is_shown_and_typed_by_its_name(int_labelled, tmp_path):  # noqa: F811
    """ag_news' 1-4 with --label-names ...,5=New: a row relabelled to the new class 5 read '→ 5 (new)', and typing
    New in the picker was refused ('the labels are integers ...'); now New is the new class 5, written as 5."""
    from tui.screens.label_picker import LabelPicker

    _, names, result = int_labelled
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal, label_names={**names, 8: "New"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        await pilot.press("l")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "picker-query", "the picker")
        await pilot.press("n", "e", "w", "enter")
        await pilot.pause()
        dialog = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "NEW class New" in dialog and "written as 8" in dialog, dialog
        await pilot.press("y")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the relabel in the journal")
        assert journal_lines(journal)[0]["label_after"] == "8"  # the value, as the data and the export keep it
        assert screen.cell(row, "decision") == "→ New (new)"
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker again")
        assert "New" in app.screen.shown and "8" not in app.screen.shown


async def test_esc_on_the_new_class_confirmation_reopens_the_picker_with_the_name(int_labelled, tmp_path):  # noqa: F811
    """Cancelling the confirmation of the new class 8 typed as New reopened the picker with '8' typed (ui37)."""
    from textual.widgets import Input

    from tui.screens.bulk_dialog import BulkDialog
    from tui.screens.label_picker import LabelPicker

    _, names, result = int_labelled
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", label_names={**names, 8: "New"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await open_issue(pilot, "label")
        await pilot.press("l")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "picker-query", "the picker")
        await pilot.press("N", "e", "w", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BulkDialog), "the confirmation")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker again")
        assert app.screen.query_one("#picker-query", Input).value == "New"
