"""One browser tab's app process under ``textaudit serve``, whose last line always reaches serve's terminal.

textual-serve relays an app's stderr (where textaudit says what was saved where, or what the
cache keeps) to the terminal running the server once the app's stdout ends. A tab closed while
the app was drawing (the audit's progress screen redraws four times a second) ended that relay
early: the first write to the closed page raised ``ConnectionResetError``, textual-serve stopped
reading, the app got its quit message and said its line into a pipe nobody read (ui26/ui27:
headless Chromium, the demo mid-audit, the tab left; serve's terminal showed nothing, while ``q``
and an escape-cancelled audit each printed a line). Here, once textual-serve stops, the rest of
the app's output is read until it ends, and what it said on stderr is printed as textual-serve
prints it; the session then ends when the app's process has (reaped while serve's loop runs).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

#: How long a closed tab's app may take to end (an embedding stops at its next chunk) before
#: serve stops waiting for its last line.
ENDING_S = 300.0


class RelayingAppService(AppService):
    """``AppService`` that, once textual-serve stops relaying, reads the app to its end and
    prints the stderr it had not printed (``announce`` says so where the app outlives ``ENDING_S``)."""

    def __init__(self, *args, announce: Callable[[str], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.announce = announce or (lambda line: None)

    async def run(self) -> None:
        await super().run()  # to the app's end, or to a first write to a page already closed
        process = self._process
        if process is None or process.stdout is None or process.stderr is None:
            return
        stdout, stderr = process.stdout, process.stderr
        deadline = asyncio.get_running_loop().time() + ENDING_S

        async def rest() -> bytes:
            while await stdout.read(65536):  # drawn for a page that is gone
                pass
            return await stderr.read()

        try:
            said = await asyncio.wait_for(rest(), ENDING_S)
        except asyncio.TimeoutError:
            self._still_ending(process.pid, "; its last line will not be shown here")
            return
        except (ConnectionError, ValueError):  # the pipes gone with the process
            said = b""
        if said:
            sys.stdout.write(said.decode("utf-8", "replace"))
            sys.stdout.flush()
        # The pipes end a moment before the process does. Reaped here, while the loop runs: a
        # session that ended at the pipes let ctrl+c close serve's loop first, and asyncio's child
        # watcher, reaping the app later, printed 'Loop <...> that handles pid N is closed'
        # (6 of 10 ctrl+c's with a tab open on the demo's summary; 0 of 10 so).
        try:
            await asyncio.wait_for(process.wait(), max(0.0, deadline - asyncio.get_running_loop().time()))
        except asyncio.TimeoutError:  # its output ended, the process did not
            self._still_ending(process.pid)

    def _still_ending(self, pid: int, more: str = "") -> None:
        self.announce(f"textaudit: a closed tab's app (process {pid}) is still ending{more}")


async def run_session(server: Server, request: web.Request,
                      announce: Callable[[str], None] | None = None) -> web.WebSocketResponse:
    """textual-serve's ``Server.handle_websocket`` (textual-serve 1.1) with ``RelayingAppService``."""
    websocket = web.WebSocketResponse(heartbeat=15)
    width = to_int(request.query.get("width", "80"), 80)
    height = to_int(request.query.get("height", "24"), 24)
    app_service: AppService | None = None
    try:
        await websocket.prepare(request)
        app_service = RelayingAppService(
            server.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=server.download_manager,
            debug=server.debug,
            announce=announce,
        )
        await app_service.start(width, height)
        try:
            await server._process_messages(websocket, app_service)
        finally:
            await app_service.stop()
    except asyncio.CancelledError:
        await websocket.close()
    except Exception as error:  # as textual-serve: logged, the page shows its session ended
        import logging

        logging.getLogger("textual-serve").exception(error)
    finally:
        if app_service is not None:
            await app_service.stop()
    return websocket
