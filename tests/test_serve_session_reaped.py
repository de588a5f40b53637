"""A serve session ends when its app's process has, not when the app's pipes do.

review (serve35): ctrl+c on ``textaudit serve`` with a tab open printed asyncio's ``Loop <...>
that handles pid N is closed`` after textaudit's own lines (6 of 10 tries): the session ended at
the end of the app's output, serve closed its loop, and the child watcher reaped the app a
moment later. The stand-in here closes its output on the quit message and ends a second later.
"""

from __future__ import annotations

import asyncio
import gc
import shlex
import sys
from collections.abc import Callable

from aiohttp.test_utils import TestClient, TestServer

from tui.serve_guard import GuardedServer
from tui.serve_session import RelayingAppService

#: Says it is a Textual app; on the quit message closes stdout and stderr, then ends 1 s later
#: (``exec``, as serve's command: no shell holding the pipes open).
LINGERING_APP = "exec " + shlex.join([sys.executable, "-c", """
import os, sys, time
sys.stdout.buffer.write(b"__GANGLION__\\n"); sys.stdout.buffer.flush()
sys.stdin.buffer.read(1)
os.close(1); os.close(2)
time.sleep(1.0)
os._exit(0)
"""])
TOKEN = "s3cret-token"


async def _until(condition: Callable[[], object]) -> None:
    for _ in range(3000):  # a minute at most: a broken session fails here, not by hanging CI
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("waited a minute")


async def test_the_session_ends_after_its_app_process_is_reaped(monkeypatch):
    processes: list[asyncio.subprocess.Process] = []
    opened = RelayingAppService._open_app_process

    async def recorded(self: RelayingAppService, *args, **kwargs) -> asyncio.subprocess.Process:
        processes.append(await opened(self, *args, **kwargs))
        return processes[-1]

    monkeypatch.setattr(RelayingAppService, "_open_app_process", recorded)
    server = GuardedServer(LINGERING_APP, host="127.0.0.1", port=8000, token=TOKEN)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    try:
        headers = {"Origin": f"http://127.0.0.1:{client.port}", "Authorization": f"token {TOKEN}"}
        page = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        await _until(lambda: processes and server.sessions == 1)
        await page.close()  # the tab leaves: textual-serve sends the app its quit message
        await _until(lambda: server.sessions == 0)
        assert processes[0].returncode == 0  # reaped before the session ended
    finally:
        await client.close()
        gc.collect()
