"""Layout at 40x12, 80x24 and 200x50: columns dropped by priority, the footer, the summary chart,
and marks that stay readable without colour."""

from __future__ import annotations

import pytest
from pilot_helpers import settle, wait_until
from textual.widgets import Footer

from tui.app import TextauditApp
from tui.widgets.row_list import GROW_TEXT_SHARE, Column, RowList, min_text_width

COLUMNS = [
    Column("text", "Text"),
    Column("given", "Given", 18, drop=1),
    Column("suggested", "Suggested", 18, drop=2),
    Column("score", "Score", 7, right=True, drop=3),
    Column("decision", "Decision", 20, drop=4),
]


@pytest.mark.parametrize(("total", "kept"), [
    (39, ["text", "given"]),
    (79, ["text", "given", "suggested", "score"]),
    (199, ["text", "given", "suggested", "score", "decision"]),
])
def test_columns_are_dropped_by_priority_and_text_keeps_its_width(total, kept):
    columns, widths = RowList(COLUMNS, lambda row, key: "").layout(total)
    assert [c.key for c in columns] == kept
    assert widths[0] >= min_text_width(total)
    assert 2 + sum(widths) + len(widths) == total  # marks + a space per column fill the line exactly


def _widths_by_key(columns: list[Column], total: int) -> dict[str, int]:
    shown, widths = RowList(columns, lambda row, key: "").layout(total)
    return {column.key: width for column, width in zip(shown, widths, strict=True)}


@pytest.mark.parametrize("total", [79, 119, 199, 260])
def test_long_labels_grow_only_while_text_keeps_its_share(total):
    growing = [Column(c.key, c.title, c.width, c.right, c.drop, grow=14 if c.key in ("given", "suggested", "decision") else 0)
               for c in COLUMNS]
    plain = _widths_by_key(COLUMNS, total)
    grown = _widths_by_key(growing, total)
    assert grown.keys() == plain.keys()
    assert 2 + sum(grown.values()) + len(grown) == total
    assert grown["text"] >= min(plain["text"], int(total * GROW_TEXT_SHARE))
    for key in ("given", "suggested", "decision"):
        if key in grown:
            assert plain[key] <= grown[key] <= plain[key] + 14
    if total >= 199:
        assert grown["given"] == plain["given"] + 14  # room for all three
    if total <= 119:
        assert grown == plain  # an 80- or 120-column screen looks as before


@pytest.mark.parametrize("total", [140, 159, 180])
def test_too_little_room_for_every_long_label_is_shared_alike(total):
    """banking77 (names up to 39 cells) at 160 columns: Given took every spare cell and the
    Suggested column drew 'declined_…_payment' for declined_card_payment."""
    growing = [Column(c.key, c.title, c.width, c.right, c.drop, grow=21 if c.key in ("given", "suggested", "decision") else 0)
               for c in COLUMNS]
    plain = _widths_by_key(COLUMNS, total)
    grown = _widths_by_key(growing, total)
    added = {key: grown[key] - plain[key] for key in ("given", "suggested", "decision")}
    assert 0 < sum(added.values()) < 3 * 21  # some room, not enough for all
    assert max(added.values()) - min(added.values()) <= 1, added
    assert added["given"] >= added["suggested"] >= added["decision"]  # the odd cell: lowest drop first


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")


async def open_type(pilot, app, issue_type: str) -> RowList:
    app.open_issue(issue_type)
    await settle(pilot)
    return app.screen.query_one("#rows", RowList)


async def test_a_40_column_list_keeps_text_and_label(app):
    async with app.run_test(size=(40, 12)) as pilot:
        rows = await open_type(pilot, app, "label")
        header = rows.render_line(0).text
        assert header.split() == ["Text", "Given"]
        first = rows.render_line(1).text
        text = first[3:first.index("… ") + 1]  # after the marks and a space, cut with an ellipsis
        given = app.view.class_names[int(app.view.given[int(rows.order[0])])]
        assert first.startswith("▶") and len(text) >= 16 and given[:8] in first


PALETTE_CELLS = 13  # "▏^p palette" at the footer's right end


def footer_keys(app) -> dict[str, int]:
    """Key -> right edge of its footer entry, for the entries that are drawn."""
    footer = app.screen.query_one(Footer)
    keys = footer.query("FooterKey")  # by type name: Textual does not export the class
    return {key.key: key.region.right for key in keys if key.region.width}


@pytest.mark.parametrize(("issue_type", "needed"), [
    (None, ["c", "question_mark"]),
    ("label", ["a", "l", "x", "o", "u", "slash", "question_mark"]),
    # near-duplicates: the set keys (←→ member, A unify, k keep one) take the room of o and /
    ("near_duplicate", ["right_square_bracket", "A", "k", "a", "l", "x", "u", "question_mark"]),
])
async def test_footer_at_80_columns_shows_help_and_the_screen_keys(app, issue_type, needed):
    async with app.run_test(size=(80, 24)) as pilot:
        if issue_type:
            await open_type(pilot, app, issue_type)
        # the footer is laid out again after the first row's highlight refreshes the offered keys
        # (a few messages after the list's order): wait until it draws every needed key
        await wait_until(pilot, lambda: set(needed) <= set(footer_keys(app)),
                         f"the footer to draw {needed} (a key that never shows fails here)")
        keys = footer_keys(app)
        for key in needed:
            assert key in keys and keys[key] <= 80 - PALETTE_CELLS, (key, keys)  # not under "^p palette"


async def test_c_brings_the_class_chart_into_view_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#summary")
        chart = app.screen.query_one("#class-chart")
        assert chart.region.bottom > page.region.bottom  # below the fold at first
        await pilot.press("c")
        await pilot.pause()
        assert app.focused is page
        assert page.region.y <= chart.region.y and chart.region.bottom <= page.region.bottom


async def test_enter_or_c_at_the_chart_goes_back_to_the_table_and_opens_nothing_unseen(app):
    """tmux and Chromium: after c (the chart), down then enter opened 'Null / empty text', the
    table's cursor row scrolled out of sight, and a second c did nothing. Now c again or enter
    goes back to the table at the top of the page; then down and enter open the row seen."""
    from textual.widgets import DataTable

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#summary")
        table = app.screen.query_one("#issue-table", DataTable)
        for back in ("c", "enter"):
            await pilot.press("c")
            await pilot.pause()
            assert app.focused is page
            await pilot.press(back)
            await pilot.pause()
            assert type(app.screen).__name__ == "SummaryScreen" and app.focused is table, back
            assert page.scroll_y == 0
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.issue_type == app.view.issue_types[1]


async def test_the_chart_stands_beside_the_table_when_wide(app):
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table")
        chart = app.screen.query_one("#class-chart")
        assert chart.region.x > table.region.right - 1 and chart.region.y < table.region.bottom


async def test_without_colour_the_cursor_is_reversed_and_decisions_have_glyphs(demo_result, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_type(pilot, app, "label")
        await pilot.press("x")  # exclude the first row, the cursor moves on
        await pilot.press("o")  # keep the second
        await pilot.pause()
        lines = [rows.render_line(y) for y in range(1, 4)]
        assert [line.text[:2] for line in lines] == [" ✗", " ✓", "▶ "]
        cursor = list(lines[2])[0].style
        assert cursor.reverse and cursor.bold
        assert not list(lines[0])[0].style.reverse


def test_word_diff_marks_changes_with_and_without_colour():
    from tui.widgets.diff_view import word_diff

    left, right = word_diff("what is my card balance", "What is my balance now", colour=False)
    assert left.plain == "[-what-] is my [-card-] balance"
    assert right.plain == "{+What+} is my balance {+now+}"
    left, right = word_diff("what is my card balance", "What is my balance now")
    assert left.plain == "what is my card balance"
    struck = [span for span in left.spans if "strike" in str(span.style)]
    assert [left.plain[s.start:s.end].strip() for s in struck] == ["what", "card"]
    underlined = [span for span in right.spans if "underline" in str(span.style)]
    assert [right.plain[s.start:s.end].strip() for s in underlined] == ["What", "now"]


async def test_back_on_the_summary_after_c_the_table_has_the_keys(app):
    """After 'c' the page kept the keys: back from an issue screen, down scrolled the page and
    enter opened the table's unseen cursor row again (the first type, whatever was shown)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        app.open_issue(app.view.issue_types[0])  # from the palette, the page keeping the keys (enter goes back to the table now)
        await settle(pilot)
        assert app.screen.__class__.__name__ != "SummaryScreen"
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#issue-table")
        assert app.focused is table
        await pilot.press("down", "enter")
        await settle(pilot)
        assert getattr(app.screen, "issue_type", None) == app.view.issue_types[1]
