"""A read-only app follows a bulk decision of thousands of lines by its tail (the lines written since its last poll),
not by replaying the whole journal again.

The follow's cap on the UI thread (``TAIL_LINES_ON_UI``) was 2,000 lines: a bulk decision on more rows (a few
thousand, banking77's test split is 3,080) sent the follow to a whole reread in the worker, 8-17 s of CPU holding
the GIL at 215,600 lines, where the tail takes the UI thread 0.3-0.4 s at 20,000 lines (s34 ui34, AVX2; the
takeover's figures in s33 journal33 agree). Here a tail of 5,000 lines of bulk groups, undo and redo is followed
by its tail and ends in the state a fresh open of the file shows."""

from __future__ import annotations

import numpy as np
from journal_helpers import journal_state as state, says_csv

from engine.corrections import Journal
from engine.load import load_dataset
from tui.decisions import DecisionBook

ROWS = 400
TAIL = 5_000  # over the old cap of 2,000 lines


def test_a_bulk_tail_of_thousands_of_lines_is_followed_by_its_tail(tmp_path) -> None:
    data = load_dataset(says_csv(tmp_path / "d.csv", rows=ROWS))
    path = tmp_path / "j.jsonl"
    rng = np.random.default_rng(5)
    with Journal.open(path, data) as writer:  # the other app: it holds the lock
        writer.record("exclude", 0, issue_type="label")
        book, _ = DecisionBook.open(path, data)
        assert book.read_only
        first, step = writer._next_seq, 0  # one seq a line
        while writer._next_seq - first < TAIL:
            rows = rng.permutation(ROWS)[: int(rng.integers(ROWS // 2, ROWS))]
            if step % 3 == 0:
                writer.record_columns(rows, np.zeros(len(rows), dtype=np.int8), rng.integers(0, 2, len(rows)),
                                      ["a", "b"], issue_type="label")
            else:
                writer.record_columns(rows, np.full(len(rows), step % 3, dtype=np.int8), np.full(len(rows), -1), [],
                                      issue_type="label")
            if step % 4 == 3:
                writer.undo()
            step += 1
        writer.redo()
        got = book.read_tail()  # the worker's part of the 2 s poll
        assert got is not None, "a whole reread"
        assert sum(map(len, got[0].groups)) >= TAIL
        assert book.take_tail(*got)  # the UI thread's part
        with Journal.open(path, data, read_only=True) as fresh:
            assert state(book.journal) == state(fresh)
        assert book.counts() == fresh.counts()
    book.close()
