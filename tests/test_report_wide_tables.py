"""The report screen draws each line of Datalab's report on one screen line and scrolls sideways.

walk37 (banking77 test, tmux 120x40): the label table's rows (pandas' to_string, wider than the
screen) wrapped onto two lines each, '2711 True 0.004956 True 0.004963' above
'balance_not_updated_after_bank_transfer pending_transfer'; at 80 columns every table did.
"""

from __future__ import annotations

from pilot_helpers import wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.screens.report import ReportScreen
from tui.widgets.wide_lines import SIDE_STEP, WideLines

NAMES = "balance_not_updated_after_bank_transfer  pending_transfer_to_another_account_by_mistake"
ROW = f"7  True  0.004956  True  0.004963  {NAMES}"
REPORT = "\n".join(["------------ label issues ------------", "About this issue: ...", "",
                    f"   {'is_label_issue':>14}  label_score  given_label  predicted_label", ROW, "after"])



async def _open_report(pilot, app: TextauditApp) -> WideLines:
    """The report screen (r from the summary) and its lines."""
    await pilot.pause()
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen), "the report screen")
    return app.screen.query_one("#report", WideLines)

async def test_a_table_row_wider_than_the_screen_is_one_line_scrolled_sideways(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.report = REPORT
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        report = await _open_report(pilot, app)
        index = next(i for i, line in enumerate(app.screen.lines) if line.text == ROW)
        assert app.screen.lines[index].row == 7  # an openable row, drawn bold
        report.highlighted = index
        await pilot.pause()
        [y] = [at - int(report.scroll_offset.y) for at in report.screen_lines(index)]  # one screen line
        width = report.scrollable_content_region.width
        assert len(ROW) > width
        drawn = report.render_line(y)
        assert drawn.cell_length == width and drawn.text == "▶ " + ROW[:width - 2]
        assert report.render_line(y + 1).text.strip() == "after"  # the next line: no wrapped rest of the row
        await pilot.press("right")
        await pilot.pause()
        assert report.render_line(y).text == "▶ " + ROW[SIDE_STEP:SIDE_STEP + width - 2]
        await pilot.press("enter")  # enter still opens the row
        await wait_until(pilot, lambda: app.screen is app.issue_screen("label"), "the label screen")


async def test_prose_wider_than_the_screen_still_wraps(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.report = REPORT + "\n   note: " + "a long note of many words " * 8
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        report = await _open_report(pilot, app)
        await pilot.press("end")
        await pilot.pause()
        taken = report.screen_lines(len(app.screen.lines) - 1)
        drawn = [report.render_line(at - int(report.scroll_offset.y)).text for at in taken]
        assert len(drawn) >= 3 and drawn[0].startswith("▶    note: a long note")
        assert all(line.startswith("     ") and line[5] != " " for line in drawn[1:]), drawn  # under its indent
        assert " ".join(" ".join(drawn)[2:].split()) == ("note: " + "a long note of many words " * 8).strip()
