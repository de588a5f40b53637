"""A tab closed while its app draws still gets the app's last line into serve's terminal.

ui26/ui27 (headless Chromium, ``textaudit serve`` on the demo): leaving the page during the
audit printed nothing in serve's terminal, while ``q`` and an escape-cancelled audit each printed
the app's line (README: 'the app's last line ... is printed in the terminal running serve').
The progress screen redraws four times a second; textual-serve's first write to the closed page
raised ConnectionResetError and it stopped reading the app, whose line then went into a pipe
nobody read. The stand-in here draws the same way and says its line after 25 frames more past the quit.
"""

from __future__ import annotations

import gc
import shlex
import sys

from aiohttp.test_utils import TestClient, TestServer
from net_helpers import until

from tui.serve_guard import GuardedServer

LAST_LINE = "textaudit: quit before the audit finished; nothing was opened"
#: Draws a frame every 20 ms (a progress screen); on the quit message it draws 25 frames more (each a write to the
#: closed page), then says its last line on stderr and ends, as the app does once its audit worker stops.
DRAWING_APP = shlex.join([sys.executable, "-c", f"""
import sys, threading, time
out = sys.stdout.buffer
out.write(b"__GANGLION__\\n"); out.flush()
quit = threading.Event()
threading.Thread(target=lambda: (sys.stdin.buffer.read(1), quit.set()), daemon=True).start()
left = None
while left is None or left > 0:
    frame = b"progress " * 20
    try:
        out.write(b"D" + len(frame).to_bytes(4, "big") + frame); out.flush()
    except BrokenPipeError:
        break
    time.sleep(0.02)
    if quit.is_set():
        left = 25 if left is None else left - 1
sys.stderr.write({LAST_LINE!r} + "\\n"); sys.stderr.flush()
"""])
TOKEN = "s3cret-token"


async def test_a_tab_closed_while_the_app_draws_still_prints_its_last_line(capsys):
    server = GuardedServer(DRAWING_APP, host="127.0.0.1", port=8000, token=TOKEN)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    try:
        headers = {"Origin": f"http://127.0.0.1:{client.port}", "Authorization": f"token {TOKEN}"}
        page = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        for _ in range(5):  # the app is drawing
            await page.receive(timeout=20)
        await page.close()  # the tab leaves mid-draw
        await until(lambda: server.sessions == 0, "the session to end")
        assert LAST_LINE in capsys.readouterr().out
    finally:
        await client.close()
        gc.collect()  # the stand-in's pipes close while the loop still runs
