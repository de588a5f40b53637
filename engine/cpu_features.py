"""Whether this CPU runs bf16 natively as torch/oneDNN see it, remembered without torch.

``--precision auto`` means bf16 on CPUs with native bf16 matrix instructions, else fp32, and the
embeddings cache key holds that effective precision (an ``auto`` key would hand bf16 vectors to
a run that should compute fp32). Asking torch needs its ~1 s import, which a warm, cached audit
otherwise never pays; so the answer is kept in a small JSON file in the cache root, keyed by
what it depends on: the CPU's flags, the ISA limits oneDNN and ATen read from the environment,
and the torch version. A changed CPU, environment or torch asks torch again.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

MEMO_FILE = "cpu_features.json"
MAX_MEMO_ENTRIES = 16
_ENV = ("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY")


def cpu_fingerprint() -> str:
    """A short hash of what torch's bf16 probe depends on."""
    try:
        torch_version = version("torch")
    except PackageNotFoundError:
        torch_version = "none"
    parts = [platform.machine(), _cpu_flags(), torch_version, *(f"{name}={os.environ.get(name, '')}" for name in _ENV)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _cpu_flags() -> str:
    """The first CPU's flag line from /proc/cpuinfo ('' where there is none, e.g. macOS)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith(("flags", "Features")):
                    return line.strip()
    except OSError:
        pass
    return ""


def remembered(memo_dir: Path | None, probe: Callable[[], bool]) -> bool:
    """``probe()``'s answer for this CPU, read from ``memo_dir``'s memo when it has one.

    ``memo_dir`` None (no cache) always probes. An unreadable or odd memo is ignored and
    rewritten; a memo that cannot be written only costs the next run the probe again.
    """
    if memo_dir is None:
        return probe()
    path = Path(memo_dir) / MEMO_FILE
    fingerprint = cpu_fingerprint()
    memo = _read(path)
    if isinstance(memo.get(fingerprint), bool):
        return memo[fingerprint]
    answer = bool(probe())
    memo.pop(fingerprint, None)
    memo[fingerprint] = answer
    kept = dict(list(memo.items())[-MAX_MEMO_ENTRIES:])
    try:
        from engine.atomic import write_text

        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps(kept, indent=1) + "\n")
    except OSError:
        pass
    return answer


def _read(path: Path) -> dict[str, bool]:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 64_000:
            return {}
        memo = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: '[[[[...' past the stack, as read
        return {}
    return {k: v for k, v in memo.items() if isinstance(v, bool)} if isinstance(memo, dict) else {}
