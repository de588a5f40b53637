"""Option values argparse accepts but textaudit must not (an empty string read as "not given", a
cache folder in a typo, ``~nobody/``, an unreachable ``--ray``, a missing ``--device``), each one line
before a command starts; and the one line for an ``OSError`` no check caught."""

from __future__ import annotations

import argparse

from engine.errors import UsageError

#: Options whose own check says more about an empty value than the generic line.
_OWN_EMPTY_CHECK = frozenset({"model"})


def refuse_empty_values(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """An option or the data path given as '' (an unset shell variable, ``--issues-out "$OUT"``):
    one line, exit 2. argparse takes '' as a value, and ``if args.x`` then read it as "not given":
    ``--issues-out ''`` wrote no table, ``--journal ''`` opened the default journal, ``--apply-journal
    ''`` audited without the journal, ``--issue-types ''`` ran all seven, ``--host ''`` listened on
    every interface, and a data path '' was read as the current folder ('.: is a directory')."""
    sub = next((action for action in parser._actions if isinstance(action, argparse._SubParsersAction)), None)
    command = sub.choices.get(getattr(args, "command", None)) if sub is not None else None
    for action in (command or parser)._actions:
        if action.dest in _OWN_EMPTY_CHECK or not isinstance(getattr(args, action.dest, None), str):
            continue
        if getattr(args, action.dest) != "":  # ' ' may be a separator or a column's name
            continue
        if action.option_strings:
            name = max(action.option_strings, key=len)
            hint = "" if action.required else " (leave the option out for its default)"
            raise UsageError(f"{name} must not be empty{hint}")
        raise UsageError(f"the {action.dest} path must not be empty")


def refuse_no_cache_with_cache_dir(args: argparse.Namespace) -> None:
    """``--no-cache`` with ``--cache-dir DIR``: one asks for no cache, the other names its folder.
    Both were taken without a word (DIR unread and unwritten; a DIR in a missing folder still
    refused as a typo); one line, exit 2, as for the other options that contradict each other
    (``--ray-cpus`` without ``--ray``, ``--format`` against the ``-o`` extension).
    ``$TEXTAUDIT_CACHE_DIR`` is no such request: ``--no-cache`` goes on without it."""
    value = getattr(args, "cache_dir", None)
    if value is not None and getattr(args, "no_cache", False):
        raise UsageError(f"--no-cache and --cache-dir {value} contradict each other: --no-cache reads and writes "
                         "no cache; drop one of them")


def refuse_cache_dir_typo(args: argparse.Namespace) -> None:
    """``--cache-dir`` may be a new folder, but only in one that exists: a typo
    (``--cache-dir /tmp/typo/cache``) made the whole tree without a word, as ``--journal`` in a
    missing folder did (engine/journal_path.py) and as ``-o`` in a missing folder is refused.
    ``$TEXTAUDIT_CACHE_DIR`` (engine/paths.py) is held to the same rule when the command caches
    (not for export, which has no cache, nor with ``--no-cache``, which writes none)."""
    import os
    from pathlib import Path

    value, option, fix = getattr(args, "cache_dir", None), "--cache-dir", "choose another --cache-dir"
    if not value and hasattr(args, "cache_dir") and not getattr(args, "no_cache", False):
        value, option = os.environ.get("TEXTAUDIT_CACHE_DIR"), "$TEXTAUDIT_CACHE_DIR"
        fix = "set TEXTAUDIT_CACHE_DIR to another folder (or unset it for the default)"
    if not value:
        if hasattr(args, "cache_dir") and not getattr(args, "no_cache", False):
            _refuse_blocked_default_cache()
        return
    path = Path(value).expanduser()
    if path.exists():
        if not path.is_dir():
            raise UsageError(f"{option} {value} is not a folder; {fix} (a new folder is created if its parent exists)")
        return
    if not path.parent.is_dir():
        from engine.paths import missing_folder

        raise UsageError(f"{option} {value}: {missing_folder(path.parent, fix)}")


def _refuse_blocked_default_cache() -> None:
    """The platform cache folder (``$XDG_CACHE_HOME/textaudit``) under a file: every stage said
    "cache entry ... is unusable (Not a directory)" and "could not write cache entry" (8 notes for
    one audit), where ``$TEXTAUDIT_CACHE_DIR`` on a file is one line."""
    from engine.paths import cache_dir

    path = cache_dir()
    for folder in (path, *path.parents):
        if folder.exists():
            if not folder.is_dir():
                from engine.paths import shell_word

                raise UsageError(f"the cache folder {shell_word(str(path))} cannot be made: {shell_word(str(folder))} "
                                 "is not a folder (is "
                                 "$XDG_CACHE_HOME set to a file?); pass --cache-dir, set TEXTAUDIT_CACHE_DIR, "
                                 "or use --no-cache")
            return


def refuse_unreachable_ray(args: argparse.Namespace) -> None:
    """``--ray host:port`` that is no Ray address or does not answer: one line before anything
    runs. It was probed only when the first Ray stage began: after the data was read and, in
    ``browse`` and ``serve``, inside the app (every browser tab's audit failed in the page)."""
    address = getattr(args, "ray", None)
    if address in (None, "local", "auto"):  # a local instance; 'auto' is Ray's own lookup
        return
    from engine.distributed.cluster import ray_missing_reason, reachable

    if ray_missing_reason() is None:  # without Ray, audit_options says that first
        reachable(address)


def refuse_missing_device(args: argparse.Namespace) -> None:
    """``browse``/``demo``/``serve --device cuda`` (or ``mps``) on a machine without one: one line
    before the app starts; it opened the app (or served), whose audit then failed inside it.
    ``audit`` says the same when it embeds (and ``--model tfidf`` needs no device)."""
    device = getattr(args, "device", None)
    if getattr(args, "command", None) in ("browse", "demo", "serve") and device not in (None, "auto", "cpu"):
        from engine.embed_model import resolve_device

        resolve_device(device)


#: The options (argparse dests) that name files or folders.
_PATH_OPTIONS = ("data", "output", "journal", "issues_out", "apply_journal", "cache_dir", "pred_probs", "features",
                 "model")


def refuse_unknown_home(args: argparse.Namespace) -> None:
    """A path starting ``~name`` for a user this machine does not have (the shell left it as typed:
    '-o "~bob/x.csv"', a typo of ``~/``) ended in 'internal error: RuntimeError: Could not
    determine home directory', exit 70. One line naming the option, exit 2."""
    from pathlib import Path

    for name in _PATH_OPTIONS:  # not a column name or --label-sep: '~' is data there
        value = getattr(args, name, None)
        if isinstance(value, str) and value.startswith("~"):
            try:
                Path(value).expanduser()
            except RuntimeError:
                head = value.split("/", 1)[0]
                option = "the data path" if name == "data" else f"--{name.replace('_', '-')}"
                raise UsageError(f"{option} {value}: no user {head[1:]!r} to expand {head} for; "
                                 "give the path in full (or ~/ for your own home)") from None


def refuse_dash(args: argparse.Namespace) -> None:
    """``-`` for a path, the shell's usual name for stdin or stdout: 'audit -' said "-: no such file
    or directory", and 'export d.csv -o - --format csv' wrote a file named '-', exit 0. textaudit
    reads and writes named files only (formats from extensions, atomic writes, a journal beside
    the data), so it says that, exit 2; a file really named '-' is ./-."""
    from engine.stream_paths import output_stream

    for name in ("output", "issues_out"):  # /dev/stdout: as '-' (review35)
        if isinstance(value := getattr(args, name, None), str) and value != "-" and output_stream(value):
            raise UsageError(f"--{name.replace('_', '-')} {value}: textaudit does not write to stdout or a stream; "
                             "give a file name")
    for name in _PATH_OPTIONS[:-1]:  # not --model: a model name is no path to read from stdin
        if getattr(args, name, None) == "-":
            if name == "data":
                raise UsageError("-: textaudit does not read data from stdin; save it to a file and give its path "
                                 "(the extension tells the format: .csv, .tsv, .jsonl, .json, .parquet); "
                                 "a file named '-' is ./-")
            what = "write to stdout" if name in ("output", "issues_out") else "take stdin or stdout for it"
            raise UsageError(f"--{name.replace('_', '-')} -: textaudit does not {what}; give a file name "
                             "(a file named '-' is ./-)")


def check_options(args: argparse.Namespace) -> None:
    """The option checks ``main`` runs for every command before it starts (see each)."""
    refuse_dash(args)
    refuse_unknown_home(args)
    refuse_no_cache_with_cache_dir(args)
    refuse_cache_dir_typo(args)
    refuse_unreachable_ray(args)
    refuse_missing_device(args)


def os_error_exit(exc: OSError) -> int:
    """An ``OSError`` no check caught, in one line, never a traceback: with a file name (a name too
    long for the file system, a loop of links, no permission) it is about a path the user gave,
    exit 1; without one it is a bug's line, exit 70 (``TEXTAUDIT_DEBUG=1`` raises it)."""
    import os
    import sys

    from engine.paths import shell_word
    from tui.cli import EXIT_INTERNAL, shell_safe

    if exc.filename is not None:
        name = str(exc.filename)
        # one shell word to paste (engine/paths.shell_word); a name past 80 characters cut, its start so quoted
        shown = shell_word(name) if len(name) <= 80 else f"{shell_word(name[:79])}…"
        print(f"textaudit: error: {shell_safe(shown)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if os.environ.get("TEXTAUDIT_DEBUG"):
        raise exc
    print(f"textaudit: internal error: {type(exc).__name__}: {shell_safe(str(exc))} (set TEXTAUDIT_DEBUG=1 for the "
          "traceback)",
          file=sys.stderr)
    return EXIT_INTERNAL
