"""The app's line after a cancelled audit names only the stages the engine says are in the cache.

session 41 left it: the shell's line after escape (or ctrl+q) mid-audit named every stage the progress
screen saw finish as 'cached' whenever the cache was on, while a cache whose writes fail (a full disk, a
read-only folder) keeps none of them and the next start computes them again. 99d67b3 made the CLI's Ctrl+C
line read the engine's record (``cached_stages``, engine/stage_runner.timed); the app reads it too."""

from __future__ import annotations

import asyncio
import threading

import pytest

from engine.errors import EXIT_CANCELLED
from engine.pipeline import AuditOptions, run_audit
from tests.test_tui_progress import wait_for_audit
from pilot_helpers import stalled_predict
from tui.app import TextauditApp
from tui.launch import exit_lines

CANCELLED = "textaudit: interrupted: the audit was cancelled before it finished; nothing was opened"
QUIT = "textaudit: quit before the audit finished; nothing was opened"


def _full_disk(monkeypatch) -> None:
    from engine import cache

    def full_disk(path, value) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "_write", full_disk)


async def _stop_in_predict(app: TextauditApp, started: threading.Event, key: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        [worker] = [each for each in app.workers if each.name == "audit"]
        for _ in range(1200):  # until predict runs (embed and neighbours finished by then)
            if started.is_set() and "neighbours" in app.stages_done:
                break
            await pilot.pause(0.05)
        assert started.is_set() and "neighbours" in app.stages_done
        await pilot.press(key)
        if key == "escape":
            await wait_for_audit(app, pilot)
    for _ in range(1200):  # ctrl+q: the app is gone, its audit thread says what the cache holds as it stops
        if worker.is_finished:
            break
        await asyncio.sleep(0.05)
    assert worker.is_finished


@pytest.mark.parametrize("key, head", [("escape", CANCELLED), ("ctrl+q", QUIT)])
async def test_stages_finished_but_not_written_are_not_called_cached(key, head, tmp_path, demo_csv, monkeypatch):
    """Cache on, every write failing: embed and neighbours finished, none is cached."""
    started = stalled_predict(monkeypatch)
    _full_disk(monkeypatch)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id", model="tfidf",
                                                                  cache_root=str(tmp_path / "c")),
                       journal_path=tmp_path / "j.jsonl")
    await _stop_in_predict(app, started, key)
    [line] = exit_lines(app)
    assert line == (f"{head}; no stage is cached (the cache kept none of embed, neighbours): the next start "
                    "begins again at embed"), line
    assert "cached: " not in line


async def test_escape_names_what_the_next_start_reads_back(tmp_path, demo_csv, monkeypatch):
    """Cache on and written: the line's stages are the next start's cache hits."""
    options = AuditOptions(id_column="id", model="tfidf", cache_root=str(tmp_path / "c"))
    with monkeypatch.context() as patched:
        started = stalled_predict(patched)
        app = TextauditApp(source=str(demo_csv), options=options, journal_path=tmp_path / "j.jsonl")
        await _stop_in_predict(app, started, "escape")
    assert app.return_code == EXIT_CANCELLED
    assert exit_lines(app) == [f"{CANCELLED}; cached: embed, neighbours (the next start picks up at predict)"]
    hits = run_audit(str(demo_csv), options).stage_cache_hits
    assert [stage for stage in ("embed", "neighbours", "predict", "audit") if hits[stage]] == ["embed", "neighbours"]
