"""The progress screen with a real (small) audit: stages, success, cancel, a readable failure."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import EXIT_CANCELLED, EXIT_USAGE
from engine.pipeline import STAGES, AuditOptions
from tui.app import TextauditApp
from tui.launch import exit_lines


async def wait_for_audit(app, pilot) -> None:
    try:
        await app.workers.wait_for_complete()
    except Exception:  # a failed or cancelled worker re-raises here; the app handles it
        pass
    await pilot.pause()
    await pilot.pause()


async def test_progress_screen_runs_the_audit_then_shows_the_summary(three_class_csv, tmp_path):
    app = TextauditApp(source=str(three_class_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        progress = app.screen
        assert type(progress).__name__ == "ProgressScreen"
        await wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert set(progress.stage_done) == set(STAGES)  # every stage reported and finished
        assert "60 rows" in str(app.screen.query_one("#title-bar").render())


async def test_the_view_of_the_rows_is_built_in_the_worker(three_class_csv, tmp_path, monkeypatch):
    """AuditView.from_result took 0.5 s at 220k rows (scipy.sparse's first import among it) on the UI
    thread, the progress screen frozen meanwhile: the audit worker builds it and the message carries it."""
    import threading

    from tui.view import AuditView

    built_on: list[threading.Thread] = []
    real = AuditView.from_result.__func__

    def recording(cls, result, names=None):
        built_on.append(threading.current_thread())
        return real(cls, result, names)

    monkeypatch.setattr(AuditView, "from_result", classmethod(recording))
    app = TextauditApp(source=str(three_class_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert len(app.view) == 60
    assert built_on and all(thread is not threading.main_thread() for thread in built_on)


def big_csv(demo_csv, tmp_path):
    frame = pd.read_csv(demo_csv)
    big = pd.concat([frame.assign(text=frame["text"].fillna("") + f" #{i}", id=frame["id"] + f"-{i}")
                     for i in range(20)], ignore_index=True)  # ~5000 rows: seconds of embedding
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    return path


async def test_escape_cancels_a_running_audit(tmp_path, demo_csv):
    path = big_csv(demo_csv, tmp_path)
    options = AuditOptions(id_column="id", use_cache=False)
    app = TextauditApp(source=str(path), options=options, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await wait_for_audit(app, pilot)
    assert app.return_code == EXIT_CANCELLED
    assert app.cancel_event.is_set()
    # the shell is told what was opened and kept (escape or ctrl+c mid-audit: exit 130)
    assert exit_lines(app) == ["textaudit: interrupted: the audit was cancelled before it finished; "
                               "nothing was opened; nothing is kept (no cache)"]
    unstarted = TextauditApp(source=str(path), options=options, journal_path=tmp_path / "j.jsonl")
    assert exit_lines(unstarted) == ["textaudit: quit before the audit finished; nothing was opened; "
                                     "nothing is kept (no cache)"]


async def test_a_cancel_says_what_the_cache_keeps(tmp_path, demo_csv):
    """Seen in tmux on 3,000 ag_news rows: escape at 681 of 3,000 texts embedded said only 'nothing
    was opened'; the cache held nothing and a reopen embedded from the start, unsaid. A stage is
    cached once it finishes, so the line names those the next start reuses."""
    app = TextauditApp(source=str(big_csv(demo_csv, tmp_path)),
                       options=AuditOptions(id_column="id", cache_root=str(tmp_path / "c")),
                       journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await wait_for_audit(app, pilot)
    assert app.return_code == EXIT_CANCELLED
    head = "textaudit: interrupted: the audit was cancelled before it finished; nothing was opened"
    assert exit_lines(app) == [f"{head}; no stage had finished, so nothing is cached: the next start begins "
                               "again at embed"]
    app.cancelled_kept = 4096  # an embedding cancelled after two whole chunks (engine/text_vectors.keep_partial)
    assert exit_lines(app) == [f"{head}; cached: the vectors of 4,096 texts (the next start "
                               "embeds only the rest)"]
    app.cancelled_after = ["load", "embed", "neighbours"]  # as on_audit_cancelled records them
    app.cached_stages = ["embed", "neighbours"]  # and the engine's record of them in the cache (the cancel's)
    assert exit_lines(app) == [f"{head}; cached: embed, neighbours (the next start picks up at predict)"]


async def test_a_failing_audit_shows_one_readable_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("txt,category\nhello,a\n")  # no text-like name: nothing guessed
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "ProgressScreen"
        error = str(app.screen.query_one("#error").render())
        assert error.startswith("Audit failed: ") and "Traceback" not in error
        assert "text" in error  # names the missing column
        # tmux 80x24, ag_news without --text-column: the load line still read 'starting · 0.0s'
        # over a pulsing bar and the footer offered only 'esc Cancel'
        progress = app.screen
        load = str(progress.query_one("#label-load").render())
        assert "failed" in load and "starting" not in load, load
        assert progress.query_one("#bar-load").total == 1
        from textual.widgets import Footer

        await pilot.pause()
        keys = [getattr(key, "key", None) for key in progress.query_one(Footer).children]
        assert "q" in keys, keys
        await pilot.press("q")
    assert app.return_code == EXIT_USAGE  # a wrong column is a usage error, as in `textaudit audit`


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
async def test_a_failed_audit_offers_no_cancel(tmp_path, key):
    """tmux 80x24, a broken --model folder: 'Audit failed: cannot load embedding model ...' over a
    footer reading 'esc Cancel  q Quit': nothing ran to cancel (escape quit). Now the footer offers
    q, and escape or ctrl+c still quits with the failure's exit code."""
    from textual.widgets import Footer

    path = tmp_path / "bad.csv"
    path.write_text("txt,category\nhello,a\n")
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_audit(app, pilot)
        await pilot.pause()
        shown = [(getattr(key, "key", None), getattr(key, "description", None))
                 for key in app.screen.query_one(Footer).children]
        assert ("q", "Quit") in shown and not any(description == "Cancel" for _, description in shown), shown
        await pilot.press(key)
    assert app.return_code == EXIT_USAGE


def test_browse_says_why_the_audit_failed_after_the_tui_closes(tmp_path, monkeypatch, capsys):
    """The failure was only on the TUI's screen, gone with it: the shell showed nothing, exit 1."""
    from tui import app as app_module
    from tui import launch
    from tui.cli import main

    path = tmp_path / "bad.csv"
    path.write_text("label,title,description\n1,a,b\n2,c,d\n")

    async def drive(app) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_audit(app, pilot)
            await pilot.press("q")

    def run_headless(self) -> None:  # App.run() without a terminal: the same app, driven by Pilot
        import asyncio

        asyncio.run(drive(self))

    monkeypatch.setattr(app_module.TextauditApp, "run", run_headless)
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)  # pytest's stdin may be no terminal
    monkeypatch.chdir(tmp_path)
    code = main(["browse", str(path)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    lines = [line for line in err.splitlines() if line.startswith("textaudit:")]
    assert lines == [f"textaudit: error: {path}: no text column 'text' (columns: label, title, description); "
                     "choose one with --text-column (or join several: --text-column title+description)"]


def test_a_stage_clock_shows_loading_then_counts_speed_and_a_shrinking_time_left():
    from tui.screens.progress import StageClock

    clock = StageClock("embed", started=100.0)
    clock.report(100.0, 0, 10_000, "loading all-MiniLM-L6-v2")
    assert clock.loading
    assert clock.line(100.4) == "embed      loading all-MiniLM-L6-v2, then 10,000 texts · 0.4s"
    assert clock.line(160.0).endswith("· 1m00s")  # the clock moves while the model loads
    clock.report(161.0, 256, 10_000, "")
    assert not clock.loading and clock.rate() is None
    assert clock.line(161.5).startswith("embed      256/10,000 texts · ")
    clock.report(163.0, 1_256, 10_000, "")  # 1,000 texts in 2 s
    assert clock.rate() == 500
    assert "500 texts/s" in clock.line(163.0) and "~17s left" in clock.line(163.0)
    assert "~12s left" in clock.line(168.0)  # counts down between reports
    clock.finished = 180.0
    assert clock.line(181.0) == "embed      done in 1m20s · 10,000 texts"


async def test_the_progress_screen_draws_reports_and_ticks(tmp_path):
    from textual.widgets import Label

    from tui.messages import AuditProgress
    from tui.screens.progress import ProgressScreen

    app = TextauditApp(source=str(tmp_path / "never-read.csv"), journal_path=tmp_path / "j.jsonl")
    app.run_audit_worker = lambda: None  # no audit: the test plays the reports itself
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        screen.update_stage(AuditProgress("load", 258, 258, "done"))
        screen.update_stage(AuditProgress("embed", 0, 258, "loading all-MiniLM-L6-v2"))
        await pilot.pause()
        assert "loading all-MiniLM-L6-v2" in str(screen.query_one("#label-embed", Label).render())
        assert "done in" in str(screen.query_one("#label-load", Label).render())
        screen.update_stage(AuditProgress("embed", 100, 258))
        await pilot.pause()
        assert "100/258 texts" in str(screen.query_one("#label-embed", Label).render())


async def test_cancelling_stays_on_screen_until_the_step_stops(tmp_path):
    """The tick rewrote the line to 'elapsed … · escape cancels' a quarter second after escape or
    ctrl+c, while the step ran on to its next check: in a terminal the key looked ignored."""
    from textual.app import App

    from tui.screens.progress import ProgressScreen

    class Host(App[None]):
        cancels = 0

        def on_mount(self) -> None:
            self.push_screen(ProgressScreen("data.csv"))

        def cancel_audit(self) -> None:
            self.cancels += 1

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.tick()
        assert "escape cancels" in str(screen.query_one("#elapsed").render())
        await pilot.press("ctrl+c")
        await pilot.pause()
        screen.tick()  # what the timer does next
        line = str(screen.query_one("#elapsed").render())
        assert app.cancels == 1 and "cancelling" in line and "escape cancels" not in line


def test_a_cancel_is_honoured_within_an_embedding_chunk(monkeypatch):
    """The lean encoder checked the cancel only between 2,048-text chunks (~40 s on a busy
    2-core machine): a cancel set during the first batch stops the chunk at the next batch."""
    import threading

    import pytest

    from engine import embed
    from engine.bert_encoder import BertMeanEncoder
    from engine.errors import Cancelled

    cancel = threading.Event()
    forward = BertMeanEncoder._forward
    calls = []

    def forward_then_cancel(self, batch):
        calls.append(len(batch))
        cancel.set()  # the user presses escape while the first batch runs
        return forward(self, batch)

    monkeypatch.setattr(BertMeanEncoder, "_forward", forward_then_cancel)
    texts = [f"text number {i} " + "word " * (i % 40) for i in range(400)]  # many batches, one chunk
    with pytest.raises(Cancelled):
        embed.embed_texts(texts, device="cpu", precision="fp32", cancel=cancel)
    assert len(calls) == 1
