"""A serve session ends when its app's process has, not when the app's pipes do.

review (serve35): ctrl+c on ``textaudit serve`` with a tab open printed asyncio's ``Loop <...>
that handles pid N is closed`` after textaudit's own lines (6 of 10 tries): the session ended at
the end of the app's output, serve closed its loop, and the child watcher reaped the app a
moment later. The stand-in here closes its output on the quit message and ends only when the
test lets it (a FIFO the test holds open): the session must still be open then, and end after.
"""

from __future__ import annotations

import gc
import os
import shlex
import sys
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from net_helpers import until

from tui.serve_guard import GuardedServer
from tui.serve_session import RelayingAppService

#: Says it is a Textual app; on the quit message closes stdout and stderr, then ends once the FIFO named by its
#: argument has no writer left (the test's end closed). ``exec``, as serve's command: no shell holding the pipes.
LINGERING_APP = """
import os, sys
sys.stdout.buffer.write(b"__GANGLION__\\n"); sys.stdout.buffer.flush()
sys.stdin.buffer.read(1)
os.close(1); os.close(2)
with open(sys.argv[1], "rb") as release:
    release.read()
os._exit(0)
"""
TOKEN = "s3cret-token"


async def test_the_session_ends_after_its_app_process_is_reaped(monkeypatch, tmp_path: Path):
    processes: list = []
    waited: list[int] = []  # the app processes the session waited for (RelayingAppService.run)
    opened = RelayingAppService._open_app_process

    async def recorded(self: RelayingAppService, *args, **kwargs):
        process = await opened(self, *args, **kwargs)
        wait = process.wait

        async def spied_wait() -> int:
            waited.append(process.pid)
            return await wait()

        process.wait = spied_wait
        processes.append(process)
        return process

    monkeypatch.setattr(RelayingAppService, "_open_app_process", recorded)
    os.mkfifo(fifo := tmp_path / "release")
    release: int | None = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a writer: the app's read waits for its close
    command = "exec " + shlex.join([sys.executable, "-c", LINGERING_APP, str(fifo)])
    server = GuardedServer(command, host="127.0.0.1", port=8000, token=TOKEN)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    try:
        headers = {"Origin": f"http://127.0.0.1:{client.port}", "Authorization": f"token {TOKEN}"}
        page = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        await until(lambda: processes and server.sessions == 1, "the session to start")
        await page.close()  # the tab leaves: textual-serve sends the app its quit message
        await until(lambda: waited or server.sessions == 0, "the session to wait for its app, or to end")
        assert server.sessions == 1 and processes[0].returncode is None  # the app's pipes closed, it still runs
        os.close(release)  # now the app ends
        release = None
        await until(lambda: server.sessions == 0, "the session to end")
        assert processes[0].returncode == 0  # reaped before the session ended
    finally:
        if release is not None:
            os.close(release)
        await client.close()
        gc.collect()
