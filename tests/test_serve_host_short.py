"""``serve --host`` in a short IPv4 form the resolver binds: '0' is every interface (as '0.0.0.0'),
'127.1' is 127.0.0.1. Before, '--host 0' bound every interface but printed http://0:PORT (this
machine only) and refused requests naming the machine, the one way in from the network; '127.1'
was warned about as reachable from the network."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

from net_helpers import free_port

from tui.serve import canonical_host, page_url
from tui.serve_guard import GuardedServer


def test_short_forms_are_the_addresses_they_bind():
    assert canonical_host("0") == "0.0.0.0"
    assert canonical_host("127.1") == "127.0.0.1"
    assert canonical_host("0x7f.0.0.1") == "127.0.0.1"
    assert canonical_host("[::1]") == "::1"  # as a URL writes it: 'cannot listen on [::1]' before
    for as_given in ("localhost", "example.org", "::", "::1", "10.0.0.1", "0.0.0.0 ", ""):
        assert canonical_host(as_given) == as_given


def test_host_0_is_served_as_every_interface_is():
    host = canonical_host("0")
    name = socket.gethostname()
    assert page_url(host, 8000, None, "t") == f"http://{name}:8000/?token=t"
    server = GuardedServer("true", host=host, port=8000, token="t")
    assert server.host_allowed(f"{name}:8000")


def test_host_127_1_is_loopback_and_not_warned_about(demo_csv, tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", str(demo_csv), "--model", "tfidf", "--host", "127.1",
         "--port", str(port), "--journal", str(tmp_path / "j.jsonl")],
        cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(process.stderr.readline()), daemon=True)
        reader.start()
        reader.join(120)  # the URL line; a warning would follow it at once
        assert lines and f"open http://127.0.0.1:{port}/?token=" in lines[0], lines
    finally:
        process.terminate()
        process.wait(30)
    rest = process.stderr.read()
    process.stderr.close()
    assert "warning" not in rest, rest
