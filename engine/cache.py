"""A content-addressed store for stage results: JSON, Parquet, ``.npy`` and text only.

An entry is a folder ``<root>/v<FORMAT>/<stage>/<key>/`` holding its files and a
``manifest.json`` with each file's size and sha256. Entries are written through the one atomic
writer (``engine.atomic``: a temp folder beside the entry, fsynced, renamed into place), so an
interrupted write leaves nothing half-done.

Reading trusts nothing: only real folders and regular files under the root are opened (no
symbolic link is followed, so a link to a device or a FIFO cannot hang a read), every read is
bounded by the file's size, the manifest must have exactly the expected shape, each file must
match its size and sha256, and arrays must have the dtype and shape the caller expects for this
dataset (checked from the ``.npy`` header before the data is read). Anything doubtful deletes
the entry and is reported in ``events``; the caller recomputes. The file readers are in
engine/cache_read.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.atomic import atomic_path, clean_stale_temps, is_temp_name
from engine.cache_read import (FORMAT_VERSION, MANIFEST, OPEN_FLAGS, CacheDoubt, manifest_of, npy_header, open_regular,
                               read_file)
from engine.errors import TextauditError
from engine.path_words import os_reason
from engine.paths import cache_dir

STAGING_PREFIX = "."  # entry folders are hex keys, so a dot name is never an entry
STALE_STAGING_S = 3600.0
_DIR_FLAGS = OPEN_FLAGS | getattr(os, "O_DIRECTORY", 0)


@dataclass(frozen=True)
class ArraySpec:
    """What an ``.npy`` file must hold: a dtype (``"float32"``, or ``"int"`` for any integer)
    and a shape whose ``None`` entries may be any size of at least 1."""

    dtype: str
    shape: tuple[int | None, ...]

    def check(self, name: str, dtype: np.dtype, shape: tuple[int, ...]) -> None:
        kind_ok = dtype.kind in "iu" if self.dtype == "int" else dtype == np.dtype(self.dtype)
        if not kind_ok or dtype.hasobject:
            raise CacheDoubt(f"{name} holds {dtype}, expected {self.dtype}")
        if len(shape) != len(self.shape) or any(
            (want is None and got < 1) or (want is not None and got != want) for want, got in zip(self.shape, shape)
        ):
            raise CacheDoubt(f"{name} has shape {shape}, expected {self.shape}")


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
    #: the write failures of this run, by their cause: (index of its note in ``events``, entries, why)
    _unwritten: dict[str, tuple[int, list[str], str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # '~' expanded as every other path option is: '--cache-dir=~/c' reaches us unexpanded (bash leaves a
        # tilde after '=' as typed), and the cache went to a folder named '~' in the current one
        self.root = Path(self.root).expanduser() if self.root is not None else cache_dir()

    def entry_dir(self, stage: str, key: str) -> Path:
        assert self.root is not None
        return self.root / f"v{FORMAT_VERSION}" / stage / key

    # ----------------------------------------------------------------- reading
    def read_manifest(self, stage: str, key: str) -> dict[str, Any] | None:
        """An entry's validated manifest, or None (missing or doubtful; nothing is reported)."""
        if not self.enabled:
            return None
        try:
            fd = self._open_entry(stage, key)
        except (OSError, CacheDoubt):
            return None
        try:
            return manifest_of(fd, key)
        except (OSError, CacheDoubt):
            return None
        finally:
            os.close(fd)

    def peek_array(self, stage: str, key: str, name: str, spec: ArraySpec) -> dict[str, Any] | None:
        """The metadata of an entry whose manifest is valid and whose ``name`` is a regular file of
        the listed size with an ``.npy`` header matching ``spec``, without reading its data or its
        checksum (``load`` checks both when the data is needed); else None, nothing reported."""
        if not self.enabled:
            return None
        try:
            folder_fd = self._open_entry(stage, key)
        except (OSError, CacheDoubt):
            return None
        try:
            manifest = manifest_of(folder_fd, key)
            expected = manifest["files"].get(name)
            if expected is None:
                return None
            fd, size = open_regular(folder_fd, name)
            try:
                if size != expected["size"]:
                    return None
                with os.fdopen(os.dup(fd), "rb") as handle:
                    npy_header(handle, name, size, spec)
            finally:
                os.close(fd)
            return manifest["meta"]
        except Exception:  # noqa: BLE001 - any doubt: the caller loads the entry the checked way
            return None
        finally:
            os.close(folder_fd)

    def load(
        self, stage: str, key: str, *, mmap: bool = False, only: tuple[str, ...] | None = None,
        arrays: dict[str, ArraySpec] | None = None,
    ) -> dict[str, Any] | None:
        """Files of a verified entry by stem (arrays, frames, dicts, strings) plus ``_meta``, or
        None. ``mmap`` maps ``.npy`` files read-only; ``only`` verifies and reads just those
        files (None if one is missing); ``arrays`` gives the dtype and shape each named array
        must have (an entry without one of them is doubtful)."""
        if not self.enabled:
            return None
        try:
            folder_fd = self._open_entry(stage, key)
        except FileNotFoundError:
            return None
        except (OSError, CacheDoubt) as exc:
            self.reject(stage, key, os_reason(exc))
            return None
        try:
            try:
                manifest = manifest_of(folder_fd, key)
            except FileNotFoundError:
                return None  # a folder without a manifest yet: not an entry
            files = manifest["files"]
            if only is not None:
                if not set(only) <= set(files):
                    return None
                files = {name: files[name] for name in only}
            specs = dict(arrays or {})
            missing = [stem for stem in specs if f"{stem}.npy" not in files]
            if missing and only is None:
                raise CacheDoubt(f"no {missing[0]}.npy")
            loaded: dict[str, Any] = {"_meta": manifest["meta"]}
            for name, expected in files.items():
                stem = Path(name).stem
                loaded[stem] = read_file(folder_fd, name, expected, specs.get(stem), mmap=mmap)
            return loaded
        except (OSError, CacheDoubt, ValueError, KeyError, TypeError, AttributeError, EOFError,
                RecursionError, MemoryError) as exc:
            self.reject(stage, key, os_reason(exc))  # a file it names: one shell word
            return None
        except Exception as exc:  # noqa: BLE001 - a reader library's own error on forged bytes
            self.reject(stage, key, f"{type(exc).__name__}: {exc}")
            return None
        finally:
            os.close(folder_fd)

    def reject(self, stage: str, key: str, reason: str) -> None:
        """Delete a doubtful entry (never anything a link points to) and report it."""
        self.events.append(f"cache entry {stage}/{key[:8]} is unusable ({reason}); recomputing")
        _discard(self.entry_dir(stage, key))

    def _open_entry(self, stage: str, key: str) -> int:
        """An fd of the entry folder, after checking that no folder under the root is a link."""
        assert self.root is not None
        path = self.root
        for part in (f"v{FORMAT_VERSION}", stage):
            path = path / part
            info = os.lstat(path)
            if not stat.S_ISDIR(info.st_mode):
                _discard(path)  # a link or a file where a cache folder belongs: only it goes
                raise CacheDoubt(f"{path.name} is not a folder")
        fd = os.open(path / key, _DIR_FLAGS)
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            os.close(fd)
            raise CacheDoubt("the entry is not a folder")
        return fd

    # ----------------------------------------------------------------- writing
    def save(self, stage: str, key: str, files: dict[str, Any], meta: dict | None = None) -> bool:
        """Write an entry atomically. ``files`` maps file names to arrays, frames, dicts or str.
        True where the entry was written (a failed write is a note in ``events``)."""
        if not self.enabled:
            return False
        folder = self.entry_dir(stage, key)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_staging(folder.parent)
            with atomic_path(folder, directory=True, replace_symlink=True) as staging:
                listing = {}
                for name, value in files.items():
                    path = staging / name
                    _write(path, value)
                    listing[name] = {"size": path.stat().st_size, "sha256": _file_sha256(path)}
                manifest = {
                    "format": FORMAT_VERSION, "stage": stage, "key": key, "created": time.time(),
                    "files": listing, "meta": meta or {},
                }
                (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
        except (OSError, TextauditError) as exc:
            why = os_reason(exc)  # the file an OSError names as one shell word, not Python's repr
            if short := _SHORT_WRITE.fullmatch(why):  # numpy's words for a write the disk cut short
                why = f"the disk is full? {int(short[2]):,} of {int(short[1]):,} array values written"
            self._note_unwritten(f"{stage}/{key[:8]}", why, exc)
            return False
        return True

    def _note_unwritten(self, entry: str, why: str, exc: BaseException) -> None:
        """One note per cause, not one per stage: an unwritable cache folder failed every stage's write
        alike and gave four notes (README: 'a note says it was not cached'); later entries that fail for
        the same cause are named in the first one's note."""
        cause = f"{type(exc).__name__}:{getattr(exc, 'errno', None)}"  # not the path: each stage has its own
        if cause not in self._unwritten:
            self._unwritten[cause] = (len(self.events), [entry], why)
            self.events.append(f"could not write cache entry {entry}: {why}")
            return
        at, entries, first_why = self._unwritten[cause]
        entries.append(entry)
        later = ", ".join(name.split("/")[0] for name in entries[1:])
        self.events[at] = (f"could not write cache entry {entries[0]} (nor the {len(entries) - 1} after it: "
                           f"{later}): {first_why}")


#: numpy's error for an array write cut short (a full disk): '115200 requested and 50144 written',
#: counted in array values (fwrite's items), not bytes: 4 bytes each for float32 vectors.
_SHORT_WRITE = re.compile(r"(\d+) requested and (\d+) written")


def _discard(path: Path) -> None:
    """Remove an entry folder, or the link or file that stands in its place (never a link's target)."""
    try:
        info = os.lstat(path)
    except OSError:
        return
    try:
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(path, ignore_errors=True)  # rmtree unlinks links inside, never follows them
        else:
            os.unlink(path)
    except OSError:
        pass


def _remove_stale_staging(stage_dir: Path, max_age_s: float = STALE_STAGING_S) -> None:
    """Delete what killed writers (SIGKILL, power loss) left: the atomic writer's temps of dead
    processes, and older dot-named staging folders."""
    clean_stale_temps(stage_dir)
    now = time.time()
    for path in stage_dir.glob(f"{STAGING_PREFIX}*"):
        if is_temp_name(path.name):
            continue  # a live writer's temp: clean_stale_temps decides
        try:
            if now - path.lstat().st_mtime > max_age_s:
                _discard(path)
        except OSError:
            pass


def _write(path: Path, value: Any) -> None:
    suffix = path.suffix
    if suffix == ".npy":
        np.save(path, np.asarray(value), allow_pickle=False)  # plain arrays only
    elif suffix == ".parquet":
        from engine.paths import arrow_file

        with arrow_file(path, "wb") as sink:  # a cache dir named 'c\xe9' (not UTF-8) was exit 70 (review37)
            value.to_parquet(sink, index=False)
    elif suffix == ".json":
        path.write_text(json.dumps(value, allow_nan=False))
    elif suffix == ".txt":
        path.write_text(value, encoding="utf-8")
    else:
        raise ValueError(f"no writer for {path.name}")
