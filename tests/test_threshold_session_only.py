"""A threshold moved with ``t`` is not saved (a reopen flags the audit's default rows again), and
applying it says so: the demo's label threshold moved to 14 rows came back at 12 on the next start
with no word of it (walk37, tmux). Back at the default, nothing is said about a session."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_moved_threshold_says_it_lasts_this_session(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("t", "right", "enter")
        await settle(pilot)
        moved = [m for m in said(app) if "flagged at" in m]
        assert moved and "this session only" in moved[-1]
        await pilot.press("t", "0", "enter")
        await settle(pilot)
        back = [m for m in said(app) if "flagged at" in m]
        assert back and "audit's own verdict" in back[-1] and "session" not in back[-1]
