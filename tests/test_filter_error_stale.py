"""A filter's error toast goes when the next filter is entered.

Seen in tmux on the demo (ui26): '/re:[abc' enter said "filter: bad regex '[abc': unterminated
character set", then '/given:' enter "filter: given: needs a label", then '/given:nosuch' listed no
row, and both errors still stood over the list, about filters no longer typed (8 s each).
"""

from __future__ import annotations

from pilot_helpers import open_filter, open_issue, settle
from tui_synthetic import fixed_app


def _errors(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


async def _enter(pilot, text: str) -> None:
    await open_filter(pilot)
    await pilot.press("ctrl+u", *text, "enter")
    await settle(pilot)


async def test_the_next_filter_takes_down_the_last_ones_error(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await _enter(pilot, "re:[abc")
        assert [e for e in _errors(app) if "bad regex" in e], _errors(app)
        await _enter(pilot, "given:")
        errors = _errors(app)
        assert len(errors) == 1 and "needs a label" in errors[0], errors
        await _enter(pilot, "card")  # a filter that parses: no error left
        assert _errors(app) == [], _errors(app)


async def test_other_errors_stay(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        app.notify("decision NOT saved: disk full", severity="error", timeout=30)
        await _enter(pilot, "re:[abc")
        errors = _errors(app)
        assert "decision NOT saved: disk full" in errors and len(errors) == 2, errors
