"""R after an exclusion: the status said 'reused the vectors of 257 of 257 texts embedded by
earlier audits; encoded 0' (ui26, tmux, demo), which read as if nothing had been embedded or
checked. Every text kept was embedded before, so it now says 'all 257 texts' (the pipeline's note since
ui27b; the partial-reuse case: tests/test_apply_journal_all_reused.py)."""

from __future__ import annotations

from pilot_helpers import decide_and_leave, open_issue, reaudit_ended

from tui.app import TextauditApp


async def test_the_status_after_an_exclusion_says_all_texts_were_reused(demo_csv, tmp_path, journal_path):
    from engine.pipeline import AuditOptions, run_audit

    # a cache of its own: in the session's, another test's re-audit after the same exclusion has
    # cached the corrected texts' embeddings, and this one then reads 'reused the cached embeddings'
    demo_result = run_audit(demo_csv, AuditOptions(id_column="id", cache_root=str(tmp_path / "cache")))
    app = TextauditApp(demo_result, journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await decide_and_leave(pilot, "x")  # one row excluded: the re-audit's texts are the other 257
        await pilot.press("R")
        await reaudit_ended(pilot)
        status = str(app.screen.query_one("#reaudit-status").render())
        assert "1 excluded" in status, status
        assert "encoded 0" not in status, status
        assert f"reused the vectors of all {len(demo_result.dataset) - 1:,} texts embedded" in status, status
