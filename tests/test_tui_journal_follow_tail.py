"""The read-only app's poll replays only what the other app appended (a whole replay of a 220k-line
journal took seconds each time); the file replaced under it is still read whole. Correctness, not
timing: the lists show what a whole replay shows, and no whole replay ran for an append."""

from __future__ import annotations

import os

from pilot_helpers import wait_until
from tui_synthetic import fixed_view

from engine.corrections import Journal
from tui.app import TextauditApp


async def test_appends_are_followed_by_their_tail_and_a_replaced_file_whole(monkeypatch, pinned_result,
                                                                           journal_path):
    dataset = pinned_result.dataset
    whole: list[int] = []
    load = Journal._load

    def counting_load(self):
        whole.append(1)
        return load(self)

    with Journal.open(journal_path, dataset) as writer:  # the other app: it holds the lock
        writer.record("exclude", 0, issue_type="label")
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            assert app.book.read_only and app.book.counts()["exclude"] == 1
            monkeypatch.setattr(Journal, "_load", counting_load)
            after = next(name for name in dataset.class_names if name != dataset.label_display(1))
            writer.record("relabel", 1, label_after=after, issue_type="label")
            app._check_journal()  # the 2 s poll, now
            await wait_until(pilot, lambda: app.book.counts()["relabel"] == 1, "the relabel")
            writer.record_group([("exclude", 2, None), ("keep", 3, None)], issue_type="near_duplicate")
            writer.undo()
            writer.record("keep", 4, issue_type="label")
            app._check_journal()
            await wait_until(pilot, lambda: app.book.counts()["keep"] == 1, "the keep")
            assert whole == [], "an append was replayed whole"
            with Journal.open(journal_path, dataset, read_only=True) as fresh:  # (a whole replay, counted)
                assert app.book.journal.decisions() == fresh.decisions()
            whole.clear()
            assert app.book.counts() == {"relabel": 1, "exclude": 1, "keep": 1}
            assert app.book.describe(4, app.view.shown_names).startswith("✓")

            # the file replaced (another inode) with the same lines and one more: read whole
            lines = journal_path.read_bytes().splitlines(keepends=True)
            replacement = journal_path.with_name("edited.jsonl")
            replacement.write_bytes(b"".join(lines[:1]))  # only the first decision left
            os.replace(replacement, journal_path)
            app._check_journal()
            await wait_until(pilot, lambda: app.book.counts() == {"relabel": 0, "exclude": 1, "keep": 0},
                             "the replaced journal")
            assert whole == [1]
            await pilot.press("ctrl+q")


async def test_a_tail_of_many_lines_is_replayed_whole_in_the_worker(monkeypatch, pinned_result, journal_path):
    """Replaying a tail takes the UI thread ~12 us a line: past TAIL_LINES_ON_UI (a bulk decision on
    many rows) the worker replays the whole journal instead, as before."""
    import threading

    dataset = pinned_result.dataset
    monkeypatch.setattr("tui.decisions.TAIL_LINES_ON_UI", 2)
    replays: list[bool] = []  # on the UI thread
    load = Journal._load

    def spying_load(self):
        replays.append(threading.current_thread() is threading.main_thread())
        return load(self)

    with Journal.open(journal_path, dataset) as writer:
        app = TextauditApp(pinned_result, journal_path=journal_path, view=fixed_view(dataset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.book is not None and app.focused is not None, "the summary")
            monkeypatch.setattr(Journal, "_load", spying_load)
            writer.record_group([("exclude", row, None) for row in range(3)], issue_type="label")
            app._check_journal()
            await wait_until(pilot, lambda: app.book.counts()["exclude"] == 3, "the three exclusions")
            assert replays == [False]  # whole, once, in the worker
            writer.record_group([("keep", row, None) for row in range(3, 5)], issue_type="label")
            app._check_journal()
            await wait_until(pilot, lambda: app.book.counts()["keep"] == 2, "the two keeps")
            assert replays == [False]  # two lines: the tail
            await pilot.press("ctrl+q")
