"""``textaudit export``: the command-line side (arguments in, one line out) of engine/export.py."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def export_from_args(args: argparse.Namespace) -> int:
    """Load the data, apply the journal, write the output, print one line (warnings on stderr)."""
    from engine.errors import UsageError
    from engine.export import export_corrected, require_journal, resolve_format
    from engine.formats import folder_output_problem
    from engine.output_guard import check_output
    from engine.paths import DEFAULT_JOURNAL, data_journal_path, default_journal_path
    from tui.cli import say_guesses, shell_safe

    take_bundled_demo(args)
    journal_path = Path(args.journal).expanduser() if args.journal else default_journal_path(args.data)
    output = Path(args.output).expanduser()
    if args.format != "auto":  # '-o out.parquet/ --format csv': the clash first (the folder's fix meets it next)
        refuse_format_clash(output, args.format)
    if problem := folder_output_problem(args.output, args.format, "--output"):  # 'out.parquet/' wrote a file
        raise UsageError(problem)  # out.parquet; '-o sub/' was "cannot tell the export format from '(none)'"
    fmt = resolve_format(output, args.format)  # fail on a bad extension before reading the data
    inputs = [(journal_path, "the corrections journal")]
    if args.journal and (default := data_journal_path(args.data)) is not None:  # a file written there stopped
        inputs.append((default, DEFAULT_JOURNAL))  # every later browse/export of the data
    if not str(args.data).startswith("hf:"):
        data = Path(args.data).expanduser()  # a saved datasets folder is no file ('dd/train is inside the input file')
        inputs.append((data, "the input folder" if data.is_dir() else "the input file"))
    from engine.load import check_source

    from engine.errors import DataError

    try:
        check_source(args.data, encoding=args.encoding, demo_hint=False)  # a typo in the data path: said as that, not 'no journal'
    except DataError as error:
        raise DataError(error.message + bundled_demo_hint(args.data, journal_path, bool(args.journal))) from None
    require_journal(journal_path)  # a folder as --journal: said as that, not as 'the output is the journal'
    check_output(output, fmt, inputs=inputs, force=args.force)  # before reading the data, too
    dataset = load_with_journal_options(args, journal_path)
    say_guesses(dataset.warnings)  # a guessed label column is the one whose cells get corrected
    for note in dataset.style.notes if dataset.style is not None else ():  # how the file was read:
        print(f"textaudit: warning: {shell_safe(note)}", file=sys.stderr)  # blank lines left out, a split
    summary = export_corrected(dataset, journal_path, output, fmt=fmt,
                               corrections_only=args.corrections_only, force=args.force)
    for warning in summary.warnings:
        print(f"textaudit: warning: {shell_safe(warning)}", file=sys.stderr)
    line = shell_safe(summary.line())  # the output path as typed: an ESC in it must not reach the terminal
    try:
        print(line, flush=True)
    except OSError as exc:  # '> /dev/full', a full disk under a redirect: said 'error: cannot write the output',
        if isinstance(exc, BrokenPipeError):  # exit 1, of an export that was written whole
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush would fail again
        print(f"textaudit: warning: cannot write to stdout ({exc.strerror or exc}); {line}", file=sys.stderr)
    return 0


def load_with_journal_options(args: argparse.Namespace, journal_path: Path):
    """The dataset of ``_load_taking``: ``load_dataset`` as the command asks, then again with the options the journal's decisions were
    made with where the command gives none and the load chose otherwise (engine/journal_options.py),
    each said on stderr: ag_news' journal records ``--text-column title+description``, and the export
    without it stopped at "no text column 'text'" (walk36). An option given wins. Where the journal's do
    not fit the data (a column renamed since), the first load stands, and that is said. A second read
    of the data only where the journal's options change what the first chose."""
    return _load_taking(args, journal_path)[0]


def take_journal_options(args: argparse.Namespace, journal_path: Path, options) -> None:
    """``audit --apply-journal``: the rule and note of
    ``load_with_journal_options``, the options taken set on ``options`` (AuditOptions) for the app or the
    re-audit to load with (ag_news without --text-column stopped at "no text column 'text'": opts36).
    Nothing is read unless the journal records an option the command leaves open; a load that fails
    either way is left to the command, which says it as before."""
    from engine.errors import TextauditError
    from engine.journal_options import FIELDS, recorded_options

    open_fields = [field for field in FIELDS if getattr(args, field, None) is None]
    if not open_fields or not journal_path.is_file():
        return
    if not any(field in open_fields for field in recorded_options(journal_path)):
        return
    try:
        taken = _load_taking(args, journal_path)[1]
    except TextauditError:
        return
    for field, value in taken.items():
        setattr(options, field, value)


def _load_taking(args: argparse.Namespace, journal_path: Path):
    """``(dataset, {field: value taken from the journal})``: see ``load_with_journal_options``."""
    from engine.errors import UsageError
    from engine.journal_options import FIELDS, options_to_take
    from engine.load import load_dataset
    from engine.paths import shell_word
    from tui.cli import shell_safe

    given = {"text_column": args.text_column, "label_column": args.label_column,
             "label_sep": getattr(args, "label_sep", None)}

    def load(options: dict[str, str | None]):
        return load_dataset(args.data, id_column=args.id_column, encoding=args.encoding, **options)

    try:
        dataset, failed = load(given), None
    except UsageError as error:  # 'no text column' where the journal names one: retried with it below
        dataset, failed = None, error
    chosen = {"text_column": "text", "label_column": "label"} if dataset is None else {  # the names it tries first
        "text_column": dataset.text_column, "label_column": dataset.label_column,
        "label_sep": getattr(dataset.label_form, "sep", None) if dataset.is_multilabel else None}
    taken = options_to_take(journal_path, given, chosen)
    if not taken:
        if failed is not None:
            raise failed
        return dataset, {}
    said = ", ".join(f"{FIELDS[field]} {shell_word(value)}" for field, value in taken.items())
    try:
        retaken = load({**given, **taken})
    except UsageError as error:
        if dataset is None:
            raise failed from None  # the command's own error, as without the journal
        print(f"textaudit: note: not taken from the journal: {shell_safe(said)} ({shell_safe(error.message)})",
              file=sys.stderr)
        return dataset, {}
    print(f"textaudit: note: {shell_safe(said)} taken from the journal {shell_safe(str(journal_path))} "
          "(its decisions were made with it; give the option to choose another)", file=sys.stderr)
    return retaken, taken


def take_bundled_demo(args: argparse.Namespace) -> None:
    """``export demo`` exports the bundled demo, as ``serve demo`` serves it (tui/serve.bundled_demo), where nothing
    here is named demo and its journal is here (``textaudit demo`` keeps demo.corrections.jsonl in the folder where
    it ran) or given: it printed 'demo: no such file or directory; the demo's data is bundled: textaudit export
    .../demo.csv --journal ... -o OUT', a command to copy for the one the user had typed (lead, session 41). Without
    the journal the data stays 'demo' and :func:`bundled_demo_hint` says where the journal is kept."""
    from engine.demo import demo_path
    from engine.paths import default_journal_path
    from tui.serve import bundled_demo

    journal = Path(args.journal).expanduser() if args.journal else default_journal_path(str(demo_path()))
    if journal.is_file():
        bundled_demo(args)  # the word demo, nothing of that name here: the bundled data and its id column


def bundled_demo_hint(data: str, journal: Path, journal_given: bool = False) -> str:
    """'; the demo's data is bundled: ...' when ``data`` names the demo's file, or the demo by its command's word
    (``export demo``: walk34), which is not here (``textaudit demo`` reads it from the package and keeps its journal
    in the current folder). Which names mean the demo: engine/demo.bundled_demo_named. With no journal here either
    it says so and where the journal is kept: the line was only 'demo: no such file or directory' (walk40)."""
    from engine.demo import bundled_demo_named
    from engine.paths import default_journal_path, shell_word

    named = bundled_demo_named(data)
    if named is None or Path(data).exists():
        return ""
    bundled, flag = named
    demo_journal = default_journal_path(str(bundled))  # what 'textaudit demo' writes: 'DEMO' looks for DEMO.corr...
    if not journal_given and not journal.exists() and demo_journal.exists():
        journal = demo_journal
    data_word = shell_word(str(bundled))
    if journal.exists():
        return (f"; the demo's data is bundled: textaudit export {data_word} --journal {shell_word(str(journal))} "
                "-o OUT (or press e in the demo)")
    name = shell_word(f"DIR/{demo_journal.name}")
    if journal_given:
        return (f"; and the journal {shell_word(str(journal))} does not exist either (textaudit demo{flag} keeps "
                f"its journal, {shell_word(demo_journal.name)}, in the folder where it ran): give that journal and the bundled "
                f"data: textaudit export {data_word} --journal {name} -o OUT")
    return (f"; and the demo's journal, {shell_word(demo_journal.name)}, is not in this folder ({shell_word(str(Path.cwd()))}) "
            f"either: run this in the folder where textaudit demo{flag} ran (it keeps its journal there), or give "
            f"the bundled data and that journal: textaudit export {data_word} --journal {name} -o OUT")


def refuse_format_clash(output: Path, fmt: str) -> None:
    """``-o fixed.csv --format parquet`` wrote Parquet bytes into a .csv (opened later as text:
    garbage, and nothing said). An extension textaudit does not know is left to ``--format``."""
    from engine.errors import UsageError
    from engine.formats import format_of
    from engine.paths import shell_word

    named = format_of(output)
    if named is not None and named != fmt:
        name = "a folder name without a file extension" if fmt == "hf" else f"a .{fmt} name"
        raise UsageError(f"--format {fmt} but {shell_word(str(output))} names a {named} file; drop --format or give the output {name}")
