"""``textaudit serve``: the same app as a web page, via textual-serve (one app per connection).

Bound to 127.0.0.1 unless ``--host`` says otherwise: the app can write the journal and export
files, so it is not offered to the network by default, and even there only the URL printed at
start (with its random token) opens it (see :mod:`tui.serve_guard`). A second browser tab gets its
own app process, up to ``--max-sessions``, which finds the journal locked and opens read-only.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from pathlib import Path

from engine.errors import UsageError

#: (flag, attribute) pairs of ``browse`` options passed through to each app process.
_VALUE_OPTIONS = (
    ("--text-column", "text_column"), ("--label-column", "label_column"), ("--id-column", "id_column"),
    ("--encoding", "encoding"), ("--label-sep", "label_sep"), ("--model", "model"), ("--device", "device"), ("--precision", "precision"),
    ("--second-view", "second_view"),
    ("--folds", "folds"),
    ("--issue-types", "issue_types"), ("--pred-probs", "pred_probs"), ("--features", "features"),
    ("--cache-dir", "cache_dir"), ("--ray", "ray"), ("--ray-cpus", "ray_cpus"),  # --ray: each tab its own Ray client
    ("--label-names", "label_names"),
)


def bundled_demo(args: argparse.Namespace) -> None:
    """``serve demo`` serves the bundled demo as ``textaudit demo`` opens it (its data, its id column, its journal
    demo.corrections.jsonl in the current folder), where nothing here is named demo (a file or folder of that name is
    served as browse opens it). It said 'demo: no such file or directory; the bundled demo is textaudit demo, its data
    .../demo.csv (give that path here)' (walk36's hint; fix38)."""
    if args.data != "demo" or os.path.lexists(args.data):
        return
    from engine.demo import demo_path

    args.data = str(demo_path())
    if args.id_column is None:
        args.id_column = "id"


def browse_command(args: argparse.Namespace) -> list[str]:
    """The ``textaudit browse`` command line each connection runs, with absolute paths."""
    from engine.paths import default_journal_path

    data = args.data if str(args.data).startswith("hf:") else str(Path(args.data).expanduser().resolve())
    journal = Path(args.journal).expanduser().resolve() if args.journal else default_journal_path(args.data)
    command = [sys.executable, "-m", "tui.cli", "browse", data, "--journal", str(journal)]
    for flag, attribute in _VALUE_OPTIONS:
        value = getattr(args, attribute, None)
        if value is not None:  # '--text-column=-x': a value after a space that starts with '-' reads as an option
            command += [f"{flag}={value}"] if str(value).startswith("-") else [flag, str(value)]
    if getattr(args, "no_cache", False):
        command.append("--no-cache")
    return command


def served_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per connection: ``browse`` on the driver that ends the
    app when the server is gone (:mod:`tui.served_driver`; textual-serve sets its own driver in
    the environment, so the command names ours)."""
    from tui.served_driver import SERVED_DRIVER

    return shlex.join(["exec", "env", f"TEXTUAL_DRIVER={SERVED_DRIVER}", *browse_command(args)])


def _public_url(value: str | None) -> str | None:
    """``--public-url`` checked: http(s)://host[:port][/path], no query."""
    if value is None:
        return None
    from yarl import URL

    try:
        url = URL(value)
    except ValueError:
        url = None
    # '?' or '#' with nothing after (empty to yarl) still put the token in a query or fragment no guard reads
    if url is None or url.scheme not in ("http", "https") or not url.host or "?" in value or "#" in value:
        raise UsageError(f"--public-url {value!r}: expected http(s)://HOST[:PORT][/PATH]")
    # what yarl takes but no browser opens as printed: 'http://x y/', a path with a space, a tab yarl
    # drops from the host it checks while the printed URL keeps it, a user:password, port 0 (review36)
    if not value.isprintable() or " " in value or url.user is not None or url.port == 0 or \
            not re.fullmatch(r"[A-Za-z0-9._\-]+|[0-9A-Fa-f:.]+", url.raw_host or ""):
        raise UsageError(f"--public-url {value!r}: expected http(s)://HOST[:PORT][/PATH], a host name or "
                         "address with no spaces, user or password")
    return value.rstrip("/")


def canonical_host(host: str) -> str:
    """An IPv4 address in a short form the resolver binds ('0' is every interface as '0.0.0.0' is,
    '127.1' is 127.0.0.1) written in full, and '[::1]' without its URL brackets, so the wildcard
    and loopback checks, the hosts the guard accepts and the printed URL see the address bound;
    any other host as given."""
    import socket

    if host.startswith("[") and host.endswith("]"):  # an IPv6 address as a URL writes it
        return host[1:-1]
    if not host or host.strip() != host or ":" in host:
        return host
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except (OSError, ValueError):
        return host


def page_url(host: str, port: int, public_url: str | None, token: str) -> str:
    """The URL to open: ``--public-url`` or the bind address (this machine's name on 0.0.0.0)."""
    import socket

    from tui.serve_guard import WILDCARD_HOSTS

    if public_url:
        base = public_url
    else:
        name = socket.gethostname() if host in WILDCARD_HOSTS else host
        name = f"[{name}]" if ":" in name else name
        base = f"http://{name}:{port}"
    return f"{base}/?token={token}"


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit code."""
    import errno

    from engine.errors import TextauditError
    from tui.serve_guard import GuardedServer, new_token

    bundled_demo(args)
    port = int(args.port)
    args.host = canonical_host(args.host)  # '--host 0' printed http://0:PORT and refused the machine's name
    if not 0 < port < 65536:
        raise UsageError(f"--port {args.port} is not a TCP port")
    if int(args.max_sessions) < 1:
        raise UsageError(f"--max-sessions {args.max_sessions}: must be at least 1")
    from tui.cli import audit_options

    options = audit_options(args)  # as browse: '--folds 1', a missing --pred-probs, '--issue-types bogus': one line here
    from engine.load import check_source

    try:
        check_source(args.data, encoding=args.encoding)  # as browse: 'd.csv: no such file or directory', exit 1
    except TextauditError as exc:  # a folder named demo here, served in place of the bundled demo, unsaid (diff38)
        if args.data != "demo":
            raise
        from engine.demo import demo_path
        from engine.paths import shell_word

        raise type(exc)(f"{exc.message}; serve demo serves the bundled demo only where nothing here is named demo: "
                        f"give its data, {shell_word(str(demo_path()))} --id-column id") from None
    from engine.journal_path import check_journal_path
    from engine.paths import default_journal_path

    # as browse does: '--journal DATA.csv' or a folder is one line here, not a read-only app in every tab
    check_journal_path(Path(args.journal) if args.journal else default_journal_path(args.data), args.data)
    public_url = _public_url(args.public_url)
    names = None
    if getattr(args, "label_names", None):  # a bad spec or a file: one line here; a file by its full path
        from engine.label_names import parse_label_names

        names = parse_label_names(args.label_names)
        if args.label_names.lower().endswith((".json", ".txt")):
            args.label_names = str(Path(args.label_names).expanduser().resolve())
    from tui.cli import say_guesses

    if str(args.data).startswith("hf:"):  # loaded whole here as browse does (a wrong name, column or --label-names:
        from engine.column_precheck import check_columns_early  # one line here, not 'Audit failed' in every tab)
        from tui.cli_progress import ShellLoadLine

        with ShellLoadLine() as shown:  # a download: its line while it runs
            dataset = check_columns_early(args.data, options, shown)
    else:  # a wrong column or file: one line here, not in every tab
        from engine.load import load_dataset

        dataset = load_dataset(args.data, text_column=args.text_column, label_column=args.label_column,
                               id_column=args.id_column, encoding=args.encoding, label_sep=args.label_sep)
    if dataset is not None:
        say_guesses(dataset.warnings)
        if names is not None:  # names that do not fit the labels: here, not in every tab
            from engine.label_names import class_display_names

            class_display_names(names, dataset)
    command = served_command(args)
    token = new_token()

    def say(line: str) -> None:
        from tui.cli import shell_safe

        print(shell_safe(line), file=sys.stderr, flush=True)  # the data's name as typed: an ESC stays an escape

    def ready() -> None:
        say(f"textaudit: serving {args.data}; open {page_url(args.host, port, public_url, token)} "
            "(ctrl+c stops)")
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            say(f"textaudit: warning: reachable from the network on {args.host}; anyone who can reach it "
                "and has the token can edit the journal")

    server = GuardedServer(command, host=args.host, port=port, token=token, public_url=public_url,
                           max_sessions=int(args.max_sessions), announce=say)
    try:
        server.serve(on_ready=ready)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise TextauditError(f"port {port} on {args.host} is already in use; pick another with --port") from None
        raise TextauditError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc}") from None
    return 0
