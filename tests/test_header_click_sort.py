"""A click on a row list's column title sorts by that column (as ``s``); a second click reverses it
(as ``S``). Seen in Chromium (textaudit serve, the demo's label screen): clicking 'Given' did
nothing."""

from __future__ import annotations

from pilot_helpers import list_ready, open_issue, settle, wait_until
from tui_synthetic import fixed_app

from tui.columns import GIVEN, SCORE


def header(screen) -> str:
    rows = screen.row_list
    return rows.render_line(0).text


async def click_title(pilot, screen, title: str) -> None:
    x = header(screen).index(title)
    await pilot.click(screen.row_list, offset=(x + 1, 0))
    await settle(pilot)
    await wait_until(pilot, lambda: list_ready(pilot.app), f"the list sorted after a click on {title!r}")


async def test_clicking_a_title_sorts_then_reverses(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        assert screen.sort_key == SCORE
        await click_title(pilot, screen, "Given")
        assert (screen.sort_key, screen.sort_descending) == (GIVEN, False)
        assert "Given ▲" in header(screen)
        names = [screen.cell(int(r), GIVEN) for r in screen.row_list.order]
        assert names == sorted(names)
        await click_title(pilot, screen, "Given")
        assert (screen.sort_key, screen.sort_descending) == (GIVEN, True)
        assert "Given ▼" in header(screen)
        await click_title(pilot, screen, "Score")
        assert (screen.sort_key, screen.sort_descending) == (SCORE, False)
        await pilot.click(screen.row_list, offset=(0, 0))  # the gutter: no column
        await pilot.pause()
        assert (screen.sort_key, screen.sort_descending) == (SCORE, False)
