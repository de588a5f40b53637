"""The progress screen: each pipeline stage with its progress, speed and time left; cancellable.

Something on it moves at least every quarter second: the running stage's clock, and once two
counts have arrived its speed and a time-left estimate that counts down between reports. Model
loading (the stage's report before the first count) is shown as its own step with a pulsing bar,
so a slow load on a busy machine never looks like a stalled 0%.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static

from engine.errors import EXIT_DATA, TextauditError
from engine.pipeline import STAGES
from engine.progress import reused_words
from tui.messages import AuditProgress
from tui.std_streams import undecodable_escaped
from tui.terminal_text import terminal_safe, terminal_safe_lines
from tui.widgets.footer import Footer

TICK_S = 0.25
#: Share of a stage's units counted before its line says 'finishing' once the time-left estimate is spent;
#: short of it the line gives no time left (walk41, tmux: banking77 and ag_news test, the TF-IDF view's
#: 'TF-IDF view: 1,549/3,080 texts · 220 texts/s · finishing' for 30 s and more: half counted, the SVD's steps
#: slower than their estimated share)
FINISHING_SHARE = 0.9
CANCELLING = "cancelling… (the current step stops at its next check)"
UNITS = {"load": "rows", "embed": "texts", "neighbours": "rows", "predict": "folds", "audit": "checks"}
#: A step of other work inside the predict stage: the TF-IDF view's own stages, relayed as
#: 'TF-IDF view: embed loading tfidf' (engine/second_view.py); each counts its own units.
STEP = re.compile(r"(?P<part>[A-Za-z][\w -]{0,29}): (?P<step>" + "|".join(STAGES) + r")\b ?(?P<rest>.*)", re.DOTALL)


def split_step(stage: str, text: str) -> tuple[str, str, str]:
    """(part, step, rest) of a predict report naming a step of its own ('TF-IDF view', 'embed', 'loading
    tfidf'); ('', '', text) otherwise. walk38: banking77's progress screen read 'predict 2,284/3,080 folds ·
    120 folds/s' while the TF-IDF view embedded its 3,080 texts (the model's 5 folds were done)."""
    match = STEP.fullmatch(text) if stage == "predict" else None
    return (match["part"], match["step"], match["rest"]) if match else ("", "", text)


def duration(seconds: float) -> str:
    """1.2s, 42s, 3m05s, 1h02m."""
    if seconds < 10:
        return f"{seconds:.1f}s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


@dataclass
class StageClock:
    """What one stage has reported, and when: enough for its line on the screen."""

    stage: str
    started: float
    text: str = ""
    done: int = 0
    total: int = 0
    first_count: tuple[float, int] | None = None  # (time, done) of the first counted report
    counting_from: float | None = None  # when the count's '0/N' came (folds: the speed is measured from it)
    last_count: tuple[float, int] | None = None
    finished: float | None = None
    reused: int = 0  # texts whose vectors were reused: not in done/total (Progress.reused)
    part: str = ""  # the work a step belongs to ('TF-IDF view'), '' for the stage's own (split_step)
    step: str = ""  # that work's stage ('embed'): its units, and its count and speed apart from the stage's
    before_app: bool = False  # run in the shell before the app opened (browse's whole load): no time here

    def report(self, now: float, done: int, total: int, text: str, reused: int = 0) -> None:
        part, step, text = split_step(self.stage, text)
        if (part, step) != (self.part, self.step):  # other work: counted from its own start, in its own units
            self.part, self.step = part, step
            self.done = self.total = 0
            self.first_count = self.last_count = self.counting_from = None
        self.text = text
        if reused or total > 1:  # the stage's 'starting' report (0/1) comes before the embedding knows it; a
            self.reused = reused  # count without any: a restart that encodes every text (the model changed)
        if total > 1 and (done > 0 or self.first_count is not None):
            self.done, self.total = done, total
            if self.first_count is None:
                self.first_count = (now, done)
            self.last_count = (now, done)
        elif total > 1:
            self.total = total
            if done == 0:
                self.counting_from = now

    @property
    def loading(self) -> bool:
        """Reported, but nothing counted yet (a model loading, the first batch on its way)."""
        return self.first_count is None

    def rate(self) -> float | None:
        """Units per second between the first and the latest count (None before two counts). Folds
        are timed from their '0/N': they run side by side, one a core, and end together, so the
        first two counts came 40 ms apart (walk43, tmux, ag_news test cold: 'TF-IDF view: 2/5 folds
        · 25 folds/s' three minutes into predict); the texts' first count comes after the model loads."""
        if self.first_count is None or self.last_count is None:
            return None
        (t0, d0), (t1, d1) = self.first_count, self.last_count
        if self.counting_from is not None and UNITS.get(self.step or self.stage) == "folds":
            t0, d0 = self.counting_from, 0
        return (d1 - d0) / (t1 - t0) if t1 > t0 and d1 > d0 else None

    def line(self, now: float, width: int | None = None) -> str:
        """The stage's line; within ``width`` cells the clock stays on it (the speed goes first,
        then the reused texts' 'from cache', then the reused texts)."""
        said = [f" ({reused_words(self.reused)})", f" ({reused_words(self.reused, short=True)})"] if self.reused else []
        for reused in said:
            line, cut = self._line(now, width, reused)
            if not cut:
                return line
        return self._line(now, width, "")[0]

    def _line(self, now: float, width: int | None, reused: str) -> tuple[str, bool]:
        """The line with ``reused`` after the count of units, and whether it was cut to ``width``."""
        unit = UNITS.get(self.step or self.stage, "steps")
        name = f"{self.stage:<11}"
        if self.finished is not None and self.before_app:  # it said 'done in 0.0s' for a load the shell ran
            return f"{name}done before the app opened", False
        if self.finished is not None:
            took = self.finished - self.started
            counted = f" · {self.total:,} {unit}{reused}" if self.total > 1 and unit == UNITS.get(self.stage, "steps") else ""
            text = f"{name}done in {duration(took)}{counted}"
            return text, width is not None and cell_len(text) > width
        clock = duration(now - self.started)
        part = f"{self.part}: " if self.part else ""  # 'TF-IDF view: 2,284/3,080 texts'
        if self.loading:
            if not self.text and self.total > 1:  # counted work under way, none done yet ('0/5 folds')
                return fitted(name, [f"{part}0/{self.total:,} {unit}{reused}"], clock, width)
            what = part + (self.text or "starting")
            if self.total > 1:
                what += f", then {self.total:,} {unit}{reused}"
            return fitted(name, [what], clock, width)
        parts = [f"{part}{self.done:,}/{self.total:,} {unit}{reused}"]
        if self.text and self.stage == "audit":
            parts.append(self.text)
        if (rate := self.rate()) is not None:
            parts.append(f"{rate:,.0f} {unit}/s" if rate >= 10 else f"{rate:.2g} {unit}/s")
            since = now - self.last_count[0]
            left = max(0.0, (self.total - self.done) / rate - since)
            if left > 0:
                parts.append(f"~{duration(left)} left")
            elif self.done >= FINISHING_SHARE * self.total:
                parts.append("finishing")
        return fitted(name, parts, clock, width, drop=[p for p in parts if p.endswith("/s")])


def fitted(name: str, parts: list[str], clock: str, width: int | None,
           drop: list[str] | None = None) -> tuple[str, bool]:
    """:func:`fit_line`'s line, and whether its first part had to be cut."""
    kept = [p for p in parts if p not in (drop or [])]
    return fit_line(name, parts, clock, width, drop), width is not None and cell_len(name + " · ".join([*kept, clock])) > width


def fit_line(name: str, parts: list[str], clock: str, width: int | None, drop: list[str] | None = None) -> str:
    """``name`` + parts + clock joined by ' · ', within ``width`` cells: the ``drop`` parts go
    first, then the first part is cut with '…'; the clock stays (at 60 columns the embed line's
    clock was cut off: '3,187/10,003 texts · 471 texts/s · ~14s left · ')."""
    def joined(kept: list[str]) -> str:
        return name + " · ".join([*kept, clock])

    text = joined(parts)
    if width is None or cell_len(text) <= width:
        return text
    kept = [p for p in parts if p not in (drop or [])]
    text = joined(kept)
    if cell_len(text) <= width or not kept:
        return text
    room = width - cell_len(joined(["", *kept[1:]]))
    return joined([set_cell_size(kept[0], room - 1).rstrip() + "…", *kept[1:]]) if room >= 2 else text


CANCELLED_HEAD = "textaudit: interrupted: the audit was cancelled before it finished; nothing was opened"
QUIT_HEAD = "textaudit: quit before the audit finished; nothing was opened"  # ctrl+q, a closed serve tab


def cancelled_line(finished: list[str], cache_on: bool, kept_texts: int = 0, head: str = CANCELLED_HEAD,
                   cached: list[str] | None = None) -> str:
    """The shell's line after a cancelled audit: what the next start reuses. ``cached``: the stages the engine
    says are in the cache (engine/stage_runner.timed's ``cached_stages`` on the cancel: finished and written, or
    read back), None where it said nothing (a cancel outside the stages); ``finished``: the stages the progress
    screen saw finish, which are not all cached where the cache's writes failed (a full disk, a read-only folder:
    it said 'cached: embed, neighbours' of stages the next start computed again); an embedding cancelled midway
    keeps the ``kept_texts`` it encoded."""
    stages = [stage for stage in STAGES if stage != "load"]  # loading is not cached
    if not cache_on:
        return f"{head}; nothing is kept (no cache)"
    kept = [stage for stage in stages if stage in (cached or ())]
    ran = [stage for stage in stages if stage in finished]
    if not kept and kept_texts:
        return (f"{head}; cached: the vectors of {kept_texts:,} texts (the next start "
                "embeds only the rest)")
    if not kept and not ran:
        return f"{head}; no stage had finished, so nothing is cached: the next start begins again at {stages[0]}"
    if not kept:
        if cached is None:  # the engine said nothing of its cache (escape in the journal's replay): claim nothing
            return head
        return (f"{head}; no stage is cached (the cache kept none of {', '.join(ran)}): the next start begins "
                f"again at {stages[0]}")
    rest = stages[stages.index(kept[-1]) + 1:]
    if not rest:
        return head
    return f"{head}; cached: {', '.join(kept)} (the next start picks up at {rest[0]})"


#: Terminal rows below which the stages drop their padding: at 60x15 the elapsed line, which
#: says how long the audit has run and that escape cancels it, fell below the screen's edge.
SHORT_ROWS = 16
#: Below this, only the running stage keeps its bar (a waiting or done stage's line says it all):
#: at 40x12 the five stages' bars took every row and the elapsed line was dropped.
TINY_ROWS = 14


class ProgressScreen(Screen):
    """Shows the audit running in the app's thread worker; escape, q or ctrl+c cancels it."""

    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (TINY_ROWS, "-short"), (SHORT_ROWS, "-tall")]

    BINDINGS = [
        # q too: a user who started an audit and wants out presses q, as on the summary (it did nothing)
        Binding("escape,q", "cancel", "Cancel"),
        Binding("ctrl+c", "cancel_or_quit", "Cancel", show=False, priority=True),  # cancels, or quits a failed audit
        Binding("q", "quit_failed", "Quit"),  # shown once the audit failed (check_action)
        Binding("escape", "quit_failed", "Quit", show=False),  # escape, once nothing runs to cancel
    ]

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.started = time.monotonic()
        self.clocks: dict[str, StageClock] = {}
        self.failed = False
        self.cancelling = False

    @property
    def stage_done(self) -> dict[str, float]:
        """Finished stages and when they finished."""
        return {stage: clock.finished for stage, clock in self.clocks.items() if clock.finished is not None}

    def compose(self) -> ComposeResult:
        yield Static(f"Auditing {terminal_safe(undecodable_escaped(str(self.source)))}", id="title-bar", markup=False)
        with Vertical(id="progress"):
            # first: at 50x16 the five stages fill the screen and a note under them was never seen (review32)
            yield Static("", id="notice", markup=False)
            for stage in STAGES:
                with Vertical(classes="stage", id=f"stage-{stage}"):
                    yield Label(f"{stage:<11}waiting", id=f"label-{stage}", markup=False)
                    # still until the stage starts; pulsing while it loads; a fraction once counting
                    yield ProgressBar(total=1, show_eta=False, id=f"bar-{stage}")
            yield Static("", id="elapsed", markup=False)
            yield Static("", id="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_S, self.tick)

    def tick(self) -> None:
        """Redraw the running stages' lines: clock, speed and time left move between reports."""
        if self.failed:
            return
        now = time.monotonic()
        hint = CANCELLING if self.cancelling else "escape cancels"
        self.query_one("#elapsed", Static).update(f"elapsed {duration(now - self.started)} · {hint}")
        for clock in self.clocks.values():
            if clock.finished is None:
                self.query_one(f"#label-{clock.stage}", Label).update(clock.line(now, self.line_width))

    @property
    def line_width(self) -> int | None:
        """Cells a stage's line has (None before the first layout)."""
        width = self.query_one("#progress").content_region.width
        return width or None

    def loaded_before(self) -> bool:
        """The app audits data browse loaded whole in the shell (hf:NAME, a JSON object: engine/column_precheck)."""
        return getattr(self.app, "loaded", None) is not None

    def update_stage(self, message: AuditProgress) -> None:
        """Apply one progress report (called by the app's message handler)."""
        stage = message.stage
        if stage not in STAGES:
            return
        now = time.monotonic()
        if stage == "load" and stage not in self.clocks and message.text == "done" and self.loaded_before():
            self.clocks[stage] = StageClock(stage, now, before_app=True)  # its first word 'done': the shell's load
        clock = self.clocks.setdefault(stage, StageClock(stage, now))
        for earlier in STAGES[: STAGES.index(stage)]:
            if earlier in self.clocks and self.clocks[earlier].finished is None:
                self.finish(earlier, now)
        if message.text == "done":
            self.finish(stage, now)
            return
        # 'loading MODEL' names --model as typed: a folder named with ESC ]0; set the terminal's title (review37)
        clock.report(now, message.done, message.total, terminal_safe(message.text)[:48], message.reused)
        self.query_one(f"#stage-{stage}").add_class("-running")
        bar = self.query_one(f"#bar-{stage}", ProgressBar)
        if not clock.loading:
            bar.update(total=clock.total, progress=clock.done)
        elif bar.total is not None:
            bar.update(total=None)  # pulses: the stage runs, nothing counted yet
        self.query_one(f"#label-{stage}", Label).update(clock.line(now, self.line_width))

    def finish(self, stage: str, now: float) -> None:
        clock = self.clocks.setdefault(stage, StageClock(stage, now))
        clock.finished = now
        self.query_one(f"#stage-{stage}").remove_class("-running")
        self.query_one(f"#bar-{stage}", ProgressBar).update(total=1, progress=1)
        self.query_one(f"#label-{stage}", Label).update(clock.line(now, self.line_width))

    def show_notice(self, text: str) -> None:
        """A note on the loaded data, shown while the audit runs (joined label sets read as single labels)."""
        notice = self.query_one("#notice", Static)
        notice.update(f"Note: {terminal_safe_lines(undecodable_escaped(text))}")
        notice.add_class("-shown")
        self.add_class("-noticed")

    def show_error(self, text: str) -> None:
        self.failed = True
        # the message can hold the data's own words (a file name, a --label-names name): ESC[31m
        # from one reached the terminal raw and recoloured the line
        shown = terminal_safe_lines(undecodable_escaped(text))  # a Latin-1 file's byte: 'caf$'\xe9'.csv', not 'caf.csv'
        self.query_one("#error", Static).update(f"Audit failed: {shown}\n\nPress q to quit.")
        self.query_one("#elapsed", Static).update("")
        now = time.monotonic()
        for clock in self.clocks.values():  # the stage it failed in stops pulsing and says so
            if clock.finished is None:
                self.query_one(f"#label-{clock.stage}", Label).update(f"{clock.stage:<11}failed · {duration(now - clock.started)}")
                self.query_one(f"#bar-{clock.stage}", ProgressBar).update(total=1, progress=0)
        self.refresh_bindings()  # the footer offers q

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_failed":
            return self.failed  # shown in the footer once the audit failed
        if action == "cancel":  # a failed audit has nothing to cancel: the footer offers q, escape quits too
            return not self.failed
        return True

    def _exit_failed(self) -> None:
        """Quit after a failed audit with its exit code (2 for a wrong option such as a column)."""
        error = getattr(self.app, "audit_error", None)
        code = error.exit_code if isinstance(error, TextauditError) else EXIT_DATA
        self.app.exit(code, return_code=code)

    def action_cancel(self) -> None:
        if self.failed:
            self._exit_failed()
            return
        self.cancelling = True  # the tick keeps saying so until the step stops (it overwrote this)
        self.query_one("#elapsed", Static).update(CANCELLING)
        self.app.cancel_audit()

    def action_cancel_or_quit(self) -> None:
        """ctrl+c: cancels the running audit, or quits once it failed (escape does both too)."""
        self.action_cancel()

    def action_quit_failed(self) -> None:
        if self.failed:
            self._exit_failed()
