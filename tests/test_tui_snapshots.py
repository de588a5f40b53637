"""SVG snapshots of the main screens at 80x24 (update with --snapshot-update after a review).

The screens draw a fixed, synthetic view of the demo dataset (tests/tui_synthetic.py): no model,
classifier or CPU-computed float reaches them, so they look the same on every CPU.
"""

from __future__ import annotations

import pytest
from tui_synthetic import fixed_app

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, tmp_path) -> TextauditApp:
    return fixed_app(pinned_result, tmp_path / "j.jsonl")


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
