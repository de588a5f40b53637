"""ctrl+q (or a closed ``serve`` tab) mid-audit tells the shell what the cache keeps, as escape does.

ui28, tmux 120x40, ag_news test (7,600 rows): ctrl+q at 2,496 of 7,600 texts embedded printed only
'textaudit: quit before the audit finished; nothing was opened', though the next start embedded
5,552 texts: the first 2,048 were kept. Escape there names what is kept; ctrl+q and the closed tab
(Textual's ExitApp, the same way out) said nothing of it.
"""

from __future__ import annotations

import asyncio

from engine.pipeline import AuditOptions
from pilot_helpers import stalled_predict
from tui.app import TextauditApp
from tui.launch import exit_lines

HEAD = "textaudit: quit before the audit finished; nothing was opened"


async def test_ctrl_q_mid_audit_names_the_stages_the_cache_keeps(tmp_path, demo_csv, monkeypatch):
    started = stalled_predict(monkeypatch)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id", model="tfidf",
                                                                  cache_root=str(tmp_path / "c")),
                       journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        [worker] = [each for each in app.workers if each.name == "audit"]
        for _ in range(600):  # until predict runs (embed and neighbours cached by then)
            if started.is_set() and "predict" not in app.stages_done and "neighbours" in app.stages_done:
                break
            await pilot.pause(0.05)
        await pilot.press("ctrl+q")
    for _ in range(1200):  # the app is gone; its audit thread says what the cache holds as it stops (run_app
        if worker.is_finished:  # waits for it: asyncio.run's executor shutdown)
            break
        await asyncio.sleep(0.05)
    assert app.return_code in (None, 0)
    assert exit_lines(app) == [f"{HEAD}; cached: embed, neighbours (the next start picks up at predict)"]


async def test_ctrl_q_before_a_stage_finished_says_nothing_is_cached(tmp_path, demo_csv, monkeypatch):
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id", cache_root=str(tmp_path / "c")),
                       journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    assert exit_lines(app) == [f"{HEAD}; no stage had finished, so nothing is cached: the next start begins "
                               "again at embed"]
    app.cancelled_kept = 2048  # the embedding's thread sets it as it stops (app.run() waits for it)
    assert exit_lines(app) == [f"{HEAD}; cached: the vectors of 2,048 texts (the next start "
                               "embeds only the rest)"]
    unstarted = TextauditApp(source=str(demo_csv), options=AuditOptions(use_cache=False),
                             journal_path=tmp_path / "j.jsonl")
    assert exit_lines(unstarted) == [f"{HEAD}; nothing is kept (no cache)"]
