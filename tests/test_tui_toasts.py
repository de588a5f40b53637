"""Toasts at 80x24 leave the detail pane readable: one line on the line above the footer (the
filter's hint), and a key's short outcome replaces the previous key's instead of stacking over
the pane. Textual's default toast (40 columns, a blank line above and below) covered 3-4 lines of
the detail pane, and two quick keys ('f' 'f') stacked two of them."""

from __future__ import annotations

import time

from pilot_helpers import settle
from textual.widgets._toast import Toast

from tui.app import TextauditApp


def _toasts(app: TextauditApp) -> list[Toast]:
    return list(app.screen.query(Toast))


def _no_expiry(monkeypatch) -> None:
    """Toasts stay until replaced: the 'f' toast lives 2 s, which a busy machine can spend between
    the key and the query (Textual reaps a notification by the clock, and a toast sets a timer)."""
    import textual.notifications

    start = time.time()
    monkeypatch.setattr(textual.notifications, "time", lambda: start)
    monkeypatch.setattr(Toast, "_on_mount", lambda self, event: None)


async def test_toasts_do_not_cover_the_detail_pane_at_80x24(pinned_result, tmp_path, monkeypatch):
    from tui_synthetic import fixed_app

    _no_expiry(monkeypatch)
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_issue("label")
        await settle(pilot)
        detail = app.screen.query_one("#detail").region
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("u")  # 'undone: → X on row N (Label issues)'
        await settle(pilot)
        await pilot.pause()
        (toast,) = _toasts(app)
        assert "undone" in str(toast.render())
        assert toast.region.height == 1 and not toast.region.overlaps(detail), (toast.region, detail)
        await pilot.press("f", "f")  # two outcomes: the latest is shown, alone
        await settle(pilot)
        await pilot.pause()
        shown = _toasts(app)
        assert [str(t.render()).strip() for t in shown] == ["listing flagged rows only"]
        assert not shown[0].region.overlaps(detail)
        app.notify("a warning stays", severity="warning", timeout=20)
        await pilot.pause()
        await pilot.press("f")
        await settle(pilot)
        await pilot.pause()
        texts = [str(t.render()).strip() for t in _toasts(app)]
        assert "a warning stays" in texts and "listing every row by score" in texts and len(texts) == 2
