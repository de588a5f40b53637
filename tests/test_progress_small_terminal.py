"""The progress screen's elapsed line and stage clocks are on screen in a 60x15 terminal.

Seen in tmux at 60x15 (ag_news slice, --no-cache): the five stages drew, and the line under them,
'elapsed 5.3s · escape cancels', fell below the screen's edge: the padding around the stages took
the two rows it needed.
"""

from __future__ import annotations

import threading
import time

from pilot_helpers import blocked_audit, wait_until
from rich.cells import cell_len
from textual.widgets import Label, Static

from engine.errors import Cancelled
from engine.pipeline import AuditOptions
from tui.app import TextauditApp


def progress_app(monkeypatch, demo_csv, journal, audit) -> TextauditApp:
    """The app on the demo with ``audit`` in place of the pipeline: its progress screen stays up."""
    monkeypatch.setattr("engine.pipeline.run_audit", audit)
    return TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=journal)


async def test_the_elapsed_line_fits_a_60x15_terminal(monkeypatch, demo_csv, tmp_path):
    started = threading.Event()

    app = progress_app(monkeypatch, demo_csv, tmp_path / "j.jsonl", blocked_audit(started))
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        assert type(screen).__name__ == "ProgressScreen"
        elapsed = screen.query_one("#elapsed", Static)
        await wait_until(pilot, lambda: "elapsed" in str(elapsed.render()), "the elapsed line")
        inside = screen.query_one("#progress").content_region  # within its padding: drawn
        assert elapsed.region.height >= 1 and elapsed.region.bottom <= inside.bottom, (elapsed.region, inside)
        assert screen.query_one("#stage-audit").region.bottom <= elapsed.region.y  # every stage above it
        await pilot.press("escape")
        await pilot.pause()


async def test_a_stage_line_keeps_its_clock_at_60_columns(monkeypatch, demo_csv, tmp_path):
    """Seen in tmux at 60x15 (banking77 train, --no-cache): 'embed      3,187/10,003 texts · 471
    texts/s · ~14s left · ' : the clock, the one thing that moves every quarter second, was cut off.
    The speed gives way first; the count, the time left and the clock stay."""
    started = threading.Event()

    def counting_audit(source, options, *, progress=None, cancel=None, **_):
        from engine.progress import Progress
        progress(Progress("load", 1, 1, "done"))
        for done, gap in ((397, 3.0), (1747, 0.2), (3187, 0.2)):
            progress(Progress("embed", done, 10_003, "embedding"))
            # counts apart in time: a speed and a time left. The first gap is long, so the time left
            # (about 8 s) outlasts the wait below on a loaded machine: at 0.2 s a gap it was under a
            # second, and CI once saw 'finishing' where '~1s left' was asserted
            time.sleep(gap)
        started.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    app = progress_app(monkeypatch, demo_csv, tmp_path / "j.jsonl", counting_audit)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        label = screen.query_one("#label-embed", Label)
        await wait_until(pilot, lambda: started.is_set() and "left" in str(label.render()), "the embed line")
        await pilot.pause(0.3)  # a tick redraws it
        line = str(label.render())
        room = screen.query_one("#progress").content_region.width
        assert cell_len(line) <= room, (line, room)
        assert line.startswith("embed      3,187/10,003 texts · ~") and " left · " in line, line
        assert line.rsplit(" · ", 1)[1].endswith("s"), line  # ends with the running clock (e.g. 0.8s)
        await pilot.press("escape")
        await pilot.pause()


def test_a_long_stage_message_is_cut_before_the_clock():
    from tui.screens.progress import StageClock
    clock = StageClock("audit", 0.0, text="a long message about the check that runs now")
    line = clock.line(3.1, 30)
    assert cell_len(line) <= 30 and line.startswith("audit      a long") and line.endswith("… · 3.1s"), line


async def test_a_40x12_terminal_keeps_the_percentage_and_the_elapsed_line(monkeypatch, demo_csv, tmp_path):
    """Seen in tmux at 40x12 (ui18): '100%' read '100' (a 32-cell bar, its 5-cell percentage and
    the padding did not fit 40 columns) and the elapsed line was dropped (five stages of two rows
    took every row). The bar narrows, and below 14 rows only the running stage keeps its bar."""
    from textual.widgets import ProgressBar
    from textual.widgets._progress_bar import Bar, PercentageStatus

    started = threading.Event()

    def counting_audit(source, options, *, progress=None, cancel=None, **_):
        from engine.progress import Progress
        progress(Progress("load", 1, 1, "done"))
        progress(Progress("embed", 45, 100, "embedding"))
        started.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    app = progress_app(monkeypatch, demo_csv, tmp_path / "j.jsonl", counting_audit)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = app.screen
        elapsed = screen.query_one("#elapsed", Static)
        await wait_until(pilot, lambda: started.is_set() and "elapsed" in str(elapsed.render()), "the elapsed line")
        await pilot.pause(0.3)
        inside = screen.query_one("#progress").content_region
        assert elapsed.region.height >= 1 and elapsed.region.bottom <= inside.bottom, (elapsed.region, inside)
        embed = screen.query_one("#bar-embed", ProgressBar)
        percent = embed.query_one(PercentageStatus)
        assert str(percent.render()) == "45%" and percent.region.right <= inside.right, (percent.region, inside)
        assert embed.region.height == 1 and screen.query_one("#bar-load", ProgressBar).region.height == 0
        await pilot.press("escape")
        await pilot.pause()
    app = progress_app(monkeypatch, demo_csv, tmp_path / "k.jsonl", counting_audit)
    started.clear()
    async with app.run_test(size=(80, 24)) as pilot:  # room: every bar, 32 cells as before
        screen = app.screen
        await wait_until(pilot, lambda: started.is_set(), "the audit")
        await pilot.pause(0.3)
        assert {screen.query_one(f"#bar-{s}", ProgressBar).query_one(Bar).region.width for s in ("load", "audit")} == {32}
        await pilot.press("escape")
        await pilot.pause()
