"""Keys that arrive in a second read while '/' is on its way back still reach the filter.

``textaudit serve`` (headless Chromium, test_serve_browser) typed '/card' in one go and the filter
read 'ard' about once in 30 tries on a quiet machine (/tmp/ui23/repro.py, session 23): the page
sends '/' and 'card' a few milliseconds apart, so the app takes 'c', 'a', 'r', 'd' in a later read,
queued behind '/' and its key gate marker (tui/key_gate.py) but ahead of the focus change the
binding of '/' defers (``Input.focus`` is a ``call_later``). The marker released the gate, and
the raw key 'c', taken from the app's queue, ran the gate's first look at the focus chain; 'a'
ran the second, so 'c' was routed to the list before the filter had the focus, its binding was
looked up with the filter focused, nothing ran, and 'c' was gone. The second look must come one
turn of the app's queue after the first, past what was queued before it.

The same loss came from a blurred app (no widget focused): the gate sent the marker elsewhere
than Textual sent the key.
"""

from __future__ import annotations

import asyncio

import pytest
from pilot_helpers import list_ready, wait_until
from test_tui_typeahead import open_labels, type_at_once
from textual import events
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.key_gate import KeyDone
from tui.screens.confusions import ConfusionScreen


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


async def test_a_burst_arriving_behind_the_marker_of_slash_goes_into_the_filter(app, monkeypatch):
    """The app's queue as the page left it: '/' back from the list, its marker, then 'card' and
    enter (the second read), then what the binding of '/' queues (the filter's focus)."""
    markers = []  # the gate's markers posted to the app once '/' is typed
    posted = []  # the rest of the burst, once posted behind the marker of '/'
    post = TextauditApp.post_message
    handle = TextauditApp.on_event

    def post_message(self, message) -> bool:
        if isinstance(message, KeyDone):
            markers.append(message)
        return post(self, message)

    async def on_event(self, event) -> None:
        if isinstance(event, events.Key) and event.is_forwarded and event.key == "slash" and not posted:
            # '/' is back at the app; its marker follows it up the chain: once that is queued here,
            # the second read arrives, before the binding of '/' has run
            for _ in range(10_000):
                if markers:
                    break
                await asyncio.sleep(0)
            posted.append(True)
            type_at_once(self, [*"card", "enter"])
        await handle(self, event)

    monkeypatch.setattr(TextauditApp, "post_message", post_message)
    monkeypatch.setattr(TextauditApp, "on_event", on_event)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        markers.clear()
        type_at_once(app, ["/"])
        await wait_until(pilot, lambda: screen.filter_query and list_ready(app) and app.focused is screen.row_list,
                         "the filter applied")
        assert posted and markers  # the order above was made
        assert screen.query_one("#filter").value == "card"
        assert not any(isinstance(s, ConfusionScreen) for s in app.screen_stack)


async def test_keys_typed_while_the_app_is_blurred_reach_what_the_keys_before_them_opened(app):
    """The app blurred (Textual's AppBlur: the page's blur under serve, a terminal's focus-out
    report) has no focused widget; Textual gives the focus back as it routes the next key. The
    gate took the screen for the key's target, so the marker of '/' went to the screen and came
    back while '/' still sat in the list's queue: 'c' went to the list and was lost, the filter
    reading 'ard', every time here."""
    async with app.run_test(size=(100, 30)) as pilot:
        await open_labels(pilot, app)
        screen = app.screen
        app.post_message(events.AppBlur())
        await wait_until(pilot, lambda: not app.app_focus and app.focused is None, "the app blurred")
        type_at_once(app, ["/", *"card", "enter"])
        await wait_until(pilot, lambda: screen.filter_query and list_ready(app) and app.focused is screen.row_list,
                         "the filter applied")
        assert screen.query_one("#filter").value == "card"
        assert not any(isinstance(s, ConfusionScreen) for s in app.screen_stack)
