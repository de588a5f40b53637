"""Child process: textaudit's engine (run_audit) or its CLI on one CSV; prints one JSON line."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench._common import child_parser, peak_rss_mib  # noqa: E402


def main() -> None:
    parser = child_parser()
    parser.add_argument("--cli", action="store_true", help="run `textaudit audit --format json`")
    args = parser.parse_args()
    if args.cli:
        from tui.cli import main as cli_main

        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            code = cli_main([
                "audit", args.csv, "--text-column", args.text_column,
                "--label-column", args.label_column, "--format", "json",
            ])
        report = json.loads(captured.getvalue())
        print(json.dumps({
            "exit_code": code, "cache_hit": report.get("cache_hit"),
            "timings_s": {"total": round(time.perf_counter() - STARTED, 3)},
            "peak_rss_mib": round(peak_rss_mib(), 1),
        }))
        return
    from engine.pipeline import AuditOptions, run_audit
    from engine.result import issue_counts

    imported = time.perf_counter() - STARTED
    result = run_audit(args.csv, AuditOptions(text_column=args.text_column, label_column=args.label_column))
    print(json.dumps({
        "timings_s": {"imports": round(imported, 3), **result.timings_s,
                      "total": round(time.perf_counter() - STARTED, 3)},
        "cache_hit": result.cache_hit, "flagged": issue_counts(result),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }))


if __name__ == "__main__":
    main()
