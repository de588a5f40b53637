"""Reading a cache entry's files, trusting nothing (engine/cache.py's reading half; ``Cache`` opens the entry).

Only regular files are opened (``O_NOFOLLOW``, ``O_NONBLOCK``: a link, FIFO or device is refused unopened), every
read is bounded by the file's size, the manifest must have exactly the expected shape, each file must match its
size and sha256, and an ``.npy`` header must match the caller's ``ArraySpec`` before any data is read. Anything
doubtful raises ``CacheDoubt``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from engine.paths import shell_word

if TYPE_CHECKING:
    from engine.cache import ArraySpec

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_READERS = (".npy", ".parquet", ".json", ".txt")
MAX_MANIFEST_BYTES = 1 << 20
MAX_JSON_BYTES = 64 << 20  # info.json, report.txt: a few MB at a million rows
MAX_NPY_HEADER = 1 << 16
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class CacheDoubt(ValueError):
    """An entry (or a file in it) is not exactly what this cache writes."""


def manifest_of(folder_fd: int, key: str) -> dict[str, Any]:
    """The entry's manifest, read (bounded) and checked field by field, or CacheDoubt."""
    raw = _read_bounded(folder_fd, MANIFEST, limit=MAX_MANIFEST_BYTES)
    try:
        manifest = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise CacheDoubt(f"manifest is not JSON ({type(exc).__name__})") from None
    if not isinstance(manifest, dict):
        raise CacheDoubt("manifest is not an object")
    if manifest.get("format") != FORMAT_VERSION or manifest.get("key") != key:
        raise CacheDoubt("written by another version")
    files, meta, created = manifest.get("files"), manifest.get("meta", {}), manifest.get("created", 0.0)
    if not isinstance(files, dict) or not files:
        raise CacheDoubt("manifest lists no files")
    if not isinstance(meta, dict):
        raise CacheDoubt("manifest meta is not an object")
    if isinstance(created, bool) or not isinstance(created, (int, float)) or not math.isfinite(created):
        raise CacheDoubt("manifest has no valid creation time")
    for name, expected in files.items():
        if (not isinstance(name, str) or Path(name).name != name or name.startswith(".")
                or Path(name).suffix not in _READERS or name == MANIFEST):
            raise CacheDoubt(f"unexpected file {shell_word(name)}")
        if (not isinstance(expected, dict) or isinstance(expected.get("size"), bool)
                or not isinstance(expected.get("size"), int) or expected["size"] < 0
                or not isinstance(expected.get("sha256"), str) or not _SHA256.match(expected["sha256"])):
            raise CacheDoubt(f"manifest entry for {name} is malformed")
    return {"files": files, "meta": meta, "created": float(created)}


def open_regular(folder_fd: int, name: str) -> tuple[int, int]:
    """(fd, size) of a regular file in the folder; links, FIFOs and devices are refused unopened
    (``O_NOFOLLOW``; ``O_NONBLOCK`` so even a FIFO swapped in at the last moment cannot block)."""
    try:
        fd = os.open(name, OPEN_FLAGS, dir_fd=folder_fd)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise CacheDoubt(f"{name} cannot be opened as a regular file ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise CacheDoubt(f"{name} is not a regular file")
    return fd, info.st_size


def _read_bounded(folder_fd: int, name: str, *, limit: int) -> bytes:
    fd, size = open_regular(folder_fd, name)
    try:
        if size > limit:
            raise CacheDoubt(f"{name} is {size:,} bytes, more than {limit:,}")
        return _read_exactly(fd, size, name)
    finally:
        os.close(fd)


def _read_exactly(fd: int, size: int, name: str) -> bytes:
    chunks, left = [], size
    while left > 0:
        block = os.read(fd, min(left, 1 << 22))
        if not block:
            raise CacheDoubt(f"{name} is shorter than its size")
        chunks.append(block)
        left -= len(block)
    return b"".join(chunks)


def read_file(folder_fd: int, name: str, expected: dict[str, Any], spec: ArraySpec | None,
               *, mmap: bool) -> Any:
    """Open, check size, (for .npy) header against ``spec``, sha256, then parse one file."""
    fd, size = open_regular(folder_fd, name)
    try:
        if size != expected["size"]:
            raise CacheDoubt(f"{name} does not match its checksum (size)")
        suffix = Path(name).suffix
        if suffix in (".json", ".txt") and size > MAX_JSON_BYTES:
            raise CacheDoubt(f"{name} is {size:,} bytes, more than {MAX_JSON_BYTES:,}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            if suffix == ".parquet":
                return _read_parquet(handle, name, size, expected["sha256"])
            header = npy_header(handle, name, size, spec) if suffix == ".npy" else None
            handle.seek(0)
            digest = hashlib.sha256()
            left = size
            while left > 0:
                block = handle.read(min(left, 1 << 22))
                if not block:
                    raise CacheDoubt(f"{name} is shorter than its size")
                digest.update(block)
                left -= len(block)
            if digest.hexdigest() != expected["sha256"]:
                raise CacheDoubt(f"{name} does not match its checksum")
            handle.seek(0)
            if header is not None:
                shape, fortran, dtype, offset = header
                if mmap and size > offset:
                    order = "F" if fortran else "C"
                    return np.memmap(handle, dtype=dtype, mode="r", offset=offset, shape=shape, order=order)
                return np.lib.format.read_array(handle, allow_pickle=False)
            text = handle.read(size).decode("utf-8")
            if suffix == ".txt":
                return text
            try:
                return json.loads(text)
            except RecursionError:
                raise CacheDoubt(f"{name} nests too deeply") from None
    finally:
        os.close(fd)


def _read_parquet(handle: Any, name: str, size: int, sha256: str) -> pd.DataFrame:
    """A checked ``.parquet`` file as a frame, parsed on this thread from memory Arrow owns.

    Read through the Python file, Arrow's I/O pool could drop the last reference to a buffer of
    Python's while the interpreter was exiting, and a finished run ended in SIGABRT ('terminate
    called without an active exception'; apache/arrow#34314): 6 of 120 warm runs under load."""
    import pyarrow as pa

    buffer = pa.allocate_buffer(size)
    view = memoryview(buffer)
    filled = 0
    while filled < size:
        got = handle.readinto(view[filled:])
        if not got:
            raise CacheDoubt(f"{name} is shorter than its size")
        filled += got
    if hashlib.sha256(view).hexdigest() != sha256:
        raise CacheDoubt(f"{name} does not match its checksum")
    view.release()
    return pd.read_parquet(pa.BufferReader(buffer), use_threads=False, pre_buffer=False)


def npy_header(handle: Any, name: str, size: int, spec: ArraySpec | None) -> tuple[Any, bool, np.dtype, int]:
    """Shape, order, dtype and data offset from a ``.npy`` header; the file's size must be exactly
    header plus data, and the array must match ``spec`` (checked before any data is read)."""
    fmt = np.lib.format
    version = fmt.read_magic(handle)
    if version == (1, 0):
        shape, fortran, dtype = fmt.read_array_header_1_0(handle, max_header_size=MAX_NPY_HEADER)
    elif version == (2, 0):
        shape, fortran, dtype = fmt.read_array_header_2_0(handle, max_header_size=MAX_NPY_HEADER)
    else:
        raise CacheDoubt(f"{name}: unsupported .npy version {version}")
    if dtype.hasobject:
        raise CacheDoubt(f"{name} holds Python objects")
    offset = handle.tell()
    if offset + math.prod(shape) * dtype.itemsize != size:
        raise CacheDoubt(f"{name}: its header does not match its size")
    if spec is not None:
        spec.check(name, dtype, tuple(shape))
    return shape, fortran, dtype, offset
