"""A content-addressed store for stage results: JSON, Parquet, ``.npy`` and text only.

An entry is a folder ``<root>/v<FORMAT>/<stage>/<key>/`` holding its files and a
``manifest.json`` with each file's size and sha256. Entries are written to a temporary folder
and renamed into place, so an interrupted write leaves nothing half-done. On read, every file
is checked against the manifest; a mismatch (corruption, truncation, another format version)
deletes the entry and reports it, and the caller recomputes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.paths import cache_dir

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_READERS = (".npy", ".parquet", ".json", ".txt")
STAGING_PREFIX = "."  # entry folders are hex keys, so a dot name is always a staging folder
STALE_STAGING_S = 3600.0


def make_key(parts: dict[str, Any]) -> str:
    """A stable hex key for a dict of JSON-serialisable key parts."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def array_hash(array: np.ndarray) -> str:
    """Content hash of an array, its dtype and shape included."""
    array = np.ascontiguousarray(array)
    digest = hashlib.sha256(f"{array.dtype.str}{array.shape}".encode())
    digest.update(memoryview(array).cast("B"))
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Cache:
    """Stage results keyed by content. ``enabled=False`` reads nothing and writes nothing."""

    root: Path | None = None
    enabled: bool = True
    events: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root) if self.root is not None else cache_dir()

    def entry_dir(self, stage: str, key: str) -> Path:
        assert self.root is not None
        return self.root / f"v{FORMAT_VERSION}" / stage / key

    def load(
        self, stage: str, key: str, *, mmap: bool = False, only: tuple[str, ...] | None = None
    ) -> dict[str, Any] | None:
        """Files of a verified entry by name (arrays, frames, dicts, strings), or None.
        ``mmap`` maps ``.npy`` files read-only instead of reading them into memory; ``only``
        verifies and reads just those file names (None if one is missing)."""
        if not self.enabled:
            return None
        folder = self.entry_dir(stage, key)
        manifest_path = folder / MANIFEST
        if not manifest_path.exists():
            return None
        try:
            manifest = json.loads(manifest_path.read_text())
            if manifest.get("format") != FORMAT_VERSION or manifest.get("key") != key:
                raise ValueError("written by another version")
            loaded: dict[str, Any] = {"_meta": manifest.get("meta", {})}
            files = manifest["files"]
            if only is not None:
                if not set(only) <= set(files):
                    return None
                files = {name: files[name] for name in only}
            for name, expected in files.items():
                path = folder / name
                if Path(name).suffix not in _READERS or Path(name).name != name:
                    raise ValueError(f"unexpected file {name!r}")
                if path.stat().st_size != expected["size"] or _file_sha256(path) != expected["sha256"]:
                    raise ValueError(f"{name} does not match its checksum")
                loaded[Path(name).stem] = _read(path, mmap=mmap)
            return loaded
        except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError) as exc:
            self.events.append(f"cache entry {stage}/{key[:8]} is unusable ({exc}); recomputing")
            shutil.rmtree(folder, ignore_errors=True)
            return None

    def save(self, stage: str, key: str, files: dict[str, Any], meta: dict | None = None) -> None:
        """Write an entry atomically. ``files`` maps file names to arrays, frames, dicts or str."""
        if not self.enabled:
            return
        folder = self.entry_dir(stage, key)
        staging: Path | None = None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_staging(folder.parent)
            staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{key}.", dir=folder.parent))
            listing = {}
            for name, value in files.items():
                path = staging / name
                _write(path, value)
                listing[name] = {"size": path.stat().st_size, "sha256": _file_sha256(path)}
            manifest = {
                "format": FORMAT_VERSION,
                "stage": stage,
                "key": key,
                "created": time.time(),
                "files": listing,
                "meta": meta or {},
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
            _fsync_dir_files(staging)
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
            os.replace(staging, folder)
        except OSError as exc:
            self.events.append(f"could not write cache entry {stage}/{key[:8]}: {exc}")
        finally:  # also on KeyboardInterrupt: no half-written folder is left behind
            if staging is not None and staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _remove_stale_staging(stage_dir: Path, max_age_s: float = STALE_STAGING_S) -> None:
    """Delete staging folders a killed process (SIGKILL, power loss) left behind."""
    now = time.time()
    for path in stage_dir.glob(f"{STAGING_PREFIX}*"):
        try:
            if now - path.stat().st_mtime > max_age_s:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _write(path: Path, value: Any) -> None:
    suffix = path.suffix
    if suffix == ".npy":
        np.save(path, np.asarray(value), allow_pickle=False)  # plain arrays only
    elif suffix == ".parquet":
        value.to_parquet(path, index=False)
    elif suffix == ".json":
        path.write_text(json.dumps(value, allow_nan=False))
    elif suffix == ".txt":
        path.write_text(value, encoding="utf-8")
    else:
        raise ValueError(f"no writer for {path.name}")


def _read(path: Path, *, mmap: bool = False) -> Any:
    suffix = path.suffix
    if suffix == ".npy":
        return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)  # no object arrays
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".json":
        return json.loads(path.read_text())
    return path.read_text(encoding="utf-8")


def _fsync_dir_files(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
