"""'textaudit serve demo' serves the bundled demo as 'textaudit demo' opens it (its data, --id-column id, its journal
demo.corrections.jsonl in the current folder). It said 'demo: no such file or directory; the bundled demo is
textaudit demo, its data .../demo.csv (give that path here)', exit 1. A file named demo here is still that file."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from engine.demo import demo_path
from tui.cli_parser import build_parser


def test_serve_demo_serves_the_bundled_demo(tmp_path: Path, monkeypatch) -> None:
    with socket.socket() as busy:  # everything checked up to the listen: then 'port in use', at once
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "demo", "--port", str(port)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.stderr == f"textaudit: error: port {port} on 127.0.0.1 is already in use; pick another with --port\n"
    from tui.serve import browse_command, bundled_demo

    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["serve", "demo"])
    bundled_demo(args)
    command = browse_command(args)  # what each tab runs: textaudit demo's app
    assert command[3:7] == ["browse", str(demo_path()), "--journal", str(tmp_path / "demo.corrections.jsonl")]
    assert command[command.index("--id-column") + 1] == "id"
    (tmp_path / "demo").write_text("text,label\nhello,a\n")  # a file named demo here: that file
    args = build_parser().parse_args(["serve", "demo"])
    bundled_demo(args)
    assert args.data == "demo" and args.id_column is None
