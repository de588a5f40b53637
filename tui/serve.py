"""``textaudit serve``: the same app as a web page, via textual-serve (one app per connection).

Bound to 127.0.0.1 unless ``--host`` says otherwise: the app can write the journal and export
files, so it is not offered to the network by default. A second browser tab gets its own app
process, which finds the journal locked and opens read-only.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from engine.errors import UsageError

#: (flag, attribute) pairs of ``browse`` options passed through to each app process.
_VALUE_OPTIONS = (
    ("--text-column", "text_column"), ("--label-column", "label_column"), ("--id-column", "id_column"),
    ("--encoding", "encoding"), ("--model", "model"), ("--device", "device"), ("--precision", "precision"),
    ("--folds", "folds"),
    ("--issue-types", "issue_types"), ("--pred-probs", "pred_probs"), ("--features", "features"),
    ("--cache-dir", "cache_dir"),
)


def browse_command(args: argparse.Namespace) -> list[str]:
    """The ``textaudit browse`` command line each connection runs, with absolute paths."""
    from engine.paths import default_journal_path

    data = args.data if str(args.data).startswith("hf:") else str(Path(args.data).expanduser().resolve())
    journal = Path(args.journal).expanduser().resolve() if args.journal else default_journal_path(args.data)
    command = [sys.executable, "-m", "tui.cli", "browse", data, "--journal", str(journal)]
    for flag, attribute in _VALUE_OPTIONS:
        value = getattr(args, attribute, None)
        if value is not None:
            command += [flag, str(value)]
    if getattr(args, "no_cache", False):
        command.append("--no-cache")
    return command


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit code."""
    from textual_serve.server import Server

    if not 0 < int(args.port) < 65536:
        raise UsageError(f"--port {args.port} is not a TCP port")
    if not str(args.data).startswith("hf:") and not Path(args.data).expanduser().exists():
        raise UsageError(f"no such file or folder: {args.data}")
    command = shlex.join(browse_command(args))
    where = f"http://{args.host}:{args.port}"
    print(f"textaudit: serving {args.data} at {where} (ctrl+c stops)", file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"textaudit: warning: reachable from the network on {args.host}; anyone who can reach it "
              "can edit the journal", file=sys.stderr)
    Server(command, host=args.host, port=int(args.port), title="textaudit").serve()
    return 0
