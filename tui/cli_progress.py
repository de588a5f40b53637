"""``textaudit audit``'s stage progress on stderr (split out of tui/cli.py): one line rewritten in place
on a terminal, cut to its width, or a line per stage when stderr is a file or a pipe."""

from __future__ import annotations

import os
import sys
import time


def _stderr_columns() -> int:
    """The terminal's width on stderr (stdout may be a file: audit --output -> out.json); 80 unknown."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


class _StderrProgress:
    """Stage progress on stderr: one rewritten line on a terminal, a line per stage otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.stage = ""
        self.said_reused = False
        self.noticed: list[str] = []  # the notices said (a guessed column): not said again after the audit
        self.width = 60  # the longest line written, which close() clears
        self.held = ""  # where stderr is a file or a pipe: the first stage's line until a second report

    def __call__(self, progress) -> None:
        from engine.progress import reused_words
        from tui.cli import shell_safe  # here: tui.cli imports this module

        if progress.notice:  # a line of its own, now: the audit about to run may not be the one meant
            if self.tty:
                self.close()
            sys.stderr.write(self.held)  # the stage's line first, where one was held
            self.held = ""
            sys.stderr.write(f"textaudit: note: {shell_safe(progress.notice)}\n")
            self.noticed.append(progress.notice)
            sys.stderr.flush()
            return
        elapsed = time.perf_counter() - self.started
        # the embedding's count of texts to encode and those reused from the cache: the percentage is
        # of the first only (57,079 of 63,697 texts where 6,618 were cached, walk31)
        reused = f"{progress.total:,} texts ({reused_words(progress.reused)})" if progress.reused else ""
        if self.tty:
            # as wide as '100.0%': five cells left the previous line's last 's' ('starting 4.8ss', ui26)
            bar = f"{progress.fraction * 100:5.1f}%" if progress.total > 1 else " " * 6
            # 40 cells for the words where the terminal has them, fewer where it is narrower: a line wider
            # than the terminal wraps, and '\r' rewrote only its last row (44 columns: a stale row a report)
            columns = _stderr_columns()
            room = max(0, min(40, columns - 27))
            said = shell_safe(progress.message or reused)[:room]  # 'loading MODEL': --model as typed (review37)
            line = f"{progress.stage:<10} {bar} {said:<{room}} {elapsed:6.1f}s"[:max(1, columns - 1)]
            self.width = max(self.width, len(line))
            sys.stderr.write("\r" + line)
            sys.stderr.flush()
        else:
            if self.held:  # the first stage's line, now that the run went past its start
                sys.stderr.write(self.held)
                self.held = ""
            if progress.stage != self.stage and not self.stage:
                # held until the next report: a load that fails on its first step (no label column 'intent')
                # is then its one error line, not '[   0.0s] load' above it (walk42)
                self.held = f"[{elapsed:6.1f}s] {progress.stage}\n"
            elif progress.stage != self.stage:
                sys.stderr.write(f"[{elapsed:6.1f}s] {progress.stage}\n")
            if reused and not self.said_reused:
                sys.stderr.write(f"[{elapsed:6.1f}s] {progress.stage}: {reused}\n")
                self.said_reused = True
        self.stage = progress.stage

    def close(self) -> None:
        if self.tty:  # (not past the terminal's last column: the spaces would wrap onto a row of their own)
            sys.stderr.write("\r" + " " * min(self.width, max(1, _stderr_columns() - 1)) + "\r")
            sys.stderr.flush()


class ShellLoadLine:
    """browse's whole load before its app opens (``hf:NAME``, a JSON object of column lists: engine/column_precheck):
    on a terminal, the load's line ('load  reading hf:NAME  12.0s') rewritten each second while it runs and cleared
    when it ends (a hub download of minutes was a blank terminal: fix41c); nothing where stderr is a file or a
    pipe, so a refusal stays its one line. A context manager: the line is gone however the load ends."""

    def __init__(self) -> None:
        import threading

        self.line = _StderrProgress()
        self.last = None  # the latest report, rewritten by the ticker with its clock moved on
        self.stop = threading.Event()
        self.ticker: threading.Thread | None = None

    def __call__(self, progress) -> None:
        import threading

        if not self.line.tty or progress.notice:
            return
        if progress.message == "done":
            self._end()
            return
        self.last = progress
        self.line(progress)
        if self.ticker is None:
            self.ticker = threading.Thread(target=self._tick, name="shell-load-line", daemon=True)
            self.ticker.start()

    def _tick(self) -> None:
        while not self.stop.wait(1.0):
            if self.last is not None:
                self.line(self.last)

    def _end(self) -> None:
        self.stop.set()
        if self.ticker is not None:
            self.ticker.join()
            self.ticker = None
        if self.last is not None:
            self.line.close()
            self.last = None

    def __enter__(self) -> ShellLoadLine:
        return self

    def __exit__(self, *exc) -> None:
        self._end()


def interrupted_line(stopped: BaseException | None) -> str:
    """'textaudit: interrupted' and what a re-run of the command reuses: the stages the audit had
    finished with their result in the cache (``cached_stages``, engine/stage_runner.timed: a stage is
    cached whole once it finishes, and read back by the same command), or the texts a cancelled
    embedding kept (``kept``). Only what the engine says it holds; nothing where it said nothing
    (an interrupt outside the stages). It said only 'textaudit: interrupted' (hostile41).

    Never raises: a Ctrl+C that lands inside the import of numpy or pandas (the first second of ``audit`` or
    ``export``) leaves that library half made, and importing engine.pipeline here for the stages' names raised
    again ('partially initialized module 'pandas'...'): a traceback and exit 1 in 6 of 25 early tries (hostile42).
    The stages' names are needed only where a stage was cached, so after engine.pipeline ran them."""
    head = "textaudit: interrupted"
    try:
        return _interrupted_line(stopped, head)
    except Exception:
        return head


def _interrupted_line(stopped: BaseException | None, head: str) -> str:
    stages = getattr(stopped, "cached_stages", ())
    order: tuple[str, ...] = ()
    if stages:
        from engine.pipeline import STAGES as order  # imported whole already: its stages ran
    kept = [stage for stage in order if stage in (stages or ())]
    texts = getattr(stopped, "kept", 0)
    if not kept and texts:
        return f"{head}; the vectors of {texts:,} texts are cached (the next run embeds only the rest)"
    if not hasattr(stopped, "cached_stages"):
        return head
    if stages is None:
        return f"{head}; nothing is kept (no cache: --no-cache)"
    rest = list(order[order.index(kept[-1]) + 1:]) if kept else []  # --features: embed is none of them
    if not kept:
        return f"{head}; no stage is cached: re-running starts over"
    if not rest:
        return f"{head}; every stage is cached: re-running the same command reads them back"
    return (f"{head}; cached: {', '.join(kept)} (re-running the same command reuses {'it' if len(kept) == 1 else 'them'} "
            f"and picks up at {rest[0]})")
