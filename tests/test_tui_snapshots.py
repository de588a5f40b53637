"""SVG snapshots of the main screens at 80x24 (update with --snapshot-update after a review).

The snapshots use an audit pinned to TF-IDF features and plain logistic regression, so they
do not change when the default model or classifier is tuned, nor with the CPU's bf16 support.
"""

from __future__ import annotations

import pytest

from tui.app import TextauditApp


@pytest.fixture(scope="module")
def pinned_result(demo_csv, tmp_path_factory):
    from engine.pipeline import AuditOptions, run_audit

    options = AuditOptions(id_column="id", model="tfidf", classifier="logreg", C=1.0,
                           cache_root=str(tmp_path_factory.mktemp("snapshot-cache")))
    return run_audit(demo_csv, options)


@pytest.fixture
def app(pinned_result, tmp_path) -> TextauditApp:
    return TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl")


def keys_then_settle(*keys: str):
    """Press ``keys`` one by one, letting each sort/filter worker deliver before the next."""

    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_summary_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24))


def test_label_issues_snapshot(app, snap_compare):
    assert snap_compare(app, run_before=keys_then_settle("down", "enter", "down"), terminal_size=(80, 24))


def test_near_duplicates_snapshot(app, snap_compare):
    assert snap_compare(app, run_before=keys_then_settle("down", "down", "down", "enter", "right"),
                        terminal_size=(80, 24))


def test_non_iid_snapshot(app, snap_compare):
    assert snap_compare(app, run_before=keys_then_settle("down", "down", "down", "down", "enter"),
                        terminal_size=(80, 24))
