"""Cold and warm wall time of textaudit vs the reference workflow, side by side in one run.

    .venv/bin/python bench/speed.py                 # banking77 train, 10,003 rows
    .venv/bin/python bench/speed.py --rows 1000
    .venv/bin/python bench/speed.py --cpu-profile avx2   # both pipelines as on an AVX2-only CPU
    .venv/bin/python bench/speed.py --precision fp32     # textaudit's --precision (default auto)

Each pipeline runs in a fresh subprocess. textaudit runs as a user runs it, the installed
`textaudit audit CSV --format json` console script: cold from an empty cache, then warm in a
new process on the cache the cold run left. The last line
printed is JSON: stage timings, peak RSS (MiB) of each child, the ratio textaudit/reference,
the CPU profile and the load average before each pipeline (the machine is shared).

``--cpu-profile avx2`` runs both pipelines with torch, oneDNN, MKL, FBGEMM and OpenBLAS held to AVX2
kernels, as on a CPU without AVX-512 (and so without native bf16): ``auto`` then resolves as
it would there. ``native`` (the default) lets them use everything this CPU has.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import BANKING77_TRAIN, cpu_ticks, run_child, run_textaudit, steal_share, subset_csv  # noqa: E402

CPU_PROFILES = {
    "native": {},
    # what each library reads to pick its kernels; no AVX-512 means no bf16 (AVX512-BF16/AMX)
    "avx2": {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2", "MKL_ENABLE_INSTRUCTIONS": "AVX2",
             "FBGEMM_ENABLE_INSTRUCTIONS": "AVX2",
             "OPENBLAS_CORETYPE": "Haswell"},  # numpy/scipy's OpenBLAS: its AVX2 kernels
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BANKING77_TRAIN)
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="category")
    parser.add_argument("--rows", type=int, default=None, help="first N rows only")
    parser.add_argument("--cpu-profile", choices=tuple(CPU_PROFILES), default="native",
                        help="kernels both pipelines may use (default: native, all this CPU has)")
    parser.add_argument("--precision", default="auto", help="textaudit's --precision (default: auto)")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"speed.py: no such file {args.data}")
    with tempfile.TemporaryDirectory(prefix="ta-speed-") as tmp:
        csv = str(subset_csv(args.data, args.rows, Path(tmp)))
        columns = ["--text-column", args.text_column, "--label-column", args.label_column]
        profile = CPU_PROFILES[args.cpu_profile]
        env = {**profile, "TEXTAUDIT_CACHE_DIR": str(Path(tmp) / "cache")}
        loads = {"reference": os.getloadavg()[0]}
        steal, ticks = {}, cpu_ticks()
        reference = run_child(["bench/_reference.py", csv, *columns], env=profile)
        steal["reference"], ticks = steal_share(ticks, cpu_ticks()), cpu_ticks()
        print("reference", json.dumps(reference), flush=True)
        command = ["audit", csv, *columns, "--format", "json", "--precision", args.precision]
        loads["cold"] = os.getloadavg()[0]
        cold = _brief(run_textaudit(command, env=env))
        steal["cold"], ticks = steal_share(ticks, cpu_ticks()), cpu_ticks()
        print("textaudit cold", json.dumps(cold), flush=True)
        loads["warm"] = os.getloadavg()[0]
        warm = _brief(run_textaudit(command, env=env))
        steal["warm"] = steal_share(ticks, cpu_ticks())
        print("textaudit warm", json.dumps(warm), flush=True)
        loads["end"] = os.getloadavg()[0]
    print(json.dumps({
        "bench": "speed", "data": str(args.data), "rows": args.rows, "cpu_profile": args.cpu_profile,
        "precision": args.precision, "load_average_1min": {k: round(v, 2) for k, v in loads.items()},
        "cpu_steal_share": steal,
        "reference": reference, "textaudit_cold": cold, "textaudit_warm": warm,
        "ratio_cold": round(cold["wall_s"] / reference["wall_s"], 3),
        "warm_under_half_s": warm["wall_s"] < 0.5,  # issue 12's goal (a warm run reads engine/result_index.py)
    }))


def _brief(report: dict) -> dict:
    """The figures of a ``--format json`` report this benchmark compares."""
    keys = ("timings_s", "cache_hit", "result_index", "issue_counts", "non_iid_p_value", "peak_rss_mib", "wall_s", "cpu_s")
    return {key: report.get(key) for key in keys}


if __name__ == "__main__":
    main()
