"""The predict line's speed of folds is timed from the folds' '0/N' report (walk43, tmux 80x24, ag_news test
cold, load 20 on 2 cores: 'predict    TF-IDF view: 2/5 folds · 25 folds/s · 3m07s'). The folds run side by
side, one a core, and end together: the speed was measured between the first two counts, 40 ms apart, three
minutes into the stage. The clock is the screen's own (time.monotonic in tui.screens.progress), set by the test.
"""

from __future__ import annotations

import threading
import types

from pilot_helpers import wait_until
from textual.widgets import Label

from engine.errors import Cancelled
from engine.pipeline import AuditOptions
from engine.progress import Progress
from tui.app import TextauditApp
from tui.screens.progress import StageClock

#: (screen time, done) of the TF-IDF view's folds: '0/5' as they start, then two ending 40 ms apart a minute on
FOLDS = [(100.0, 0), (160.0, 1), (160.04, 2)]


def folds_per_second(line: str) -> float:
    """The 'N folds/s' of a stage line."""
    (words,) = [part for part in line.split(" · ") if part.endswith(" folds/s")]
    return float(words.split()[0].replace(",", ""))


def test_the_speed_of_folds_counts_from_their_start():
    clock = StageClock("predict", 0.0)
    for now, done in FOLDS:
        clock.report(now, done, 5, "TF-IDF view: predict")
    line = clock.line(161.0)
    assert line.startswith("predict    TF-IDF view: 2/5 folds · "), line
    assert folds_per_second(line) <= 2 / 60, line  # 2 folds in the 60 s since the folds began, not 25/s
    assert "left" in line, line


def test_the_first_fold_gives_a_speed_from_the_start():
    clock = StageClock("predict", 0.0)
    clock.report(10.0, 0, 5, "")  # the model's own folds
    clock.report(40.0, 1, 5, "")
    assert abs(folds_per_second(clock.line(41.0)) - 1 / 30) < 1e-3, clock.line(41.0)


def test_texts_still_count_from_their_first_count():
    """The embedding's '0/N' comes before its model loads: its speed starts at the first batch."""
    clock = StageClock("embed", 0.0)
    clock.report(1.0, 0, 3_080, "loading all-MiniLM-L6-v2")
    clock.report(30.0, 100, 3_080, "")
    clock.report(31.0, 200, 3_080, "")
    assert "100 texts/s" in clock.line(31.0), clock.line(31.0)


async def test_the_progress_screen_shows_the_folds_speed_from_their_start(monkeypatch, demo_csv, tmp_path):
    fake = types.SimpleNamespace(now=0.0)
    monkeypatch.setattr("tui.screens.progress.time", types.SimpleNamespace(monotonic=lambda: fake.now))
    seen = threading.Event()
    reported = threading.Event()

    def folding_audit(source, options, *, progress=None, cancel=None, **_):
        progress(Progress("load", 1, 1, "done"))
        for now, done in FOLDS:
            seen.clear()
            fake.now = now
            progress(Progress("predict", done, 5, "TF-IDF view: predict"))
            seen.wait(30)  # the screen took this report at this time
        reported.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    monkeypatch.setattr("engine.pipeline.run_audit", folding_audit)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        label = app.screen.query_one("#label-predict", Label)
        for _, done in FOLDS:
            await wait_until(pilot, lambda: f"{done}/5 folds" in str(label.render()), f"{done}/5 folds")
            seen.set()
        await wait_until(pilot, reported.is_set, "the last report")
        fake.now = 161.0  # the next tick redraws the line at this time
        await wait_until(pilot, lambda: "folds/s" in str(label.render()), "the speed")
        line = str(label.render())
        assert "TF-IDF view: 2/5 folds" in line, line
        assert folds_per_second(line) <= 2 / 60, line
        await pilot.press("escape")
        await pilot.pause()
