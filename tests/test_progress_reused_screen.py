"""The progress screen says how many texts the embedding reused beside the count still to embed
(walk31: 'embed 57,079 texts' with no word of the 6,618 cached from a cancelled run). The pipeline's
reports carry ``reused`` (tests/test_progress_reused.py); AuditProgress takes it to the screen."""

from __future__ import annotations

import threading

from pilot_helpers import wait_until
from textual.widgets import Label

from engine.errors import Cancelled
from engine.pipeline import AuditOptions
from engine.progress import Progress
from tui.app import TextauditApp

SAID = "57,079 texts (+6,618 reused from cache)"


async def test_the_progress_screen_says_the_reused_texts(monkeypatch, demo_csv, tmp_path):
    started = threading.Event()

    def reusing_audit(source, options, *, progress=None, cancel=None, **_):
        progress(Progress("load", 1, 1, "done"))
        progress(Progress("embed", 0, 1, "starting"))
        progress(Progress("embed", 0, 57_079, "loading all-MiniLM-L6-v2", reused=6_618))
        progress(Progress("embed", 1_024, 57_079, reused=6_618))
        started.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    monkeypatch.setattr("engine.pipeline.run_audit", reusing_audit)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        label = app.screen.query_one("#label-embed", Label)
        await wait_until(pilot, lambda: started.is_set() and "1,024/" in str(label.render()), "the embed count")
        assert f"1,024/{SAID}" in str(label.render()), str(label.render())
        await pilot.press("escape")
        await pilot.pause()
