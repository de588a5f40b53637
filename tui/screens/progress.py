"""The progress screen: each pipeline stage with its progress and elapsed time; cancellable."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar, Static

from engine.pipeline import STAGES
from tui.messages import AuditProgress


class ProgressScreen(Screen):
    """Shows the audit running in the app's thread worker; escape or ctrl+c cancels it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+c", "cancel", "Cancel", show=False, priority=True),
        Binding("q", "quit_failed", "Quit", show=False),
    ]

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.started = time.monotonic()
        self.stage_started: dict[str, float] = {}
        self.stage_done: dict[str, float] = {}
        self.failed = False

    def compose(self) -> ComposeResult:
        yield Static(f"Auditing {self.source}", id="title-bar")
        with Vertical(id="progress"):
            for stage in STAGES:
                with Vertical(classes="stage", id=f"stage-{stage}"):
                    yield Label(f"{stage:<11} waiting", id=f"label-{stage}")
                    yield ProgressBar(total=None, show_eta=False, id=f"bar-{stage}")
            yield Static("", id="elapsed")
            yield Static("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        if self.failed:
            return
        self.query_one("#elapsed", Static).update(
            f"elapsed {time.monotonic() - self.started:5.1f}s · escape cancels")
        for stage, began in self.stage_started.items():
            if stage not in self.stage_done:
                label = self.query_one(f"#label-{stage}", Label)
                label.update(f"{stage:<11} running {time.monotonic() - began:5.1f}s {self._text.get(stage, '')}")

    _text: dict[str, str] = {}

    def update_stage(self, message: AuditProgress) -> None:
        """Apply one progress report (called by the app's message handler)."""
        stage = message.stage
        if stage not in STAGES:
            return
        now = time.monotonic()
        self.stage_started.setdefault(stage, now)
        for earlier in STAGES[: STAGES.index(stage)]:
            if earlier in self.stage_started and earlier not in self.stage_done:
                self.finish(earlier, now)
        bar = self.query_one(f"#bar-{stage}", ProgressBar)
        if message.text == "done":
            self.finish(stage, now)
            return
        self._text = {**self._text, stage: message.text[:40]}
        if message.total > 1:
            bar.update(total=message.total, progress=message.done)
        self.query_one(f"#label-{stage}", Label).update(
            f"{stage:<11} running {now - self.stage_started[stage]:5.1f}s {message.text[:40]}")

    def finish(self, stage: str, now: float) -> None:
        self.stage_done[stage] = now
        self.query_one(f"#bar-{stage}", ProgressBar).update(total=1, progress=1)
        self.query_one(f"#label-{stage}", Label).update(
            f"{stage:<11} done in {now - self.stage_started.get(stage, now):5.1f}s")

    def show_error(self, text: str) -> None:
        self.failed = True
        self.query_one("#error", Static).update(f"Audit failed: {text}\n\nPress q to quit.")
        self.query_one("#elapsed", Static).update("")

    def action_cancel(self) -> None:
        if self.failed:
            self.app.exit(1, return_code=1)
            return
        self.query_one("#elapsed", Static).update("cancelling… (the current step stops at its next check)")
        self.app.cancel_audit()

    def action_quit_failed(self) -> None:
        if self.failed:
            self.app.exit(1, return_code=1)
