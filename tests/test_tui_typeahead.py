"""Keys typed fast or pasted: each reaches what the keys before it opened (tui/key_gate.py).

The keys are posted to the app in one go, as a terminal delivers a paste or a fast typist's
burst in one read: nothing runs between them. Pilot's ``press`` waits for the app to go idle
after each key, which hid the bug. The screens draw the fixed synthetic view (no model runs).
"""

from __future__ import annotations

import pytest
from pilot_helpers import journal_lines, list_ready, wait_until
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.screens.confusions import ConfusionScreen
from tui.screens.goto_dialog import GotoDialog
from tui.screens.label_picker import LabelPicker


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


def type_at_once(app, keys: str | list[str]) -> None:
    """Post every key to the app's queue before it handles any (one terminal read)."""
    from textual import events
    from textual.keys import _character_to_key

    named = {"enter": "\r", "escape": "\x1b", "down": None, "up": None, "tab": "\t", "space": " "}
    for key in keys:
        if key in named:
            app.post_message(events.Key(key, named[key]))
        else:
            app.post_message(events.Key(key if key.isalnum() else _character_to_key(key), key))


async def open_labels(pilot, app) -> None:
    app.open_issue("label")
    await wait_until(pilot, lambda: list_ready(app) and app.focused is app.screen.row_list, "the label list")


async def test_a_filter_typed_right_after_slash_goes_into_the_filter(app):
    """'/card lost' and enter in one burst: the filter reads 'card lost' ('c' used to open the
    confusions, 'a' accept, 'l' the label picker) and nothing was decided."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        type_at_once(app, ["/", *"card lost", "enter"])
        await wait_until(pilot, lambda: screen.filter_query == "card lost" and list_ready(app),
                         "the list filtered by 'card lost'")
        assert app.screen is screen
        assert screen.query_one("#filter").value == "card lost"
        assert not any(isinstance(s, (ConfusionScreen, LabelPicker)) for s in app.screen_stack)
        assert app.focused is screen.row_list  # enter gave the list the keys back
        assert screen.book.counts() == {"relabel": 0, "exclude": 0, "keep": 0}


async def test_keys_after_enter_in_the_filter_act_on_the_filtered_list(app, journal_path):
    """'/', a filter, enter, then 'x' at once: 'x' excludes the first row of the filtered list."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        query = "given:" + screen.view.class_names[int(screen.view.given[screen.view.flagged("label")[-1]])]
        type_at_once(app, ["/", *query, "enter", "x"])
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude in the journal")
        row = journal_lines(journal_path)[0]["row"]
        assert screen.filter_query == query
        assert screen.view.class_names[int(screen.view.given[row])] == query[len("given:"):]


async def test_goto_typed_right_after_colon_goes_into_the_dialog(app):
    """':' then a row number and enter in one burst: the cursor goes to that row (the digits
    reached the list, and enter opened nothing)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        target = int(screen.view.flagged("label")[3])
        type_at_once(app, [":", *str(target), "enter"])
        await wait_until(pilot, lambda: app.screen is screen and screen.row_list.current_row == target,
                         f"the cursor on row {target}")
        assert not any(isinstance(s, GotoDialog) for s in app.screen_stack)


async def test_a_key_pressed_as_a_row_screen_opens_is_not_lost(app, journal_path):
    """enter on the summary's 'Label issues' and 'x' at once: 'x' waits for the list's rows and
    excludes the first one (it went to the summary, or to a list with no rows yet, and was lost)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "issue-table", "the summary")
        view = app.view
        app.screen.query_one("#issue-table").move_cursor(row=list(view.issue_types).index("label"))
        await pilot.pause()
        flagged = view.flagged("label")
        first = int(flagged[int(view.scores["label"][flagged].argmin())])  # the list opens on the lowest score
        type_at_once(app, ["enter", "x"])
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude in the journal")
        line = journal_lines(journal_path)[0]
        assert (line["action"], line["row"], line["issue_type"]) == ("exclude", first, "label")


async def test_a_label_typed_right_after_l_goes_into_the_picker(app, journal_path):
    """'l', a class name and enter at once: the row is relabelled to that class."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        row = screen.row_list.current_row
        names = screen.view.class_names
        choice = next(n for i, n in enumerate(names) if i != int(screen.view.given[row]))
        type_at_once(app, ["l", *choice, "enter"])
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the relabel in the journal")
        line = journal_lines(journal_path)[0]
        assert (line["action"], line["row"], line["label_after"]) == ("relabel", row, choice)


async def test_a_screen_that_never_gets_ready_still_gets_the_keys(app, journal_path, monkeypatch):
    """The gate waits for a screen to be ready, but not for ever: a list whose order never
    arrives (a stuck worker) gets the keys after the cap, as before the gate."""
    import tui.key_gate

    monkeypatch.setattr(tui.key_gate, "READY_CAP_S", 0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        monkeypatch.setattr(screen, "keys_ready", lambda: False)
        row = screen.row_list.current_row
        type_at_once(app, ["x", "o"])
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 2, "both decisions in the journal")
        assert [(e["action"], e["row"]) for e in journal_lines(journal_path)][0] == ("exclude", row)


async def test_next_undecided_keys_are_not_held_and_keep_their_order(app, journal_path, monkeypatch):
    """'n' only moves the cursor: the gate routes it at once, as it does Down (held down, 'n'
    waited for a screen draw per key: 20 at once took 1.2 s against 0.07 s without the gate,
    bench/tui_latency.py burst_n_ms). 'n' x3 then 'x' at once still excludes the third
    undecided row after the cursor, and on the bulk dialog 'n' (cancel) still waits."""
    from textual import events

    from tui.key_gate import KeyGate
    from tui.screens.bulk_dialog import BulkDialog

    held = []
    route = KeyGate._route

    async def counted(self, event):
        held.append(getattr(event, "key", "paste"))
        await route(self, event)

    monkeypatch.setattr(KeyGate, "_route", counted)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        order = [int(r) for r in screen.row_list.order]
        type_at_once(app, ["n", "n", "n", "x"])
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude in the journal")
        assert journal_lines(journal_path)[0]["row"] == order[3]
        assert held == ["x"], held  # the three 'n' went without a round trip
        await pilot.press("space")
        await pilot.press("x")  # a bulk exclude of the marked row: its dialog binds 'n' to cancel
        await wait_until(pilot, lambda: isinstance(app.screen, BulkDialog), "the bulk dialog")
        assert not app._neutral(events.Key("n", "n"))


async def test_leaving_a_screen_does_not_wait_for_its_order(app, monkeypatch):
    """bench/tui_latency.py at 1M rows: the first text sort takes 4-8 s and the gate held every
    key until it ended, 'q' after a mistaken 's' too. Keys that leave the screen (escape, q) or
    open help need no rows: they go at once; the list's own keys still wait (they act on it),
    and a key typed after a waiting one waits behind it (keys keep their order)."""
    import tui.key_gate

    monkeypatch.setattr(tui.key_gate, "READY_CAP_S", 3600.0)  # never released by the cap here
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        monkeypatch.setattr(screen, "keys_ready", lambda: False)  # a sort that never ends
        type_at_once(app, ["?"])
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help screen", 20)
        type_at_once(app, ["escape"])
        await wait_until(pilot, lambda: app.screen is screen, "back from the help", 20)
        type_at_once(app, ["escape"])
        await wait_until(pilot, lambda: app.screen is not screen, "escape back to the summary", 20)
        assert screen.book.counts() == {"relabel": 0, "exclude": 0, "keep": 0}


async def type_card_while_the_list_holds_slash(app, pilot, monkeypatch, starve) -> None:
    """'/card' and enter at once while the list holds '/' until ``starve(app)`` lets it go: the
    filter reads 'card' and 'c' opened nothing."""
    import asyncio

    from tui.widgets.row_list import RowList

    handle = RowList._on_key

    async def starved(self, event):
        if event.key == "slash":  # the process gets no time for '/' meanwhile
            while starve(self.app):
                await asyncio.sleep(0)
        await handle(self, event)

    monkeypatch.setattr(RowList, "_on_key", starved)
    await open_labels(pilot, app)
    screen = app.screen
    type_at_once(app, ["/", *"card", "enter"])
    await wait_until(pilot, lambda: screen.filter_query and list_ready(app) and app.focused is screen.row_list,
                     "the filter applied")
    assert screen.query_one("#filter").value == "card"
    assert not any(isinstance(s, ConfusionScreen) for s in app.screen_stack)


async def test_a_slow_round_trip_does_not_let_the_next_key_overtake_it(app, monkeypatch):
    """On a loaded machine '/' can take longer to come back than the gate's flight cap (1 s):
    the gate let 'c' go when the list was done with '/', but before the app had run the
    binding of '/' (the focus still on the list): 'c' reached the list, its binding was looked
    up after the filter had the focus, nothing ran, and '/card' gave the filter 'ard'
    (test_serve_browser under load). Here the list gets to '/' just as the cap passes. A key
    whose widget is still there is on its way and is waited for; the cap is for a widget
    removed under its key."""
    import tui.key_gate

    monkeypatch.setattr(tui.key_gate, "FLIGHT_CAP_S", 0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        first = []  # the flight timer of '/', until the cap has passed once

        def starve(running) -> bool:
            first[:] = first or [running._flight_timer]
            return running._flight_timer is first[0]

        await type_card_while_the_list_holds_slash(app, pilot, monkeypatch, starve)


async def test_a_round_trip_slower_than_the_live_cap_still_holds_the_next_key(app, monkeypatch):
    """Under a load average of 11 on two cores (CI with other jobs) '/' took longer than the live
    flight cap (10 s) to come back: 'c' was released while '/' still sat in the list's queue and
    '/card' gave the filter 'ard' (test_serve_browser). While the marker is still queued along the
    widget's chain the key is on its way: the next waits. Here the caps are cut short and the
    list holds '/' for several of them."""
    import time

    import tui.key_gate

    monkeypatch.setattr(tui.key_gate, "FLIGHT_CAP_S", 0.02)
    monkeypatch.setattr(tui.key_gate, "LIVE_FLIGHT_CAP_S", 0.05)
    monkeypatch.setattr(tui.key_gate, "QUIET_CAP_S", 0.05)  # the list stays busy with '/' past this too
    async with app.run_test(size=(100, 30)) as pilot:
        await type_card_while_the_list_holds_slash(
            app, pilot, monkeypatch, lambda running: time.monotonic() - running._flight_since < 0.3)
