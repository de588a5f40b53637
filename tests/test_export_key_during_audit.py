"""ctrl+e while the audit runs: help lists it under 'Everywhere' on the progress screen, and it did
nothing, without a word (found in tmux on 3,000 AG News rows, hostile23b). It now says when the
export opens; after a failed audit, that there is nothing to export."""

from __future__ import annotations

from engine.pipeline import AuditOptions
from tests.test_tui_progress import big_csv, wait_for_audit
from tui.app import TextauditApp


async def test_ctrl_e_during_the_audit_says_when_the_export_opens(tmp_path, demo_csv):
    options = AuditOptions(id_column="id", use_cache=False)
    app = TextauditApp(source=str(big_csv(demo_csv, tmp_path)), options=options, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "ProgressScreen"
        await pilot.press("ctrl+e")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["the export opens once the audit is done (ctrl+e then)"], said
        assert type(app.screen).__name__ == "ProgressScreen"  # no dialog over the running audit
        await pilot.press("escape")
        await wait_for_audit(app, pilot)
