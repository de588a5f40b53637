"""q on the progress screen: a user who starts an audit and wants out presses q (the README's
'escape / q' row, the summary's own q). It did nothing while the audit ran: only escape cancelled."""

from __future__ import annotations

from engine.errors import EXIT_CANCELLED
from engine.pipeline import AuditOptions
from tests.test_tui_progress import big_csv, wait_for_audit
from tui.app import TextauditApp
from tui.launch import exit_lines


async def test_q_cancels_a_running_audit_as_escape_does(tmp_path, demo_csv):
    options = AuditOptions(id_column="id", use_cache=False)
    app = TextauditApp(source=str(big_csv(demo_csv, tmp_path)), options=options, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "ProgressScreen"
        await pilot.press("q")
        await wait_for_audit(app, pilot)
    assert app.cancel_event.is_set()
    assert app.return_code == EXIT_CANCELLED
    assert exit_lines(app) == ["textaudit: interrupted: the audit was cancelled before it finished; "
                               "nothing was opened; nothing is kept (no cache)"]
