"""No footer key is drawn cut: a key the key docked right ('? Help' narrower than 80 columns, else the
palette key) would cover in part is hidden whole. ui30 in tmux at 40 columns: the summary's footer read
'c Class chart  r Report  e Ex  ? Help' ('Ex': Exit or Export?) and the label screen's
'a Accept l Label x Exclude o Kee ? Help'."""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue
from textual.widgets import Footer
from tui_synthetic import fixed_app


def drawn_keys(app) -> tuple[list, int]:
    """The footer's keys drawn in the flow (not docked), and the left edge of the docked ones."""
    footer = app.screen.query_one(Footer)
    children = [child for child in footer.children if child.display]
    docked = [child for child in children if child.styles.dock == "right"]
    edge = min((child.region.x for child in docked), default=footer.region.right)
    flow = [child for child in children if child not in docked and child.region.width
            and child.styles.visibility != "hidden"]
    return flow, edge


@pytest.mark.parametrize(("width", "screen"), [(40, "summary"), (40, "label"), (46, "label"), (52, "near_duplicate"),
                                               (66, "near_duplicate"), (80, "near_duplicate")])
async def test_every_key_drawn_is_drawn_whole(pinned_result, journal_path, screen, width):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(width, 16)) as pilot:
        if screen != "summary":
            await open_issue(pilot, screen)
        await pilot.pause()
        await pilot.pause()
        flow, edge = drawn_keys(app)
        cut = [(getattr(key, "key", key), key.region) for key in flow if key.region.right > edge]
        assert not cut, (cut, edge)
        assert flow  # the keys that fit are still drawn


async def test_a_key_comes_back_when_the_terminal_widens(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        flow, _ = drawn_keys(app)
        assert "e" not in [key.key for key in flow]  # 'e Ex' would be cut: hidden
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        flow, edge = drawn_keys(app)
        assert "e" in [key.key for key in flow] and all(key.region.right <= edge for key in flow)
