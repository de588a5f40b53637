"""An undo (or redo) the disk refuses says once that it was not saved, and keeps the decision.

Before, the toast read "undo NOT saved: the decision was NOT saved: cannot write journal …": two
"NOT saved", and "the decision" where an undo was refused (seen in tmux on a full 64k tmpfs)."""

from __future__ import annotations

import errno

from pilot_helpers import journal_lines, open_issue
from tui_synthetic import fixed_app

from tui.widgets.row_list import RowList


async def test_an_undo_on_a_full_disk_says_once_that_it_was_not_saved(pinned_result, tmp_path, monkeypatch):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        first = screen.query_one("#rows", RowList).current_row
        await pilot.press("a")
        assert len(journal_lines(journal)) == 1
        monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))

        def disk_full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("engine.corrections.os.fsync", disk_full)
        await pilot.press("u")
        assert len(notices) == 1 and notices[0].count("NOT saved") == 1, notices
        assert notices[0].startswith("the undo was NOT saved: cannot write journal"), notices
        assert "No space left on device" in notices[0]
        assert len(journal_lines(journal)) == 1  # nothing half-written
        assert app.screen.cell(first, "decision").startswith("→")  # still decided


def test_a_bulk_write_the_disk_refuses_says_how_many_decisions(pinned_result, tmp_path, monkeypatch):
    """hostile22b: a bulk decision of 3,080 rows on a full tmpfs said 'the decision was NOT saved'."""
    from tui.decisions import DecisionBook

    book, _ = DecisionBook.open(tmp_path / "j.jsonl", pinned_result.dataset)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("engine.corrections.os.fsync", disk_full)
    bulk = book.record_group([("exclude", row, None) for row in range(3)], "label")
    assert bulk.error.startswith("the 3 decisions were NOT saved: cannot write journal"), bulk.error
    one = book.record("exclude", 4, None, "label", None)
    assert one.error.startswith("the decision was NOT saved: cannot write journal"), one.error
    assert not bulk.rows and not one.rows and not book.codes.any()
    book.close()
