"""A read-only app whose lock holder has quit becomes the journal's writer by itself (s31, closing-s30).

Over SSH a dropped connection leaves the old app ~2 s to exit on SIGHUP; a user who reopened within them found the
journal locked and stayed read-only for the whole session, the other app long gone. Now the read-only app's poll
sees the holder quit, takes the lock, replays under it what it had not followed yet (whatever the other app wrote at
its exit, once; s32: not the whole journal) and writes from then on, saying so in one line; a lock still held
leaves it read-only, following as before.
The screens draw the fixed synthetic view (no model runs); the holder is a real process here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pilot_helpers import list_ready, wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from engine.journal_path import lock_path
from tui.app import TextauditApp
from tui.decisions import DecisionBook
from tui.decisions_takeover import Refused

_HOLDER = textwrap.dedent("""
    import sys
    from engine.corrections import Journal
    from engine.load import load_dataset

    dataset = load_dataset(sys.argv[1], id_column="id")
    with Journal.open(sys.argv[2], dataset) as journal:
        print("held", flush=True)
        sys.stdin.readline()  # the test's read-only app is open: decide, as the other app did before it quit
        journal.record("relabel", int(sys.argv[3]), label_after=sys.argv[4], issue_type="label")
        journal.record("exclude", int(sys.argv[5]), issue_type="label")
""")


def _finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _toasts(app) -> list[str]:
    return [str(notice.message) for notice in getattr(app, "_notifications", ())]


async def test_the_app_writes_once_the_holder_quits(demo_csv: Path, pinned_result, journal_path: Path,
                                                   monkeypatch) -> None:
    dataset = pinned_result.dataset
    whole: list[bool] = []  # the journals replayed whole: read_only each
    load = Journal._load

    def counting_load(self):
        whole.append(self.read_only)
        return load(self)

    view = fixed_view(dataset)
    flagged = [int(row) for row in view.flagged("label")[:3]]
    after = next(name for name in dataset.class_names if name != dataset.class_names[int(view.given[flagged[0]])])
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(demo_csv), str(journal_path), str(flagged[0]), after,
                               str(flagged[1])], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parent.parent)
    try:
        assert holder.stdout.readline().strip() == "held"
        app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only and "READ-ONLY" in app.screen.title_text()
            monkeypatch.setattr(Journal, "_load", counting_load)
            holder.stdin.write("go\n")
            holder.stdin.close()
            assert holder.wait(timeout=60) == 0
            await wait_until(pilot, lambda: not app.book.read_only, "the app to take the journal")
            assert app.book.counts() == {"relabel": 1, "exclude": 1, "keep": 0}  # the holder's last lines, once
            # followed, then only what the holder wrote since replayed (s32): no writable whole replay. A poll that
            # read the holder's last write half done re-reads the journal whole, read-only: not the takeover (review32)
            assert False not in whole, whole
            assert "READ-ONLY" not in app.screen.title_text()
            assert any("decisions are saved again" in toast for toast in _toasts(app)), _toasts(app)
            assert not any(toast.startswith("READ-ONLY") for toast in _toasts(app)), _toasts(app)
            app.open_issue("label")
            await wait_until(pilot, lambda: list_ready(app), "the label list")
            assert "READ-ONLY" not in str(app.screen.query_one("#title-bar").render())
            row = app.screen.row_list.current_row
            assert row not in flagged[:2], row
            await pilot.press("x")
            await wait_until(pilot, lambda: app.book.counts()["exclude"] == 2, "the exclude")
            lines = [json.loads(line) for line in journal_path.read_text().splitlines()]  # on disk as the key returns
            assert [(line["action"], line["row"]) for line in lines] == [
                ("relabel", flagged[0]), ("exclude", flagged[1]), ("exclude", row)], lines
            await pilot.press("ctrl+q")
        with Journal.open(journal_path, dataset) as reopened:
            decided = {r: d.action for r, d in reopened.decisions().items()}
        assert decided == {flagged[0]: "relabel", flagged[1]: "exclude", row: "exclude"}, decided
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


async def test_a_lock_still_held_leaves_the_app_read_only(pinned_result, journal_path: Path, monkeypatch) -> None:
    dataset = pinned_result.dataset
    tries: list[bool] = []
    open_writable = DecisionBook.open_writable

    def counted(book, *held):
        journal = open_writable(book, *held)
        tries.append(not isinstance(journal, Refused))
        return journal

    monkeypatch.setattr(DecisionBook, "open_writable", counted)
    with Journal.open(journal_path, dataset) as writer:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only
            lock_path(journal_path).write_text(f"{_finished_pid()}\n")  # the named holder quit, a third holds it
            await wait_until(pilot, lambda: tries, "a try at the lock")
            row = int(app.view.flagged("label")[0])
            writer.record("exclude", row, issue_type="label")  # the holder's decisions still show here
            await wait_until(pilot, lambda: app.book.counts()["exclude"] == 1, "the holder's exclude")
            assert tries and not any(tries) and app.book.read_only and "READ-ONLY" in app.screen.title_text()
            assert not any("saved again" in toast for toast in _toasts(app)), _toasts(app)
            error = app.book.record("keep", int(app.view.flagged("label")[1]), None, "label", None).error
            assert error is not None and "NOT saved" in error
            await pilot.press("ctrl+q")
    assert len(journal_path.read_text().splitlines()) == 1


def test_holder_quit_reads_the_lock_file(tmp_path: Path) -> None:
    from engine.journal_file import holder_quit

    journal = tmp_path / "j.jsonl"
    assert not holder_quit(journal, "/data/a.csv")  # no lock file, or one that names no process: no holder known
    lock_path(journal).write_text("")
    assert not holder_quit(journal, "/data/a.csv")
    gone = _finished_pid()
    lock_path(journal).write_text(f"{gone}\n/data/a.csv\n")
    assert holder_quit(journal, "/data/a.csv")
    assert not holder_quit(journal, "/data/b.csv")  # it decided on another data file: this one gets its own journal
    lock_path(journal).write_text(f"{gone}\n")
    assert holder_quit(journal, "/data/b.csv")
    lock_path(journal).write_text(f"{os.getpid()}\n/data/a.csv\n")
    assert not holder_quit(journal, "/data/a.csv")  # still running


def test_a_third_app_that_won_the_lock_is_waited_for_too(tmp_path: Path) -> None:
    """The try lost to a third app that had written its number already (the lock file the same from then on): once
    that app quits too, the book tries again (it was left read-only for good)."""
    from engine.load import load_dataset

    import pandas as pd

    dataset = load_dataset(pd.DataFrame({"text": [f"text {i}" for i in range(6)], "label": ["a", "b", "c"] * 2}))
    path = tmp_path / "j.jsonl"
    third = Journal.open(path, dataset)  # a third app holds the lock
    # the third app's process: runs until killed below (or until its stdin ends with this one), no timer
    third_process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        book, _ = DecisionBook.open(path, dataset)
        lock_path(path).write_text(f"{_finished_pid()}\n")  # the first holder quit
        assert book.may_write_now()
        lock_path(path).write_text(f"{third_process.pid}\n")  # the third app's number, written before the try
        assert isinstance(refusal := book.open_writable(), Refused) and book.read_only  # it holds the lock
        book.refused(refusal)  # as the app does, on its UI thread
        assert not book.may_write_now()  # it runs
        third.close()
        third_process.kill()
        third_process.wait()  # the third app quits: its number stays, the lock file unchanged
        assert book.may_write_now()
        assert book.take_handover(book.open_writable()) is True  # the lines not followed yet, replayed here
        assert not book.read_only and book.record("exclude", 0, None, "label", None).error is None
        book.close()
    finally:
        third.close()
        if third_process.poll() is None:
            third_process.kill()
            third_process.wait()
        third_process.stdin.close()


def _shared_journal(tmp_path: Path) -> tuple[Any, Any, Path]:
    """Two data files of the same rows in two folders, and the journal they share (test.corrections.jsonl)."""
    from engine.load import load_dataset

    datasets = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        data = tmp_path / name / "test.csv"
        data.write_text("text,label\n" + "".join(f"row {i},{'abc'[i % 3]}\n" for i in range(6)))
        datasets.append(load_dataset(data))
    return datasets[0], datasets[1], tmp_path / "test.corrections.jsonl"


def test_a_lock_file_emptied_by_a_lost_try_is_followed_not_taken(tmp_path: Path) -> None:
    """filelock 3.12-3.29 (pyproject allows them) empty the lock file at each lost try: the holder's number and data
    file are gone. The app on another data file tried the lock at every poll (each try touched the file again), so
    it never reread the holder's decisions, and once the holder quit it wrote its decisions into that file's
    journal. It follows, read-only, as before s31."""
    first, second, path = _shared_journal(tmp_path)
    holder = Journal.open(path, first)
    try:
        book, _ = DecisionBook.open(path, second)
        assert book.read_only and book.lock_wait
        lock_path(path).write_text("")  # as the app's own lost try at its open left it under filelock < 3.30
        assert not book.may_write_now()
        holder.record("exclude", 0, issue_type="label")
        holder.close()  # quit: the lock is free, the file still names no one
        assert not book.may_write_now() and book.changed_on_disk()  # the poll rereads, and stays read-only
        book.close()
    finally:
        holder.close()


def test_a_lock_freed_without_a_word_is_taken_after_a_while(tmp_path: Path, monkeypatch) -> None:
    """A holder on another machine (an NFS home reached over SSH) is named by a number that is no process here: the
    try fails while it runs, and once it quits the lock file is unchanged. The book tried again only once the file
    changed, so it stayed read-only for good (its refused-decision line said 'takes the journal over within
    seconds'). It tries again after RETRY_S."""
    from tui import decisions_takeover

    first, _, path = _shared_journal(tmp_path)
    monkeypatch.setattr(decisions_takeover, "RETRY_S", 0.0, raising=False)  # no waiting here
    holder = Journal.open(path, first)
    try:
        lock_path(path).write_text(f"{_finished_pid()}\n{lock_path(path).read_text().split(chr(10))[1]}\n")
        book, _ = DecisionBook.open(path, first)
        assert book.may_write_now()
        assert isinstance(refusal := book.open_writable(), Refused) and book.read_only  # it still holds the lock
        book.refused(refusal)  # as the app does, on its UI thread
        holder.record("exclude", 0, issue_type="label")
        holder.close()  # it quits: the lock file as it was
        assert book.may_write_now()
        assert book.take_handover(book.open_writable()) is True  # the lines not followed yet, replayed here
        assert not book.read_only and book.counts()["exclude"] == 1
        assert book.record("exclude", 1, None, "label", None).error is None
        book.close()
    finally:
        holder.close()


def test_a_holder_killed_but_not_reaped_has_quit(tmp_path: Path) -> None:
    """A holder killed (kill -9) whose parent has not reaped it yet (a zombie: a tmux server that reaps late) holds
    no lock any more, yet ``kill(pid, 0)`` reaches it: it read as running, and its journal was not taken over."""
    from engine.journal_file import holder_now, holder_quit

    if not Path("/proc/self/stat").exists():
        pytest.skip("Linux only: elsewhere a zombie still reads as running")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped: a zombie
        assert Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
        journal = tmp_path / "j.jsonl"
        lock_path(journal).write_text(f"{child.pid}\n/data/a.csv\n")
        assert holder_now(journal) == (child.pid, False)
        assert holder_quit(journal, "/data/a.csv")
    finally:
        child.wait()


def test_a_lost_try_is_noted_on_the_ui_thread_only(tmp_path: Path, monkeypatch) -> None:
    """House rule: a worker only posts; handlers on the UI thread change state. ``open_writable`` (the app's worker)
    set the book's ``lock_tried``/``tried_at`` itself on a lost try; now it answers a ``Refused`` and ``refused``
    (the app's JournalRefused handler) notes it: no try again until the lock file changes or RETRY_S on."""
    from engine.journal_file import lock_stamp
    from tui import decisions_takeover

    first, _, path = _shared_journal(tmp_path)
    monkeypatch.setattr(decisions_takeover, "RETRY_S", 3600.0)
    holder = Journal.open(path, first)
    try:
        lock_path(path).write_text(f"{_finished_pid()}\n{lock_path(path).read_text().split(chr(10))[1]}\n")
        book, _ = DecisionBook.open(path, first)
        before = (book.lock_tried, book.tried_at, book.lock_wait)
        refusal = book.open_writable()
        assert isinstance(refusal, Refused) and (book.lock_tried, book.tried_at, book.lock_wait) == before
        assert book.may_write_now()  # nothing noted yet
        book.refused(refusal)
        assert book.lock_tried == lock_stamp(path) and book.tried_at == refusal.at and book.lock_wait
        assert not book.may_write_now()  # the same quit holder named: not again at once
        book.close()
    finally:
        holder.close()
