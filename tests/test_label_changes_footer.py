"""The label-change navigator's footer offers '⏎ Open', as the confusion navigator's does.

Seen in tmux on a Debian debtags sample (--label-sep '|') at 50x16, 80x24 and 120x40: C, and
the footer read 'esc Back ? Help' while the line above said 'enter: the rows (then * and a)':
the focused DataTable's own enter binding (not shown) shadowed the screen's (the confusion
navigator's was made a priority binding for the same reason).
"""

from __future__ import annotations

from pilot_helpers import settle

from tui.screens.label_changes import LabelChangeScreen


def footer_actions(app) -> set[str]:
    return {key.action for key in app.screen.query("FooterKey")}


async def test_the_label_change_footer_offers_open_and_enter_opens(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(ml_app.screen, LabelChangeScreen) and ml_app.screen.changes
        assert {"open", "back"} <= footer_actions(ml_app), footer_actions(ml_app)
        await pilot.press("enter")
        await settle(pilot)
        assert ml_app.screen.issue_type == "label"
