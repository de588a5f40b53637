"""R with an empty journal says so on one toast line at 80 columns.

Seen in tmux on the demo (ui26): 'no corrections in the journal yet: decide some rows, then' and,
alone on a second line, 'R'."""

from __future__ import annotations

from pilot_helpers import settle
from test_tui_toasts import _no_expiry, _toasts
from tui_synthetic import fixed_app


async def test_the_empty_journal_toast_is_one_line(pinned_result, journal_path, monkeypatch):
    _no_expiry(monkeypatch)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.pause()
        (toast,) = _toasts(app)
        assert "decide some rows" in str(toast.render())
        assert toast.region.height == 1, (toast.region, str(toast.render()))
