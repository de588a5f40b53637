"""``textaudit serve``'s guard: token, Host and Origin checks, the session cap, relative addresses.

These drive the real aiohttp application of :class:`tui.serve_guard.GuardedServer` over HTTP and
websockets; each session runs a tiny stand-in process instead of the app (the browser test in
test_serve_browser.py runs the real one).
"""

from __future__ import annotations

import gc
import shlex
import socket
import subprocess
import sys

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from net_helpers import until

from tui.serve_guard import GuardedServer, new_token

#: A stand-in app: says it is ready, then lives until anything arrives on stdin (the quit message).
STAND_IN = shlex.join([sys.executable, "-c",
                       "import sys; print('__GANGLION__', flush=True); sys.stdin.buffer.read(1)"])
TOKEN = "s3cret-token"


@asynccontextmanager
async def serving(**options) -> AsyncIterator[TestClient]:
    """A client of a GuardedServer on a free port (``client.guarded`` is the server)."""
    server = GuardedServer(STAND_IN, host="127.0.0.1", port=8000, token=TOKEN, **options)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    client.guarded = server  # type: ignore[attr-defined]
    try:
        yield client
    finally:
        await client.close()


def _netloc(client: TestClient) -> str:
    return f"127.0.0.1:{client.port}"


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/download/anything"])
async def test_every_path_without_the_token_is_refused(path):
    async with serving() as client:
        for query in ("", "?token=wrong", "?token="):
            response = await client.get(path + query)
            assert response.status == 403, (path, query)
            assert "token" in await response.text()


async def test_the_token_opens_the_page_and_its_cookie_opens_the_assets():
    async with serving() as client:
        response = await client.get("/?token=" + TOKEN)
        assert response.status == 200
        page = await response.text()
        cookie = response.cookies[client.guarded.cookie_name]
        assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Strict"
        # relative addresses (tunnels, port forwards) and nothing fetched from the internet
        assert 'href="static/css/xterm.css"' in page and 'src="static/js/textual.js"' in page
        assert "0.0.0.0" not in page and "127.0.0.1" not in page and "googleapis" not in page
        assert "http://" not in page and "https://" not in page
        assert "static/fonts/RobotoMono-VariableFont_wght.ttf" in page
        assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
        # the page's own requests carry the cookie, not the token
        for asset in ("static/js/textual.js", "static/css/xterm.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert (await client.get("/" + asset)).status == 200, asset
        client.session.cookie_jar.clear()
        assert (await client.get("/static/js/textual.js")).status == 403
        assert (await client.get("/static/js/textual.js", headers={"Authorization": f"token {TOKEN}"})).status == 200


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 403), ("evil.example:8000", 403), ("localhost.evil.example", 403), ("", 403),
    ("localhost:9000", 200), ("127.0.0.1:1234", 200), ("[::1]:8000", 200), ("192.168.1.7:8000", 200),
])
async def test_the_host_header_must_name_this_server(host, status):
    async with serving() as client:
        response = await client.get("/?token=" + TOKEN, headers={"Host": host})
        assert response.status == status, host


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:1", "file://"])
async def test_a_websocket_from_a_foreign_origin_is_refused(origin):
    async with serving() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws?width=80&height=24", headers={
                "Origin": origin, "Cookie": f"{client.guarded.cookie_name}={TOKEN}"})
        assert refused.value.status == 403
        assert client.guarded.sessions == 0


async def test_a_websocket_without_the_token_is_refused_even_from_the_pages_origin():
    async with serving() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": f"http://{_netloc(client)}"})
        assert refused.value.status == 403


async def test_sessions_are_capped_with_a_clear_refusal():
    async with serving(max_sessions=1) as client:
        headers = {"Origin": f"http://{_netloc(client)}", "Authorization": f"token {TOKEN}"}
        first = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        assert client.guarded.sessions == 1
        second = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        shown = await second.receive()
        assert shown.type == aiohttp.WSMsgType.BINARY and b"1 session is already open (--max-sessions 1)" in shown.data
        closed = await second.receive()
        assert closed.type == aiohttp.WSMsgType.CLOSE and second.close_code == 4503
        assert "already open" in closed.extra
        assert client.guarded.sessions == 1
        await first.close()  # the stand-in quits, its slot is free again
        await until(lambda: client.guarded.sessions == 0, "the session to end", seconds=20)
        third = await client.ws_connect("/ws?width=80&height=24", headers=headers)
        assert client.guarded.sessions == 1
        await third.close()
        await until(lambda: client.guarded.sessions == 0, "the session to end", seconds=20)
        gc.collect()  # the stand-ins' pipes close while the loop still runs


async def test_public_url_addresses_the_page_and_is_an_allowed_host_and_origin():
    async with serving(public_url="https://example.org/textaudit") as client:
        response = await client.get("/?token=" + TOKEN, headers={"Host": "example.org"})
        page = await response.text()
        assert response.status == 200
        assert 'href="https://example.org/textaudit/static/css/xterm.css"' in page
        assert 'data-session-websocket-url="wss://example.org/textaudit/ws"' in page
        assert "wss://example.org" in response.headers["Content-Security-Policy"]
        refused = await client.get("/?token=" + TOKEN, headers={"Host": "example.org",
                                                                "Origin": "https://evil.example"})
        assert refused.status == 403
        allowed = await client.get("/?token=" + TOKEN, headers={"Host": "proxy.internal",
                                                                "Origin": "https://example.org"})
        assert allowed.status == 403  # the Host is still checked
        allowed = await client.get("/?token=" + TOKEN, headers={"Origin": "https://example.org"})
        assert allowed.status == 200


def test_tokens_are_random_and_long():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and min(map(len, tokens)) >= 32


def _serve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", "serve", *args], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def test_a_port_in_use_is_one_line_and_a_non_zero_exit(demo_csv):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = _serve(str(demo_csv), "--port", str(port))
    assert done.returncode == 1
    assert done.stderr == f"textaudit: error: port {port} on 127.0.0.1 is already in use; pick another with --port\n"


@pytest.mark.parametrize(("args", "needle"), [
    (["--public-url", "example.org"], "--public-url 'example.org'"),
    (["--public-url", "ftp://example.org"], "expected http(s)://"),
    (["--max-sessions", "0"], "--max-sessions 0"),
    (["--port", "70000"], "not a TCP port"),
])
def test_bad_serve_options_are_usage_errors(demo_csv, args, needle):
    done = _serve(str(demo_csv), *args)
    assert done.returncode == 2 and needle in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize("journal", ["DATA", "FOLDER"])
def test_a_wrong_journal_is_one_line_before_serving(demo_csv, tmp_path, journal):
    """'serve data.csv --journal data.csv' (or a folder) served anyway, where browse refuses it at once:
    each tab then opened an app that could not use the journal."""
    path = tmp_path / "d.csv"
    path.write_bytes(demo_csv.read_bytes())
    given = str(path) if journal == "DATA" else str(tmp_path)
    done = _serve(str(path), "--id-column", "id", "--journal", given, "--port", "1", timeout=30)  # port 1: never reached
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"textaudit: error: journal {given} is ")
    assert path.read_bytes() == demo_csv.read_bytes()


def test_a_wrong_column_is_one_line_before_serving(tmp_path):
    """It served anyway, and each browser tab showed 'Audit failed: no text column' in the page."""
    path = tmp_path / "news.csv"
    path.write_text("label,title,description\n1,a,b\n2,c,d\n")
    with socket.socket() as busy:  # without the check: 'port in use', at once
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = _serve(str(path), "--port", str(busy.getsockname()[1]))
    assert done.returncode == 2
    assert done.stderr.startswith(f"textaudit: error: {path}: no text column 'text' (columns: label, title, description)")
    assert done.stderr.count("\n") == 1


def test_every_interface_warns_prints_this_machines_name_and_stops_cleanly(demo_csv):
    import signal

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", "serve", str(demo_csv), "--host", "0.0.0.0",
                                "--port", str(port)], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        opened, warning = process.stderr.readline(), process.stderr.readline()
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        process.kill()
        process.stderr.close()
    assert f"open http://{socket.gethostname()}:{port}/?token=" in opened
    assert warning.startswith("textaudit: warning: reachable from the network on 0.0.0.0")


def test_on_every_interface_this_machines_name_is_a_valid_host_and_others_are_not():
    server = GuardedServer(STAND_IN, host="0.0.0.0", port=8000, token=TOKEN)
    assert server.host_allowed(f"{socket.gethostname()}:8000") and server.host_allowed("10.1.2.3:8000")
    assert not server.host_allowed("evil.example:8000")
    loopback_only = GuardedServer(STAND_IN, host="127.0.0.1", port=8000, token=TOKEN)
    assert not loopback_only.host_allowed(f"{socket.gethostname()}.evil.example")


def test_every_browse_option_reaches_the_app_process(demo_csv, tmp_path):
    """serve runs `textaudit browse` per connection: an option it dropped would be a silent
    wrong answer there (--label-sep dropped read label sets 'a|b' as single labels)."""
    from tui.cli_parser import build_parser
    from tui.serve import browse_command

    given = ["--text-column", "t", "--label-column", "l", "--id-column", "i", "--encoding", "latin-1",
             "--label-sep", "|", "--model", "tfidf", "--device", "cpu", "--precision", "fp32", "--second-view", "none", "--folds", "3",
             "--issue-types", "label", "--pred-probs", "p.npy", "--features", "f.npy", "--no-cache",
             "--cache-dir", str(tmp_path), "--label-names", "neg,pos"]
    args = build_parser().parse_args(["serve", str(demo_csv), *given])
    again = build_parser().parse_args(browse_command(args)[3:])  # what the app process parses
    browse_defaults = build_parser().parse_args(["browse", str(demo_csv)])
    for name, default in vars(browse_defaults).items():
        if name in ("data", "journal", "command", "func", "handler", "ray", "ray_cpus"):
            continue
        assert getattr(again, name) == getattr(args, name), name
        assert getattr(again, name) != default, f"{name}: the test should set every browse option"
