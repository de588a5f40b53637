"""Child process: the reference workflow on one CSV; prints one JSON line (timings, RSS)."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench._common import child_parser, peak_rss_mib, reference_workflow  # noqa: E402


def main() -> None:
    parser = child_parser()
    args = parser.parse_args()
    result = reference_workflow(args.csv, args.text_column, args.label_column, STARTED)
    total = time.perf_counter() - STARTED
    print(json.dumps({
        "timings_s": {**result["timings_s"], "total": round(total, 3)},
        "flagged": result["flagged"], "peak_rss_mib": round(peak_rss_mib(), 1),
    }))


if __name__ == "__main__":
    main()
