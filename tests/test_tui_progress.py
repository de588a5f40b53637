"""The progress screen with a real (small) audit: stages, success, cancel, a readable failure."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import EXIT_CANCELLED
from engine.pipeline import STAGES, AuditOptions
from tui.app import TextauditApp


@pytest.fixture
def small_csv(tmp_path, demo_csv):
    """60 demo rows of three classes (a fresh audit: nothing of it is cached)."""
    frame = pd.read_csv(demo_csv)
    frame = frame[frame["label"].isin(["card_lost", "change_pin", "refund_request"])].head(60)
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    return path


async def wait_for_audit(app, pilot) -> None:
    try:
        await app.workers.wait_for_complete()
    except Exception:  # a failed or cancelled worker re-raises here; the app handles it
        pass
    await pilot.pause()
    await pilot.pause()


async def test_progress_screen_runs_the_audit_then_shows_the_summary(small_csv, tmp_path):
    app = TextauditApp(source=str(small_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        progress = app.screen
        assert type(progress).__name__ == "ProgressScreen"
        await wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert set(progress.stage_done) == set(STAGES)  # every stage reported and finished
        assert "60 rows" in str(app.screen.query_one("#title-bar").render())


async def test_escape_cancels_a_running_audit(tmp_path, demo_csv):
    frame = pd.read_csv(demo_csv)
    big = pd.concat([frame.assign(text=frame["text"].fillna("") + f" #{i}", id=frame["id"] + f"-{i}")
                     for i in range(20)], ignore_index=True)  # ~5000 rows: seconds of embedding
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    options = AuditOptions(id_column="id", use_cache=False)
    app = TextauditApp(source=str(path), options=options, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await wait_for_audit(app, pilot)
    assert app.return_code == EXIT_CANCELLED
    assert app.cancel_event.is_set()


async def test_a_failing_audit_shows_one_readable_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("sentence,category\nhello,a\n")
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "ProgressScreen"
        error = str(app.screen.query_one("#error").render())
        assert error.startswith("Audit failed: ") and "Traceback" not in error
        assert "text" in error  # names the missing column
        await pilot.press("q")
    assert app.return_code == 1
