"""The app's journal poll (every 2 s) reads the disk in a worker: it stat'ed the journal (and compared a replaced one)
on the UI thread, so a hung network disk froze the app, keys and all (closing-s36). Here the journal's stat blocks
until the test lets it go: the poll waits in its worker while the app still answers a key."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from pilot_helpers import WAIT_S, wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.screens.help import HelpScreen


@pytest.mark.parametrize("role", ["writer", "read-only"])
async def test_a_hung_journal_stat_leaves_the_app_answering_keys(monkeypatch, pinned_result, journal_path: Path,
                                                                  role: str) -> None:
    real_stat, release = os.stat, threading.Event()
    polls: list[bool] = []  # each stat of the journal: on the UI thread?

    def hung_stat(path, *args, **kwargs):
        if os.fspath(path) == os.fspath(journal_path) and not release.is_set():
            polls.append(threading.current_thread() is threading.main_thread())
            release.wait(WAIT_S)  # a hung disk, until the test lets it go (the bound: never a stuck suite)
        return real_stat(path, *args, **kwargs)

    other = Journal.open(journal_path, pinned_result.dataset) if role == "read-only" else None  # holds the lock
    try:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(pinned_result.dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only is (role == "read-only")
            monkeypatch.setattr(os, "stat", hung_stat)
            app._check_journal()  # the poll, now
            await wait_until(pilot, lambda: bool(polls), "the poll's stat")
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help, the stat still hung")
            assert not release.is_set() and polls == [False], polls  # waiting, in a worker
            app._check_journal()  # no second poll while one waits: one stuck thread, not one every 2 s
            await pilot.pause()
            assert polls == [False], polls
            release.set()
            await pilot.press("ctrl+q")
    finally:
        release.set()
        if other is not None:
            other.close()
