"""'s' sorts by the next column the screen draws, and the header marks it. At 80 columns the
label screen does not draw its Decision column, and 's' from Score went there: the list was
sorted by what the screen did not show, and no column title carried the ▲."""

from __future__ import annotations

from pilot_helpers import settle

from tui.app import TextauditApp


def _header(app: TextauditApp) -> str:
    return app.screen.row_list.render_line(0).text


async def test_sort_cycles_through_the_drawn_columns_at_80x24(pinned_result, tmp_path):
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        shown = app.screen.row_list.drawn_keys()
        assert "decision" not in shown and "score" in shown  # 80 columns: Decision is dropped
        assert "Score ▲" in _header(app)
        seen = []
        for _ in shown:
            await pilot.press("s")
            await settle(pilot)
            seen.append(app.screen.sort_key)
            assert "▲" in _header(app), (app.screen.sort_key, _header(app))
        assert sorted(seen) == sorted(shown)
    app = fixed_app(pinned_result, tmp_path / "j2.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:  # wide enough: Decision is drawn and sorted by
        app.open_issue("label")
        await settle(pilot)
        assert "decision" in app.screen.row_list.drawn_keys()
