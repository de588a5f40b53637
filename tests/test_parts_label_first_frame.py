"""A PartsLabel is packed to its width in the layout that sizes it, not only on its Resize event.

ui27 / ui27b (tmux, a cached reopen of the demo at 80x24, captures 40 ms apart): the summary's
journal line was drawn first as composed, one line wrapped by words ('... 0 rows (0.0%) · R
re-audits, C' over 'confusions'), then 0.1-0.3 s later packed between its parts. The Resize
event, where it was packed, comes after the first frame.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size

from tui.widgets.parts_label import SEPARATOR, PartsLabel, packed

PARTS = ["Journal: 0 relabelled", "0 excluded", "0 kept = 0 rows (0.0%)", "R re-audits, C confusions"]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield PartsLabel(PARTS, id="line")


async def test_the_layout_packs_the_parts_to_its_width():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        label = app.query_one("#line", PartsLabel)
        assert str(label.render()) == packed(PARTS, label.content_region.width)
        height = label.get_content_height(Size(40, 24), Size(80, 24), 40)  # a layout at 40 cells
        assert str(label.render()) == packed(PARTS, 40), str(label.render())
        assert height == packed(PARTS, 40).count("\n") + 1
        assert "C\\nconfusions" not in repr(str(label.render()))


async def test_a_label_of_unknown_width_stays_one_line():
    assert packed(PARTS, 0) == SEPARATOR.join(PARTS)
