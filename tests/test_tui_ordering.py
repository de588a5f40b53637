"""Sort and filter off the UI thread: the text index, the order worker, the indicator."""

from __future__ import annotations

from contextlib import suppress

import numpy as np
import pytest
import regex
from pilot_helpers import filter_rows, settle
from textual.worker import WorkerFailed

from tui import text_index
from tui.app import TextauditApp
from tui.text_index import Superseded, TextIndex
from tui.widgets.row_list import RowList

TEXTS = np.asarray(["b refund", "A card", None, "ÉCOLE Refund", "zeta", "a card", "", "card pin"], dtype=object)


def test_text_index_matches_python(monkeypatch):
    monkeypatch.setattr(text_index, "CHUNK_ROWS", 3)  # several chunks
    index = TextIndex(TEXTS)
    rows = np.arange(len(TEXTS))
    expected = [t is not None and "refund" in t.lower() for t in TEXTS]
    assert index.contains(rows, "REFUND").tolist() == expected
    assert index.contains(rows[::-1], "card").tolist() == [t is not None and "card" in t for t in TEXTS[::-1]]
    pattern = regex.compile(r"^a\b", regex.IGNORECASE)  # the filter compiles with the regex module
    assert index.search(rows, pattern).tolist() == [t is not None and bool(pattern.search(t)) for t in TEXTS]
    rank = index.rank()
    present = [i for i, t in enumerate(TEXTS) if t is not None]
    assert [int(i) for i in np.argsort(rank)] == sorted(present, key=lambda i: TEXTS[i].lower()) + [2]  # case ignored


def test_a_cancelled_build_stops_and_resumes(monkeypatch):
    monkeypatch.setattr(text_index, "CHUNK_ROWS", 3)
    index = TextIndex(TEXTS)
    calls = []

    def stop_on_second_chunk() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Superseded

    with pytest.raises(Superseded):
        index.rank(stop_on_second_chunk)
    assert len(index._chunks) == 1  # the first chunk is kept, the build resumes from there
    assert len(index.arrow()) == len(TEXTS)


@pytest.fixture
def app(demo_result, tmp_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")


async def all_label_rows(pilot, app) -> RowList:
    app.open_issue("label")
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    return app.screen.row_list


async def test_typing_filters_as_you_type_without_enter(app, demo_result):
    texts = demo_result.dataset.texts
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await all_label_rows(pilot, app)
        await filter_rows(pilot, "refund", enter=False)  # filtered as typed, after the debounce
        expected = {i for i, t in enumerate(texts) if "refund" in str(t).lower()}
        assert set(rows.order.tolist()) == expected and expected
        assert app.focused.id == "filter"  # still typing


async def test_sort_by_text_keeps_the_row_under_the_cursor(app, demo_result):
    texts = demo_result.dataset.texts
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await all_label_rows(pilot, app)
        rows.move_cursor(40)
        await pilot.pause()
        assert rows.scroll_offset.y > 0
        row = rows.current_row
        await pilot.press("s")  # score -> text (at 80 columns the Decision column is not drawn, nor sorted by)
        await settle(pilot)
        assert app.screen.sort_key == "text" and rows.sort_key == "text"
        shown = [str(texts[r]) for r in rows.order]
        assert shown[:-1] == sorted(shown[:-1], key=str.lower)  # case ignored; the one missing text sorts last
        # the row being read stays under the cursor, scrolled to (a new order opened at its start: loop42)
        assert rows.current_row == row and rows.scroll_offset.y <= rows.cursor < rows.scroll_offset.y + rows.body_height
        assert "sorting" not in str(app.screen.query_one("#title-bar").render())


async def test_a_newer_request_wins_and_the_indicator_shows_meanwhile(app, demo_result):
    texts = demo_result.dataset.texts
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await all_label_rows(pilot, app)
        before = rows.order.copy()
        app.screen.set_filter("refund", delay=60)  # would wait a minute: still in flight
        await pilot.pause()
        assert "filtering…" in str(app.screen.query_one("#title-bar").render())
        assert list(rows.order) == list(before)  # the list keeps its rows meanwhile
        app.screen.set_filter("card")  # supersedes (cancels) the pending request
        await settle(pilot)
        assert {int(r) for r in rows.order} == {i for i, t in enumerate(texts) if "card" in str(t).lower()}
        assert "filtering…" not in str(app.screen.query_one("#title-bar").render())


async def test_a_failing_order_worker_is_reported_once(app, monkeypatch):
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await all_label_rows(pilot, app)
        before = rows.order.copy()
        notices: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))

        def broken(*args):
            raise RuntimeError("boom")

        monkeypatch.setattr(app.screen, "sort_values", broken)
        await pilot.press("S")
        await pilot.pause()
        with suppress(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert notices == ["filter/sort failed: RuntimeError: boom"]
        assert list(rows.order) == list(before)
        assert "sorting" not in str(app.screen.query_one("#title-bar").render())


async def test_a_regex_that_backtracks_without_end_does_not_freeze_the_app(app, monkeypatch):
    """'re:(a|aa)+$' on a text of 40 a's and a '!' held the GIL in Python's re for hours: the list
    said 'filtering…' and no key worked again. Matching now lets the UI thread run and gives up
    on a text after REGEX_SECONDS, saying so in one line."""
    import tui.text_index as text_index

    monkeypatch.setattr(text_index, "REGEX_SECONDS", 0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await all_label_rows(pilot, app)
        before = rows.order.copy()
        app.view.text_index.texts[int(before[0])] = "a" * 40 + "!"  # the row's text as the index holds it
        notices: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))
        app.screen.set_filter("re:(a|aa)+$")
        await settle(pilot)
        assert len(notices) == 1 and notices[0].startswith("filter/sort failed: regex '(a|aa)+$' ran over 0.2 s on row")
        assert "simplify it" in notices[0]
        assert list(rows.order) == list(before)
        assert "filtering…" not in str(app.screen.query_one("#title-bar").render())
        app.screen.set_filter("re:^a+!$")  # the same row, a sane pattern
        await settle(pilot)
        assert list(rows.order) == [int(before[0])]


async def test_clearing_a_short_filter_scrolls_to_the_cursor(pinned_result, tmp_path):
    """A filter of a few rows (no scroll bar), the cursor on one of them, the filter cleared: the
    cursor row sat far down a list drawn from its top, so no row showed the cursor and a key acted
    on a row out of sight (the scroll was refused while the list had no scroll bar)."""
    from pilot_helpers import every_row
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await every_row(pilot, "label")
        await filter_rows(pilot, "stolen")
        assert 2 < len(rows.order) < rows.body_height
        await pilot.press("down", "down")
        await settle(pilot)
        row = rows.current_row
        await filter_rows(pilot, "", keys=("ctrl+u",))
        assert len(rows.order) == len(app.view) and rows.current_row == row
        assert rows.cursor > rows.body_height  # far enough down to need a scroll
        drawn = [rows.render_line(y).text for y in range(rows.size.height)]
        assert sum(line.startswith("▶") for line in drawn) == 1, drawn


async def test_an_empty_list_says_the_filter_emptied_it(pinned_result, tmp_path):
    """Every row listed (f), a filter matching nothing: the list said 'nothing flagged here: press
    f to list every row by score', which f had already done (tmux, a hostile CSV)."""
    from pilot_helpers import every_row
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await every_row(pilot, "outlier")
        await filter_rows(pilot, "zqxjv")
        assert not len(rows.order)
        drawn = rows.render_line(1).text.strip()
        assert drawn == "nothing matches the filter (/ edits it, ctrl+u there clears it): zqxjv", drawn
        await filter_rows(pilot, "", keys=("ctrl+u",))
        assert len(rows.order) == len(app.view)


async def test_a_filter_naming_no_class_says_so(pinned_result, tmp_path):
    """hostile23: 'given:nosuch' said 'nothing matches the filter', as if rows had been looked at; a
    typo in the class name is the likelier cause, and the list now says it."""
    from pilot_helpers import every_row
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 30)) as pilot:
        rows = await every_row(pilot, "outlier")
        await filter_rows(pilot, "card s:nosuch")
        assert not len(rows.order)
        drawn = rows.render_line(1).text.strip()
        assert drawn == "no class has that name (/ edits it, ctrl+u there clears it): suggested:nosuch", drawn
        await filter_rows(pilot, "", keys=("ctrl+u",))
        await filter_rows(pilot, "given:card zqxjv")  # a class that exists: the words matched nothing
        assert not len(rows.order)
        assert rows.render_line(1).text.strip().startswith("nothing matches the filter"), rows.render_line(1).text


def test_a_label_sets_signed_suggestion_names_its_class() -> None:
    """On label sets 's:+card' asks for card likely missing: the class card, not one named '+card'."""
    from types import SimpleNamespace

    from tui.widgets.filter_bar import parse_filter

    sets = SimpleNamespace(multilabel=object(), class_names=["card", "pin"], value_names=None)
    single = SimpleNamespace(multilabel=None, class_names=["card", "pin"], value_names=["1", "2"])
    assert parse_filter("s:+card").unknown_label(sets) is None
    assert parse_filter("s:-pin g:card").unknown_label(sets) is None
    assert parse_filter("s:+nosuch").unknown_label(sets) == "suggested:+nosuch"
    assert parse_filter("s:+card").unknown_label(single) == "suggested:+card"  # one label: the sign is in the name
    assert parse_filter("given:2").unknown_label(single) is None  # --label-names: the data's value
