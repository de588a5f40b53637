"""At 80x24 the multi-label detail pane shows 10 lines: its Why sentence must end within them for
every demo row. With Why after the two-line Labels line, a row whose text took 3 lines (or a Why
of 3 lines) had its verdict below the pane (61 of the 272 rows): the reason unseen unless the
reviewer tabbed into the pane and scrolled."""

from __future__ import annotations

from pilot_helpers import open_issue, settle

from tui.widgets.detail_pane import DetailPane


async def test_why_ends_within_the_visible_pane_for_every_row(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_issue(pilot, "label")
        pane = ml_app.screen.query_one(DetailPane)
        body = pane.query_one("#detail-body")
        hidden = []
        for row in range(len(ml_app.view)):
            pane.show(row)
            await pilot.pause()
            lines = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
            start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Why:"))
            end = next(i for i in range(start, len(lines)) if lines[i].endswith("."))  # the sentence's last line
            if end >= pane.size.height:
                hidden.append(row)
        assert pane.size.height == 10  # the pane 80x24 gives, as the reviewer sees it
        assert hidden == []
