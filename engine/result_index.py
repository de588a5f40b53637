"""Reopen an audited file in a fraction of a second: the printed summary, keyed by everything
it depends on, kept beside the stage cache.

A warm ``textaudit audit`` reuses every cached stage, yet importing pandas, pyarrow and the
stage code to do so took most of its half second (bench/README.md, CPUs without native bf16).
The summary it prints (engine/report_render.py) depends only on the data file's bytes, the
command line, the model, the effective precision, textaudit's own code and the installed
packages, so this module keys the summary on exactly those and imports nothing heavier than
hashlib. Any change to one of them is a miss and the normal pipeline runs (and refills it).

Reading trusts nothing: a regular file only (no link followed), bounded in size, its key and
its checksum verified; anything doubtful is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine.errors import TextauditError
from engine.report_render import VIEW_KEYS

FORMAT = 1
_MAX_BYTES = 64 << 20
#: command-line fields that do not change what an audit prints (where it caches, how it reports)
_NEUTRAL_ARGS = frozenset({"cache_dir", "no_cache", "format", "issues_out", "func", "command", "handler"})
#: variables that change which kernels (and so which precision, and which vectors) torch uses
_KERNEL_ENV = ("ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS",
               "FBGEMM_ENABLE_INSTRUCTIONS", "CUDA_VISIBLE_DEVICES")


def index_key(fields: dict[str, Any], cache_root: Path) -> str | None:
    """The key of the summary an audit with these command-line ``fields`` prints, or None
    when this run cannot use the index (not a plain data file, user arrays, Ray, no cache)."""
    data = fields.get("data")
    if (not isinstance(data, str) or fields.get("no_cache") or fields.get("pred_probs") or fields.get("features")
            or fields.get("ray") or fields.get("apply_journal")):
        return None
    path = Path(data).expanduser()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a Hugging Face folder or name: the pipeline decides what it reads
        from engine.embed_model import TFIDF_MODEL, model_fingerprint, resolve_device, resolve_model_name, resolve_precision

        model = resolve_model_name(fields.get("model"))
        precision = (str(fields.get("precision")) if model == TFIDF_MODEL else
                     resolve_precision(str(fields.get("precision", "auto")), resolve_device(str(fields.get("device", "auto"))),
                                       model, memo_dir=cache_root))
        parts = {
            "format": FORMAT,
            "args": {k: v for k, v in sorted(fields.items()) if k not in _NEUTRAL_ARGS and not callable(v)},
            "data": {"path": str(path.resolve()), "sha256": _file_sha256(path)},
            "model": model_fingerprint(model),
            "precision": precision,
            "env": {name: os.environ.get(name) for name in _KERNEL_ENV},
            "code": _code_hash(),
            "packages": _installed_packages(),
        }
    except (OSError, TextauditError):
        return None  # the normal path reports whatever is wrong, in its own words
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()


def load(cache_root: Path, key: str) -> dict[str, Any] | None:
    """The stored entry (``view`` and ``stages``) for ``key``, or None."""
    try:
        fd = os.open(_entry_path(cache_root, key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            entry = json.loads(handle.read(_MAX_BYTES))
        view, stages = entry["view"], entry["stages"]
        if (entry.get("format") != FORMAT or entry.get("key") != key or entry.get("sha256") != _checksum(view, stages)
                or set(view) != set(VIEW_KEYS) or not all(isinstance(s, str) for s in stages)):
            return None
        return {"view": view, "stages": list(stages)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):  # RecursionError: JSON
        return None  # nested past the stack (a damaged or planted entry) ended every audit in exit 70
    finally:
        os.close(fd)


def save(cache_root: Path, key: str, view: dict[str, Any], stages: list[str]) -> None:
    """Store ``view`` for ``key`` atomically; a failure to write only costs the next run time."""
    from engine.atomic import write_text

    entry = {"format": FORMAT, "key": key, "view": view, "stages": stages, "sha256": _checksum(view, stages)}
    target = _entry_path(cache_root, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, json.dumps(entry, allow_nan=False))
    except (OSError, ValueError, TextauditError):
        pass


def _entry_path(cache_root: Path, key: str) -> Path:
    return Path(cache_root) / f"results-v{FORMAT}" / f"{key}.json"


def _checksum(view: dict[str, Any], stages: list[str]) -> str:
    return hashlib.sha256(json.dumps([view, stages], sort_keys=True).encode()).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """textaudit's engine, every file: a changed line (a new label score, a version bump) is a miss."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        if file.suffix in (".py", ".json") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _installed_packages() -> list[str]:
    """Every installed distribution with its version (the ``*.dist-info`` folder names on
    ``sys.path``): cleanlab, scikit-learn, numpy or torch upgraded is a miss."""
    names: set[str] = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names.update(item.name for item in listing if item.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)
