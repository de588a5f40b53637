"""``textaudit audit``: the headless audit command (arguments in, the report out), its result index and
--apply-journal re-audit. The shared parts (the options, the escapes of a line) stay in tui/cli.py."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tui.cli import audit_options, report_safe, say_guesses, shell_safe
from tui.cli_progress import _StderrProgress
from tui.interrupts import INTERRUPTED


def cache_root(args: argparse.Namespace) -> Path:
    from engine.paths import cache_dir

    return Path(args.cache_dir).expanduser() if args.cache_dir else cache_dir()  # as engine.cache.Cache roots it


def result_index_key(args: argparse.Namespace, names: dict[int, str] | None = None) -> str | None:
    """The result index's key for this audit (engine/result_index.py), None where it does not apply.
    ``names``: the --label-names the spec gave (a file's names, not its path: an edited file is a miss)."""
    from engine import result_index

    fields = {**vars(args), "label_names": sorted(names.items()) if names else None}
    return result_index.index_key(fields, cache_root(args))


def value_names_shown(names: dict[int, str] | None, dataset, *corrected) -> dict[str, str] | None:
    """Each class as the data spells it -> its --label-names name (engine.label_names.value_names), a class the
    journal added with no name said once on stderr; None without the option."""
    if names is None:
        return None
    from engine.label_names import value_names

    shown, notes = value_names(names, dataset, *corrected)
    for note in notes:
        print(f"textaudit: note: {shell_safe(note)}", file=sys.stderr)
    return shown


def print_indexed(args: argparse.Namespace, key: str, started: float) -> bool:
    """Print the summary of an identical earlier audit without loading the pipeline; False on a miss."""
    from engine import report_render, result_index

    entry = result_index.load(cache_root(args), key)
    if entry is None:
        return False
    view, elapsed = entry["view"], round(time.perf_counter() - started, 3)
    say_guesses(view["notes"])
    if args.format == "json":
        timings = {"load": elapsed, **{stage: 0.0 for stage in entry["stages"]}, "total": elapsed}
        summary = report_render.summary_json(view, cache_hit=True, stage_cache_hits=dict.fromkeys(entry["stages"], True),
                                             timings_s=timings, notes=view["notes"])
        print(json.dumps({**summary, "result_index": True}, indent=2))
    elif args.format == "markdown":
        print(report_safe(report_render.report_markdown(view)), end="")
    else:
        print(report_safe(report_render.report_text(view, view["notes"])), end="")
    return True


def failed_this_run(notes: list[str]) -> bool:
    """True when a check failed for a reason of this run (engine.errors.NOT_CACHED): nothing of it is kept."""
    from engine.errors import NOT_CACHED

    return any(str(note).endswith(NOT_CACHED) for note in notes)


def cmd_audit(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from engine.label_names import parse_label_names

    names = parse_label_names(args.label_names) if args.label_names else None  # a bad spec: before the audit
    index_key = result_index_key(args, names)
    if index_key is not None and not args.issues_out and print_indexed(args, index_key, started):
        return 0
    from engine.pipeline import run_audit
    from engine.result import report_markdown, report_text, summary_json, summary_view

    options = audit_options(args)
    issues_inputs = [args.data, args.pred_probs, args.features]
    if args.issues_out:
        from engine.issues_out import issues_out_path

        issues_out_path(args.issues_out, issues_inputs, args.data)  # before any work: format, not an input
    if args.apply_journal:
        issues_inputs.append(args.apply_journal)
        if args.issues_out:
            issues_out_path(args.issues_out, issues_inputs, args.data)
    if args.apply_journal:  # its columns where the command gives none (as export: opts36)
        from tui.cli_export import take_journal_options

        take_journal_options(args, Path(args.apply_journal), options)
    from engine.load import check_source

    # a missing file or a FIFO: its one line, not after a '[   0.0s] load' progress line (walk41)
    check_source(args.data, encoding=args.encoding)
    progress = _StderrProgress()
    reaudit = None
    try:
        if args.apply_journal:
            from engine.reaudit import reaudit as run_reaudit

            reaudit = run_reaudit(args.data, options, Path(args.apply_journal), progress=progress,
                                  cancel=INTERRUPTED)
            result = reaudit.after
        else:
            source = args.data
            if names is not None:  # names that miss a label: said once loaded, not after the audit
                from engine.label_names import load_named

                source = load_named(source, options, names, progress)
            result = run_audit(source, options, progress=progress, cancel=INTERRUPTED)
    finally:
        progress.close()
    # the after-audit names its columns; a plain audit said its guess as the data loaded
    say_guesses((reaudit.before if reaudit is not None else result).notes, progress.noticed)
    # names for every class before and after the corrections; shown only, the data keeps the values
    shown = value_names_shown(names, *((reaudit.before.dataset,) if reaudit is not None else ()), result.dataset)
    if reaudit is not None:
        for warning in reaudit.warnings:
            print(f"textaudit: warning: {shell_safe(warning)}", file=sys.stderr)
    if args.issues_out:
        from engine.issues_out import write_issue_table

        for warning in write_issue_table(result, args.issues_out, issues_inputs, reaudit.rows if reaudit else None,
                                         names=shown):
            print(f"textaudit: warning: {shell_safe(warning)}", file=sys.stderr)
    if index_key is not None and reaudit is None and not failed_this_run(result.notes):
        from engine import result_index

        result_index.save(cache_root(args), index_key, summary_view(result, shown), list(result.stage_cache_hits))
    if args.format == "json":
        summary = summary_json(result, shown)
        if reaudit is not None:
            from engine.reaudit import delta_json
            from engine.result import issue_counts

            summary.update(issue_counts_before=issue_counts(reaudit.before), journal=reaudit.journal,
                           delta=delta_json(reaudit, shown))
        print(json.dumps(summary, indent=2))
    elif args.format == "markdown":
        print(report_safe(report_markdown(result, shown)), end="")
    else:
        print(report_safe(report_text(result, shown)), end="")
    if reaudit is not None and args.format != "json":
        from engine.reaudit import delta_text

        text = report_safe(delta_text(reaudit))
        print(f"\n```{text}```" if args.format == "markdown" else text, end="\n" if args.format == "markdown" else "")
    return 0
