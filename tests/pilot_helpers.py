"""Small helpers shared by the Pilot tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from textual.app import App
from textual.widgets import Input

import tui

WAIT_S = 60.0  # generous for a loaded CI machine; a healthy app answers in well under a second


async def settle(pilot) -> None:
    """Let the screen's sort/filter worker finish and its order reach the list.

    A request supersedes the order worker still running (exclusive): until that one's task has
    taken the cancel, wait_for_complete() raises WorkerCancelled for it; then wait for the rest."""
    from textual.worker import WorkerCancelled

    await pilot.pause()
    end = time.monotonic() + WAIT_S
    while True:
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            if time.monotonic() > end:
                raise
            await pilot.pause()
    await pilot.pause()


async def wait_until(pilot, condition: Callable[[], bool], what: str, deadline_s: float = WAIT_S) -> None:
    """Let the app run (``pilot.pause()``; thread workers run meanwhile) until ``condition()``
    holds; fail naming ``what`` after the deadline. For state a message chain reaches a few hops
    after a worker's result (the list's order, then its highlight, then the detail pane), where
    one pause can return early on a loaded machine."""
    end = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"waited {deadline_s:.0f} s for {what}")
        await pilot.pause()


def list_ready(app) -> bool:
    """The current screen is a row screen whose list shows its latest order (none pending)."""
    screen = app.screen
    try:
        return screen.generation > 0 and screen.busy is None and not screen.row_list.pending
    except Exception:  # noqa: BLE001 - not a row screen (yet), or not composed yet
        return False


async def open_filter(pilot) -> None:
    """Press '/' and wait for the filter to have the focus. The app routes each key when it takes
    it from its queue, and '/' moves the focus a few messages later: keys pressed before that
    reach the list as commands ('c' opens the confusions; in tmux '/card' sent at once did)."""
    await pilot.press("slash")
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "filter", "the filter to take the focus")


async def open_goto(pilot) -> None:
    """Press ':' and wait for the go-to dialog's input to have the focus (as open_filter)."""
    await pilot.press("colon")
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "goto-query", "the go-to dialog's input")


async def filter_rows(pilot, query: str, keys: tuple[str, ...] | None = None, enter: bool = True) -> None:
    """'/', ``keys`` (``query``'s characters by default) and enter, then wait until the screen's
    filter is ``query`` and the list shows its order (no order pending)."""
    await open_filter(pilot)
    await pilot.press(*(tuple(query) if keys is None else keys), *(("enter",) if enter else ()))
    screen = pilot.app.screen
    await wait_until(pilot, lambda: (screen.filter_query == query and screen.busy is None
                                     and not screen.row_list.pending), f"the list filtered by {query!r}")


async def open_issue(pilot, issue: str):
    """Open ``issue``'s row screen, wait for its list, and return the screen."""
    pilot.app.open_issue(issue)
    await settle(pilot)
    return pilot.app.screen


async def open_from_summary(pilot, issue: str):
    """Back to the summary, the issue's row of its table, enter: as a user opens it."""
    app = pilot.app
    while type(app.screen).__name__ != "SummaryScreen":
        await pilot.press("escape")
        await pilot.pause()
    table = app.screen.query_one("#issue-table")
    table.move_cursor(row=app.view.issue_types.index(issue))
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: getattr(app.screen, "issue_type", None) == issue, f"the {issue} screen")
    await settle(pilot)
    return app.screen


async def open_report(pilot):
    """r, as a user opens the report; waits for its screen and returns its lines' widget (WideLines)."""
    from tui.screens.report import ReportScreen
    from tui.widgets.wide_lines import WideLines

    app = pilot.app
    await pilot.pause()
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen), "the report screen")
    return app.screen.query_one("#report", WideLines)


async def exclude_first_label_row(pilot, journal: Path) -> None:
    """Open Label issues, exclude its first row (x) and wait for the exclude in ``journal``."""
    await open_issue(pilot, "label")
    await pilot.press("x")
    await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the exclude in the journal")


async def start_export(pilot, out: Path) -> None:
    """Open the export dialog, type ``out`` as its path and press enter."""
    pilot.app.action_export()
    await pilot.pause()
    pilot.app.screen.query_one("#export-path", Input).value = str(out)
    await pilot.press("enter")


@dataclass
class HeldExport:
    """An export held after it wrote its file: ``written`` once written, it returns when ``release`` is set, then
    ``done``; ``outputs`` the paths it was asked for."""

    written: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    outputs: list[str] = field(default_factory=list)


def held_export(monkeypatch) -> HeldExport:
    """engine.export.export_corrected that writes, says so, then waits for ``release`` (see HeldExport)."""
    import engine.export

    held, real = HeldExport(), engine.export.export_corrected

    def export(dataset, journal, output, **kwargs):
        held.outputs.append(str(output))
        try:
            summary = real(dataset, journal, output, **kwargs)
            held.written.set()
            held.release.wait(60)
            return summary
        finally:
            held.done.set()

    monkeypatch.setattr(engine.export, "export_corrected", export)
    return held


@asynccontextmanager
async def held_export_app(result, tmp_path: Path, monkeypatch) -> AsyncIterator:
    """The fixed app on ``result`` (tui_synthetic.fixed_app) at 100x30, its exports held (held_export), its
    journal tmp_path/j.jsonl: yields (app, pilot, held, journal, out), ``out`` tmp_path/fixed.csv for the export."""
    from tui_synthetic import fixed_app

    held = held_export(monkeypatch)
    journal, out = tmp_path / "j.jsonl", tmp_path / "fixed.csv"
    app = fixed_app(result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        yield app, pilot, held, journal, out


def export_warning(dialog) -> str:
    """The export dialog's warning line (``#export-warning``) as drawn; ``dialog``: the ExportDialog screen."""
    from textual.widgets import Static

    return str(dialog.query_one("#export-warning", Static).render())


def export_format_line(dialog) -> str:
    """The export dialog's format line (``#export-format``) as drawn; ``dialog``: the ExportDialog screen."""
    from textual.widgets import Static

    return str(dialog.query_one("#export-format", Static).render())


@asynccontextmanager
async def export_dialog_on(tmp_path: Path, data: str = "text,label\nx,a\n", rows: int = 1,
                           size: tuple[int, int] = (100, 30), **options) -> AsyncIterator:
    """The export dialog for tmp_path/data.csv holding ``data`` (``rows`` rows), journal tmp_path/j.jsonl, one
    relabel, ``options`` (with_id, ...), alone in a DialogHost at ``size``, after a pause: yields (app, pilot, its
    path Input)."""
    from tui.screens.export_dialog import ExportDialog

    source = tmp_path / "data.csv"
    source.write_text(data)
    counts = {"relabel": 1, "exclude": 0, "keep": 0}
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", counts, rows, **options))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, app.screen.query_one("#export-path", Input)


def one_row_export_dialog(tmp_path: Path, size: tuple[int, int] = (100, 30)):
    """``export_dialog_on`` for one row ('x', label 'a'), at 100x30 unless ``size``."""
    return export_dialog_on(tmp_path, size=size)


async def exclude_while_export_runs(pilot, journal: Path, out: Path, under_way: threading.Event) -> None:
    """Open Label issues, start an export to ``out``, wait for ``under_way`` (the held export's own event), then
    exclude the first row (x) and wait for the exclude in ``journal``."""
    pilot.app.open_issue("label")
    await settle(pilot)
    await start_export(pilot, out)
    await wait_until(pilot, under_way.is_set, "the export under way")
    await pilot.press("x")
    await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the exclude in the journal")


async def decide_and_leave(pilot, key: str = "x") -> None:
    """Press ``key`` on the current row screen ('x' excludes its row, 'a' accepts the suggestion) and
    escape back to the summary: one decision, so that R has corrections to re-audit."""
    await pilot.press(key)
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


def blocked_audit(started, release=None) -> Callable:
    """A stand-in for run_audit (the pipeline's or the re-audit's) that sets ``started`` (a
    threading.Event), waits for its cancel, then for ``release`` where given (a step that checks
    for the cancel only now and then), and raises Cancelled."""
    from engine.errors import Cancelled

    def audit(source, options, *, progress=None, cancel=None, **_):
        started.set()
        cancel.wait(30)
        if release is not None:
            release.wait(30)
        raise Cancelled("cancelled")

    return audit


def stalled_predict(monkeypatch) -> threading.Event:
    """The predict stage reports once, sets the returned event, then waits for the cancel (as a long fit would)."""
    import engine.predict
    from engine.errors import Cancelled

    started = threading.Event()

    def predict(vectors, labels, n_classes, *, progress=None, cancel=None, **_):
        progress(0, 5)
        started.set()
        while not cancel.wait(0.05):
            pass
        raise Cancelled("cancelled")

    monkeypatch.setattr(engine.predict, "cross_val_pred_probs", predict)
    return started


async def reaudit_running(pilot, started, pauses: int):
    """One decision (decide_and_leave, 'x' on the label screen's first row), R, and wait for the
    stand-in audit to set ``started`` (a threading.Event), then ``pauses`` pauses; fail unless the
    re-audit screen is on top and still running. Returns that screen."""
    from tui.screens.reaudit import ReauditScreen

    await open_issue(pilot, "label")
    await decide_and_leave(pilot)
    await pilot.press("R")
    assert started.wait(30)
    for _ in range(pauses):
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReauditScreen) and screen.running
    return screen


async def reaudit_ended(pilot, rounds: int = 400) -> bool:
    """Let the workers and the app run until the re-audit screen is on top and its re-audit has
    ended (done, failed or cancelled), ``rounds`` rounds at most; say whether it had."""
    from tui.screens.reaudit import ReauditScreen

    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, ReauditScreen) and not app.screen.running:
            return True
    return False


def title_bar(app) -> tuple[str, int]:
    """The current screen's title bar as drawn, and the width it has for it."""
    from textual.widgets import Static

    bar = app.screen.query_one("#title-bar", Static)
    return str(bar.render()), bar.content_region.width


async def label_detail(pilot, row: int):
    """Open the label screen, show ``row`` in its detail pane; return the screen and the pane's text
    on one line (whitespace runs as one space)."""
    from textual.widgets import Static

    screen = await open_issue(pilot, "label")
    pane = screen.query_one("#detail")
    pane.show(row)
    await pilot.pause()
    return screen, " ".join(str(pane.query_one("#detail-body", Static).render()).split())


async def drawn_diffs(view, member_sets: list[list[int]]) -> list[str]:
    """The near-duplicate word diff of each set of rows in ``member_sets`` over ``view`` (a DiffHost at 100x30), as
    plain text (with NO_COLOR set, its marks bracketed: '{+new+}')."""
    import io

    from rich.console import Console

    from tui.widgets.diff_view import DiffView

    drawn = []
    async with DiffHost(view).run_test(size=(100, 30)) as pilot:
        diff = pilot.app.query_one("#diff", DiffView)
        for members in member_sets:
            diff.show(members)
            await pilot.pause()
            console = Console(width=3000, record=True, file=io.StringIO())
            console.print(diff.render_set())
            drawn.append(console.export_text())
    return drawn


async def near_duplicate_pair(pilot):
    """Open the near-duplicate screen; return it and the two members of the set under its cursor."""
    screen = await open_issue(pilot, "near_duplicate")
    first, second = (int(m) for m in screen.diff.members)
    return screen, first, second


async def press_on(pilot, issue: str, *keys: str):
    """Open ``issue``'s row screen, wait for its list, press ``keys`` there (``c``: the confusion
    navigator; ``e``: the export dialog) and return the screen then on top."""
    await open_issue(pilot, issue)
    await pilot.press(*keys)
    await pilot.pause()
    return pilot.app.screen


class DialogHost(App[None]):
    """A bare app that opens ``dialog`` on mount and keeps what it is dismissed with in ``results``."""

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


class DiffHost(App[None]):
    """A bare app of one DiffView (``#diff``) over ``view``, its decisions read from a read-only DecisionBook."""

    def __init__(self, view) -> None:
        from tui.decisions import DecisionBook

        super().__init__()
        self.view = view
        self.book = DecisionBook(None, len(view), list(view.class_names), problem="read-only")

    def compose(self):
        from tui.widgets.diff_view import DiffView

        yield DiffView(self.view, self.book, id="diff")


@asynccontextmanager
async def label_picker(names: list[str], **options) -> AsyncIterator:
    """A LabelPicker of ``names`` (``options``: its other arguments) alone in a DialogHost at 100x30,
    after a pause: yields the picker."""
    from tui.screens.label_picker import LabelPicker

    app = DialogHost(LabelPicker(names, **options))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        yield app.screen


def ranked(picker, query: str) -> list[str]:
    """Type ``query`` into the label picker; its options' prompts as listed."""
    picker.fill(query)
    options = picker.query_one("#picker-options")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


class StyledDialogHost(DialogHost):
    """A DialogHost with the app's own stylesheet (tui/app.tcss): a dialog's width, wrapping and marks as
    the app draws them."""

    CSS_PATH = str(Path(tui.__file__).with_name("app.tcss"))


def journal_lines(path: Path) -> list[dict]:
    """The journal's JSON lines ([] when the file does not exist yet)."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


async def every_row(pilot, issue: str):
    """Open ``issue``'s row screen, press ``f`` (every row, not only the flagged ones) and return its
    settled row list."""
    from tui.widgets.row_list import RowList

    pilot.app.open_issue(issue)
    await pilot.pause()
    await pilot.press("f")
    await settle(pilot)
    return pilot.app.screen.query_one("#rows", RowList)


def notices(app) -> list[str]:
    """Every notification ``app`` shows from now on (its public notify, wrapped)."""
    seen: list[str] = []
    show = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return show(message, *args, **kwargs)

    app.notify = notify
    return seen


async def failed_audit_line(folder: Path, name: str) -> str:
    """The progress screen's 'Audit failed: ...' line for a CSV named ``name`` in ``folder`` with no text column
    (the load fails inside the app), the app quit after."""
    from engine.pipeline import AuditOptions
    from tui.app import TextauditApp

    path = folder / name
    path.write_text("txt,category\nhello,a\n")
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=folder / "j.jsonl")
    async with app.run_test(size=(100, 24)) as pilot:
        try:
            await app.workers.wait_for_complete()
        except Exception:  # the failed worker re-raises here; the app shows it
            pass
        await pilot.pause()
        await pilot.pause()
        error = str(app.screen.query_one("#error").render())
        await pilot.press("q")
    return error
