"""The ``textaudit`` command: audit, browse, demo, serve and export.

Headless commands (audit, export) never import Textual, so they start fast. Every expected
failure prints one line on stderr and exits non-zero: 2 for usage errors, 1 for data errors,
130 when interrupted.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.big_ints import any_size_ints
from engine.errors import EXIT_CANCELLED, EXIT_USAGE, Cancelled, DataError, TextauditError, UsageError
from engine.paths import shell_word
from engine.wording import BIDI_CONTROLS
from tui.cli_parser import build_parser
from tui.cli_progress import interrupted_line
from tui.cli_values import check_options, os_error_exit, refuse_empty_values
from tui.interrupts import INTERRUPTED, handled_interrupts, hangup_interrupts
from tui.std_streams import (droppable_stderr, refuse_closed_stdout, reopen_closed_std_fds, tolerant_stderr,
                             tolerant_stdout, undecodable_escaped, waiting_stdout)

if TYPE_CHECKING:
    from engine.pipeline import AuditOptions

EXIT_INTERNAL = 70

#: Errors of writing the output (stdout) to a full or failing device.
_OUTPUT_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO})


#: Control characters of a message shown as escapes (``\x1b``): a column name, label or file name
#: from the data must not move the cursor or clear the user's terminal. A file name's C1 bytes
#: (0x9b is CSI), read from the command line as surrogate escapes that stdout and stderr write back
#: as those bytes, are escaped as the characters are.
_SHELL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_SHELL_ESCAPES.update({0xDC00 + code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
#: Bidi embeddings, overrides and isolates are named (``⟨RLO⟩``), as the app and the report's class names draw
#: them: a file name holding U+202E printed raw reversed the rest of the line on a bidi-aware terminal
#: (``wrote 80 rows to o<RLO>v.csv (csv): ...`` read backwards after the name; review37).
_SHELL_ESCAPES.update({code: f"\u27e8{name}\u27e9" for code, name in BIDI_CONTROLS.items()})


def shell_safe(message: str) -> str:
    """``message`` with control characters written as escapes, for a line on the terminal."""
    return message if message.isprintable() else undecodable_escaped(message, True).translate(_SHELL_ESCAPES)


#: The same for a report of many lines: its line breaks and tabs (Datalab's indents) stay.
_REPORT_ESCAPES = {code: escape for code, escape in _SHELL_ESCAPES.items() if code not in (0x09, 0x0A)}


def report_safe(report: str) -> str:
    """``report`` (text or Markdown, for stdout) with control characters written as escapes. Its
    texts and labels are drawn as symbols already, but the data file's name was printed raw (the
    'Dataset:' line, a note naming the file), so a name holding ESC [2J cleared the terminal."""
    return undecodable_escaped(report, True).translate(_REPORT_ESCAPES)  # 'caf\\xe9.csv' (ui38)


def _check_command(argv: list[str], commands: list[str]) -> None:
    """A mistyped command: one line with the closest command ("did you mean"), exit 2; none at all:
    the commands, the demo's first."""
    import difflib

    if not argv:  # 'the following arguments are required: COMMAND' named none of them
        raise UsageError(f"no command given (commands: {', '.join(commands)}; textaudit demo opens the bundled "
                         "demo; see textaudit --help)")
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first is None or first in commands or any(arg in ("-h", "--help", "--version") for arg in argv[:argv.index(first)]):
        return
    # 'AUDIT' (caps lock) suggested nothing: 3 of 5 letters differ in case (review35)
    close = difflib.get_close_matches(first.lower(), commands, n=1, cutoff=0.5)
    if Path(first).suffix or os.sep in first or Path(first).exists():  # a dataset ('demo.csv' is no 'demo')
        hint = f"; to open a dataset: textaudit browse {shell_word(first)}"  # quoted: 'data (1).csv', 'a>b.csv'
    elif close:
        hint = f"; did you mean {close[0]!r}?"
    else:
        hint = ""
    # a Latin-1 name's byte as the hint writes it ('caf$'\xe9'.csv'), not as Python's repr ('caf\udce9.csv')
    named = repr(first) if undecodable_escaped(first) == first else undecodable_escaped(first, True)
    raise UsageError(f"unknown command {named}{hint} (commands: {', '.join(commands)}; see textaudit --help)")


def audit_options(args: argparse.Namespace) -> AuditOptions:
    """AuditOptions from parsed arguments."""
    from engine.audit import parse_issue_types
    from engine.pipeline import AuditOptions, validate_options

    options = AuditOptions(
        text_column=args.text_column,
        label_column=args.label_column,
        id_column=args.id_column,
        encoding=args.encoding,
        label_sep=args.label_sep,
        model=args.model,
        device=args.device,
        precision=args.precision,
        second_view=getattr(args, "second_view", "auto"),
        folds=args.folds,
        issue_types=parse_issue_types(args.issue_types),
        pred_probs_path=args.pred_probs,
        features_path=args.features,
        use_cache=not args.no_cache,
        cache_root=args.cache_dir,
        ray=getattr(args, "ray", None),
        ray_cpus=getattr(args, "ray_cpus", None),
    )
    if args.no_cache:  # a re-audit (R, --apply-journal) or More like this embeds no text twice
        from engine.text_vectors import SessionVectors

        options.session_vectors = SessionVectors()
    _check_model(args.model)
    if options.ray_cpus is not None and (options.ray is None or options.ray_cpus < 1):
        raise UsageError("--ray-cpus needs --ray (a local Ray instance) and at least 1")
    if options.ray is not None:
        from engine.distributed import ray_missing_reason

        if missing := ray_missing_reason():
            raise UsageError(f"--ray: {missing}")
    validate_options(options)  # every option checked before the data is read or a model loaded
    return options


def _check_model(model: str | None) -> None:
    """An empty --model ended in 'internal error: AttributeError'; a path that does not exist went
    to the hub, whose library printed a line of its own before 'the hub cannot be reached'."""
    if model is None:
        return
    if not model.strip():
        raise UsageError("--model must not be empty (leave it out for the bundled model, or 'tfidf')")
    looks_like_path = model.startswith(("/", "./", "../", "~", ".\\")) or (os.sep != "/" and os.sep in model)
    if looks_like_path and not Path(model).expanduser().exists():  # a file named that is not there: 1, as data
        raise DataError(f"--model {shell_word(model)}: no such folder (a sentence-transformers model folder, or a hub name "
                         "such as sentence-transformers/all-MiniLM-L6-v2)")
    from engine.embed_model import DEFAULT_MODEL, TFIDF_MODEL, resolve_model_name

    if model == TFIDF_MODEL or resolve_model_name(model) == DEFAULT_MODEL:  # the bundled one, by any of its names
        return
    path = Path(model).expanduser()
    # a folder sentence-transformers loads as a path holds no model: '--model .' said "Unrecognized model in ..
    # Should have a `model_type` key in its config.json", '--model d.csv' "Path d.csv is a file" (review35)
    if path.is_file():
        raise DataError(f"--model {shell_word(model)}: a file, not a model folder (a sentence-transformers model folder, or a "
                        "hub name such as sentence-transformers/all-MiniLM-L6-v2; 'tfidf' for no model)")
    if path.is_dir() and not any((path / name).is_file() for name in ("modules.json", "config.json")):
        raise DataError(f"--model {shell_word(model)}: the folder holds no model (neither modules.json nor config.json); give a "
                        "sentence-transformers model folder, or a hub name such as "
                        "sentence-transformers/all-MiniLM-L6-v2")


def say_guesses(notes: list[str], said: list[str] | tuple[str, ...] = ()) -> None:
    """A guessed text/label column (engine/column_guess.py), one line each on stderr; not those ``said``
    already as the data loaded (audit printed 'label column: category (guessed; ...)' twice: walk38)."""
    from engine.column_guess import guess_notes

    for note in guess_notes(notes):
        if note not in said:
            print(f"textaudit: {shell_safe(note)}", file=sys.stderr)


def cmd_audit(args: argparse.Namespace) -> int:
    from tui.cli_audit import cmd_audit as audit

    return audit(args)


def cmd_browse(args: argparse.Namespace) -> int:
    from engine.journal_path import check_journal_path
    from engine.paths import default_journal_path

    journal = Path(args.journal) if args.journal else default_journal_path(args.data)
    options = audit_options(args)
    from engine.load import check_source

    check_source(args.data, encoding=args.encoding)  # a missing file or a FIFO: one line here, not in the app
    check_journal_path(journal, args.data)  # before the audit: a wrong --journal fails in a second
    from engine.label_names import parse_label_names
    from tui.launch import run_app

    names = parse_label_names(args.label_names) if args.label_names else None  # a bad spec: before the audit
    from engine.column_precheck import check_columns_early

    # no text column: the shell says so, not an app awaiting q (walk39); a whole load run there is the app's
    from tui.cli_progress import ShellLoadLine

    with ShellLoadLine() as shown:  # a whole load (hf:NAME): its line while it runs, not a blank terminal
        loaded = check_columns_early(args.data, options, shown)
    if loaded is not None and names is not None:  # a name missing for a label: one line here, not 'Audit failed'
        from engine.label_names import class_display_names  # in the app awaiting q (fix41b's 'noticed')

        class_display_names(names, loaded)
    return run_app(args.data, options, journal_path=journal, label_names=names, dataset=loaded)


def cmd_demo(args: argparse.Namespace) -> int:
    from engine.demo import demo_path
    from engine.paths import default_journal_path
    from engine.pipeline import AuditOptions
    from tui.launch import run_app

    source = str(demo_path())
    journal = Path(args.journal) if args.journal else default_journal_path("demo.csv")
    options = AuditOptions(id_column="id", device=args.device, cache_root=args.cache_dir)
    if getattr(args, "multilabel", False):  # engine/demo_multilabel.py: label sets in JSONL lists
        from engine.demo_multilabel import demo_multilabel_path

        source = str(demo_multilabel_path())
        journal = Path(args.journal) if args.journal else default_journal_path("demo_multilabel.jsonl")
        options = AuditOptions(id_column="id", label_column="labels", device=args.device, cache_root=args.cache_dir)
    from engine.journal_path import check_journal_path

    check_journal_path(journal, source)  # a link, a data file or not a journal: one line, exit 1
    return run_app(source, options, journal_path=journal)


def cmd_serve(args: argparse.Namespace) -> int:
    from tui.serve import serve

    return serve(args)


def cmd_export(args: argparse.Namespace) -> int:
    from tui.cli_export import export_from_args

    return export_from_args(args)


#: Commands that run the app: it handles a signal itself and prints one exit line.
_APP_COMMANDS = ("browse", "demo")

_COMMANDS = {
    "audit": cmd_audit,
    "browse": cmd_browse,
    "demo": cmd_demo,
    "serve": cmd_serve,
    "export": cmd_export,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``textaudit`` console script."""
    with handled_interrupts():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    try:
        closed = reopen_closed_std_fds()  # tui/std_streams.py
        waiting_stdout()  # left non-blocking by another process: the report was cut at what fit
        tolerant_stdout()  # a report naming 'café' on an ASCII stdout: escaped, not exit 70
        tolerant_stderr()  # a file named 'café.csv' as its bytes under LC_ALL=C, not 'caf\udcc3\udca9'
        droppable_stderr()  # '2>/dev/full': progress and notes dropped, the report and the export kept
        parser = build_parser()
        _check_command(sys.argv[1:] if argv is None else list(argv), list(_COMMANDS))
        args = parser.parse_args(argv)
        refuse_empty_values(parser, args)  # tui/cli_values.py
        check_options(args)  # --cache-dir typo, --ray unreachable, --device missing
        refuse_closed_stdout(closed, args.command, getattr(args, "issues_out", None))
        with hangup_interrupts(args.command in ("audit", "export")), any_size_ints():  # engine/big_ints.py
            code = _COMMANDS[args.command](args)
        if INTERRUPTED.is_set():
            if args.command in _APP_COMMANDS:  # the app quit for the signal; its exit line said what is left
                return EXIT_CANCELLED
            raise KeyboardInterrupt  # swallowed after the last cancel check
        return code
    except TextauditError as exc:
        if INTERRUPTED.is_set():  # also an error a library made of the interrupt: the user asked to stop
            print(interrupted_line(exc), file=sys.stderr)  # the stages cached, or an embedding's finished chunks
            return EXIT_CANCELLED
        print(f"textaudit: error: {shell_safe(exc.message)}", file=sys.stderr)
        return EXIT_CANCELLED if isinstance(exc, Cancelled) else exc.exit_code
    except KeyboardInterrupt as exc:
        print(interrupted_line(exc), file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        if exc.errno not in _OUTPUT_FULL:
            return os_error_exit(exc)  # a path too long, ...: one line, never a traceback
        # the engine turns a full disk under a file it writes into one DataError line: what is left
        # is the report on stdout ('> /dev/full', a full disk under a redirect), not a bug (exit 70)
        print(f"textaudit: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush fails again
        except OSError:
            pass
        return 1
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if INTERRUPTED.is_set():  # cleanlab's labels_to_array turns the KeyboardInterrupt of a Ctrl+C into
            print(interrupted_line(exc), file=sys.stderr)  # a ValueError (a bare except): 'internal error'
            return EXIT_CANCELLED
        if os.environ.get("TEXTAUDIT_DEBUG"):
            raise
        print(f"textaudit: internal error: {type(exc).__name__}: {shell_safe(str(exc))} "  # it may quote the data
              "(set TEXTAUDIT_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """The console script: :func:`main`, then exit without the interpreter's final sweep.

    After torch is imported, the garbage collections Python runs while tearing down walk its
    many objects, a visible pause at exit; freezing the heap first (everything was flushed, fsynced
    or renamed into place already) skips them. ``main`` stays side-effect free for tests.
    """
    code = main()
    import gc

    gc.freeze()
    step_running = "engine.tfidf" in sys.modules and sys.modules["engine.tfidf"].step_left_running()
    if (INTERRUPTED.is_set() or step_running) and "ray" not in sys.modules:  # Ray's exit hooks stop its processes
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    """Exit at once, the output flushed, past the interpreter's shutdown, after a Ctrl+C, SIGTERM or SIGHUP (or with
    a cancelled TF-IDF step's helper thread still in its LAPACK call, the GIL let go: engine/tfidf.Steps.run). The
    interrupt can land inside the import of a compiled library (the embed stage imports scikit-learn, SciPy, torch)
    and the shutdown then crashed or hung after the 'interrupted' line: 14 Ctrl+Cs of 'audit --model tfidf' on 3,000
    rows at 1.5-4.5 s gave one segmentation fault (exit 139) and one hang (fix41d saw one too). Everything the run
    keeps was flushed, fsynced or renamed into place before its line was printed."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
