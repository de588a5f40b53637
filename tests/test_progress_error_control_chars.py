"""An audit failing in the app with the data's own words in its message (a file named with ESC[31m,
a --label-names name holding one): 'Audit failed: ...' sent the ESC to the terminal raw and the
line turned red (tmux capture-pane -e on an ag_news slice, s17 hostile). Drawn as symbols now."""

from __future__ import annotations

from engine.pipeline import AuditOptions
from tui.app import TextauditApp


async def test_the_failure_line_draws_control_characters_as_symbols(tmp_path):
    path = tmp_path / "b\x1b[31mad.csv"
    path.write_text("txt,category\nhello,a\n")  # no text column: the load fails inside the app
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 24)) as pilot:
        try:
            await app.workers.wait_for_complete()
        except Exception:  # the failed worker re-raises here; the app shows it
            pass
        await pilot.pause()
        await pilot.pause()
        error = str(app.screen.query_one("#error").render())
        assert error.startswith("Audit failed: ")
        assert "\x1b" not in error and "\u241b[31mad.csv" in error
        await pilot.press("q")
