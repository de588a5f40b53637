"""Type-ahead: the app takes keys one at a time, in order, each after the last one's effects.

Textual routes a key when the app takes it from its queue: to the focused widget, and a
binding runs only when the key bubbles back up to the app. Keys typed fast or pasted arrive
together, so all of them were routed before the first one's binding ran: ``/card`` reached the
list as four commands ('c' opened the confusions) instead of the filter, and a key pressed as a
screen opened (enter on the summary, then ``j``) went to the screen being left or to a list
with no rows yet, and was lost. A synchronous focus change does not help: by the time '/' is
bound, the keys after it are in the list's queue already.

The gate (a mixin of the app) holds each key, and each paste, until
- the key before it has made its round trip: a ``KeyDone`` marker posted right behind it, to the
  same widget, has bubbled back to the app (a starved process can take seconds: while that
  widget is there, the marker is waited for);
- the messages it set off along the focus chain are handled (the queues of the widget it went
  to, of the focused widget and of their ancestors are empty, twice, one turn of the app's own
  queue apart, so a deferred ``focus()`` has run: the second look is taken by a callback the
  first one queued, never by a key that was queued before it);
- the screen on top is mounted and, where it says so, ready: a row screen is ready for the
  list's keys once the list shows its latest order (``keys_ready()``).
ctrl+c and ctrl+q skip the readiness wait (never the keys before them), and so do the keys
that leave the screen or open help (``LEAVE_ACTIONS``): cursor keys pressed during a sort wait
for its order (they act on it), but going back does not. Every wait has a cap
after which keys go on as before, so a gate that cannot tell never swallows a key. Keys that
cannot move the focus or change the screen (cursor keys; keys bound to a cursor-only action
such as 'n'; printable keys and pastes into a focused input) are routed at once, without the
round trip: a held Down or a typed word flows as fast as before (200 Downs at once: 0.10 s;
6.1 s when every key waited for its round trip).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

from textual import events
from textual.message import Message
from textual.timer import Timer

from tui.bindings import APP_BINDINGS, CURSOR_ACTIONS, LEAVE_ACTIONS

#: A key whose marker never comes back (its widget was removed under it) releases the next after this.
FLIGHT_CAP_S = 1.0
#: A key whose widget is still there is on its way (a starved process can take seconds): waited for up to this.
LIVE_FLIGHT_CAP_S = 10.0
#: Past that, while its marker can still be queued along the widget's chain: waited for up to this.
QUEUED_FLIGHT_CAP_S = 60.0
#: A screen that never says it is ready gets the keys after this.
READY_CAP_S = 10.0
#: Messages that keep coming along the focus chain let the next key go after this.
QUIET_CAP_S = 0.5
POLL_S = 0.01  # how often a waiting key looks again (only while one waits for a screen or a worker)
QUIET_YIELDS = 20  # loop turns given to the other widgets before waiting on a timer
#: Keys that move a cursor or scroll wherever they are bound (lists, tables, inputs, pickers).
CURSOR_KEYS = frozenset({"up", "down", "left", "right", "pageup", "pagedown", "home", "end"})
UNSETTLED, QUIET_ONCE, TURNED, SETTLED = 0, 1, 2, 3
#: Keys that skip the readiness wait: quitting must not wait for a slow list.
URGENT_KEYS = frozenset(key.strip() for b in APP_BINDINGS if b.priority for key in b.key.split(","))


class KeyDone(Message, bubble=True):
    """Posted behind a routed key to the same widget: back at the app, the key is done."""

    def __init__(self, token: object) -> None:
        super().__init__()
        self.token = token


def escape_then_letter(event: events.Event) -> list[events.Event]:
    """``alt+x`` as the two keys a person pressed: escape, then ``x``. A terminal sends Alt+x as
    ESC x, and so reads escape followed by x within its escape delay: tmux's escape-time (500 ms
    before tmux 3.5), Textual's own 100 ms, or one SSH read holding both. In tmux, escape (close
    the picker, clear the marks) then x within half a second typed 'x' into the picker's search
    instead. The app binds no Alt+letter (nor do Textual's inputs, lists and tables)."""
    if isinstance(event, events.Key) and event.key.startswith("alt+"):
        letter = event.character or ""
        if len(letter) == 1 and letter.isalpha() and event.key.rpartition("+")[2].lower() == letter.lower():
            return [events.Key("escape", "\x1b"), events.Key(letter, letter)]
    return [event]


class KeyGate:
    """Mixin of the App (before ``App`` in the bases): holds keys and pastes as said above."""

    def init_key_gate(self) -> None:
        self._typeahead: deque[events.Event] = deque()
        self._key_in_flight: object | None = None
        self._key_target: Any = None  # the widget the key in flight went to
        self._flight_since = 0.0  # when the key in flight was routed
        self._flight_timer: Timer | None = None
        self._gate_timer: Timer | None = None
        self._gate_called = False  # a pump is queued on the app (call_later)
        self._settle = SETTLED  # after a routed key: UNSETTLED, QUIET_ONCE (a second look after a turn of the app's queue), TURNED (that turn is over), SETTLED
        self._turn: object | None = None  # the callback queued at the first look: only it lets the second look go
        self._unready_since: float | None = None  # the screen on top first seen not ready
        self._unquiet_since: float | None = None  # the focus chain first seen busy
        self._routed_at_once = False  # a neutral key went without its round trip since the last routed one

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._typeahead.extend(escape_then_letter(event))
            await self._pump_keys()
            return
        await super().on_event(event)  # type: ignore[misc]

    # -- the pump -----------------------------------------------------------------------------

    def _schedule_pump(self, delay: float = 0.0) -> None:
        if delay:
            if self._gate_timer is None:
                self._gate_timer = self.set_timer(delay, self._pump_later)  # type: ignore[attr-defined]
        elif not self._gate_called:
            self._gate_called = True
            self.call_later(self._pump_later)  # type: ignore[attr-defined]

    async def _pump_later(self) -> None:
        self._gate_timer = None
        self._gate_called = False
        await self._pump_keys()

    async def _after_turn(self, token: object) -> None:
        """The turn of the app's queue after the first look is over: the second look may go."""
        if token is self._turn and self._settle == QUIET_ONCE:
            self._settle = TURNED
        await self._pump_keys()

    async def _pump_keys(self) -> None:
        while self._typeahead and self._key_in_flight is None:
            head = self._typeahead[0]
            if isinstance(head, events.Key) and not self.app_focus:  # type: ignore[attr-defined]
                # Textual focuses the app as it routes a key, which gives the focus back to the
                # widget that had it at the blur: done first, so the gate sees where the key goes.
                # A blurred app (serve starts so, the page's focus coming before the driver's blur)
                # sent '/' to the list and its marker to the screen, back before '/' was: 'c' of
                # '/card' went to the list and was lost (the filter read 'ard')
                self.app_focus = True  # type: ignore[attr-defined]
            if not self._screen_ready(head) and self._waiting("_unready_since", READY_CAP_S):
                self._schedule_pump(POLL_S)
                return
            self._unready_since = None
            if self._routed_at_once and not self._neutral(head):
                # keys routed at once land first: 'f', 'r', space typed into the label-set picker's
                # filter line toggled what 'f' listed, its binding run before the input took 'r'
                self._routed_at_once = False
                self._settle = UNSETTLED
            if self._settle == QUIET_ONCE:
                # the second look waits for its own turn of the app's queue (_after_turn), behind
                # what was queued before the first: a key of a second read, queued ahead of the
                # focus() the binding of '/' deferred, took both looks itself, one right after the
                # other, and 'c' of '/card' went to the list (serve: the filter read 'ard')
                return
            if self._settle < SETTLED:  # the last routed key's effects: quiet, twice
                if not await self._quiet():
                    if self._waiting("_unquiet_since", QUIET_CAP_S):
                        self._settle = UNSETTLED
                        self._schedule_pump(POLL_S)
                        return
                    # the cap: busy all along, the key goes on, and so do the next while it stays
                    # busy (the second look restarted the cap: a busy chain held every key, ctrl+q too)
                    self._settle = SETTLED
                else:
                    self._unquiet_since = None
                if self._settle == UNSETTLED:  # once more after the app's queued callbacks (a focus() call)
                    self._settle = QUIET_ONCE
                    token = self._turn = object()
                    if self.call_later(self._after_turn, token):  # type: ignore[attr-defined]
                        return
                    self._settle = TURNED  # the app is closing: nothing more runs behind it
                    continue
                self._settle = SETTLED
            self._typeahead.popleft()
            if self._neutral(head):  # cannot move the focus or change the screen: no need to wait
                self._routed_at_once = True
                self._key_target = self.focused or self.screen  # type: ignore[attr-defined]
                await super().on_event(head)  # type: ignore[misc]
            else:
                await self._route(head)

    def _neutral(self, event: events.Event) -> bool:
        """Keys that only move a cursor, scroll, or type into the focused input: routed at once,
        without waiting for their round trip (a held Down went 30 ms per row, one screen draw
        each; 200 rows 6 s, now as before). The key after them still goes to the same widget
        after them (one queue), and waits as any other if it is not neutral itself."""
        from textual.widgets import Input

        if isinstance(event, events.Paste):
            return isinstance(self.focused, Input)  # type: ignore[attr-defined]
        if not isinstance(event, events.Key):
            return False
        if event.key in CURSOR_KEYS:
            return True
        focused = self.focused  # type: ignore[attr-defined]
        if isinstance(focused, Input) and event.is_printable and focused.check_consume_key(event.key, event.character):
            return True  # typed; a printable key the input leaves to a binding (the set picker's space) waits its turn
        return self._bound_action(event.key) in CURSOR_ACTIONS

    def _bound_action(self, key: str) -> str | None:
        """The action of the key's first binding along the focus chain: what Textual runs when
        the key bubbles up (unless check_action turns it off; no cursor action here is)."""
        start = self.focused or self.screen  # type: ignore[attr-defined]
        for node in start.ancestors_with_self:
            bindings = node._bindings.key_to_bindings.get(key)
            if bindings:
                return bindings[0].action
        return None

    def _waiting(self, since: str, cap: float) -> bool:
        """Whether to keep waiting: under ``cap`` seconds since the condition was first seen
        unmet (not per key: a screen stuck for a minute lets each key through, not one per cap)."""
        now = time.monotonic()
        if getattr(self, since) is None:
            setattr(self, since, now)
        return now - getattr(self, since) < cap

    def _screen_ready(self, event: events.Event) -> bool:
        if isinstance(event, events.Key) and event.key in URGENT_KEYS:
            return True
        screen = self.screen  # type: ignore[attr-defined]
        if not screen.is_mounted:
            return False
        ready = getattr(screen, "keys_ready", None)
        if not callable(ready) or ready():
            return True
        # leaving (escape, q) or help needs no rows: not held for a long sort
        return isinstance(event, events.Key) and self._bound_action(event.key) in LEAVE_ACTIONS

    def _chain(self) -> list[Any]:
        """The widgets a key's effects travel through: where the last key went, the focused
        widget, their ancestors (screens included)."""
        nodes: dict[int, Any] = {}
        for start in (self._key_target, self.focused, self.screen):  # type: ignore[attr-defined]
            if start is not None and start is not self:
                for node in start.ancestors_with_self:
                    if node is not self:
                        nodes[id(node)] = node
        return list(nodes.values())

    async def _quiet(self) -> bool:
        for _ in range(QUIET_YIELDS):
            if all(node.message_queue_size == 0 and getattr(node, "_pending_message", None) is None
                   for node in self._chain()):
                return True
            self._settle = UNSETTLED
            await asyncio.sleep(0)
        return False

    async def _route(self, event: events.Event) -> None:
        """Route one key as Textual does, then post its marker behind it."""
        target = self.focused or self.screen  # type: ignore[attr-defined]  # where App.on_event sends it
        token = object()
        self._key_in_flight = token
        self._key_target = target
        self._flight_since = time.monotonic()
        self._flight_timer = self.set_timer(FLIGHT_CAP_S, lambda: self._flight_over(token))  # type: ignore[attr-defined]
        try:
            await super().on_event(event)  # type: ignore[misc]
        finally:
            if event.is_forwarded and target.is_running:
                target.post_message(KeyDone(token))
            else:  # a priority binding took it here (ctrl+c): done after the callbacks it queued
                self.call_later(self._key_done, token)  # type: ignore[attr-defined]

    def _flight_over(self, token: object) -> None:
        """The flight cap: a key whose widget was removed under it never comes back, and the next
        key goes. One whose widget is still there is still on its way (on a loaded machine '/'
        took over a second): released then, 'c' of '/card' was routed to the list before '/'
        had focused the filter, and was lost. It is waited for, up to ``LIVE_FLIGHT_CAP_S``, and past
        that while its marker is still queued on its way (up to ``QUEUED_FLIGHT_CAP_S``)."""
        target = self._key_target
        flight = time.monotonic() - self._flight_since
        if (self._key_in_flight is token and target is not None and target.is_attached and target.is_running
                and (flight < LIVE_FLIGHT_CAP_S or (flight < QUEUED_FLIGHT_CAP_S and self._marker_queued(target)))):
            self._flight_timer = self.set_timer(FLIGHT_CAP_S, lambda: self._flight_over(token))  # type: ignore[attr-defined]
            return
        self._key_done(token)

    @staticmethod
    def _marker_queued(target: Any) -> bool:
        """Whether the key's marker can still be on its way: it travels from queue to queue up the
        widget's ancestors to the app (bubbling posts it on at once), so while none of those queues
        holds a message it is gone. Under a load average of 11 on two cores '/' took over 10 s to
        come back (test_serve_browser in CI): released then, 'c' of '/card' went to the list and
        the filter read 'ard'."""
        return any(node.message_queue_size > 0 or getattr(node, "_pending_message", None) is not None
                   for node in target.ancestors_with_self)  # a pump peeks its next message out of the queue

    def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        self._key_done(message.token)

    def _key_done(self, token: object) -> None:
        if self._key_in_flight is not token:
            return
        self._key_in_flight = None
        if self._flight_timer is not None:
            self._flight_timer.stop()
            self._flight_timer = None
        self._settle = UNSETTLED
        self._schedule_pump()
