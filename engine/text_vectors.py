"""Reuse the vectors of texts embedded by earlier audits (same model, same precision).

The embeddings stage is cached per whole text column. Each such entry also stores one
16-byte BLAKE2b fingerprint per row (``row_hashes.npy``), so when a column changes (an
exported copy without its duplicates, a new month of rows appended, a few texts edited),
only the texts never seen before are encoded; the rest are copied from earlier entries,
read through a memory map after the cache's checksum check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.cache import MANIFEST, Cache

STAGE = "embeddings"
HASHES_FILE = "row_hashes.npy"
MAX_ENTRIES_SCANNED = 50  # newest first; older ones are unlikely to add anything


def row_hashes(texts: Sequence[str]) -> np.ndarray:
    """An (n, 16) uint8 array: a BLAKE2b-128 fingerprint of each text's UTF-8 bytes."""
    digests = b"".join(
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest() for text in texts
    )
    return np.frombuffer(digests, dtype=np.uint8).reshape(len(texts), 16).copy()


@dataclass
class Reused:
    """Rows whose vectors were found (``found``) and those vectors, in row order."""

    found: np.ndarray  # bool (n,)
    vectors: np.ndarray | None  # float32 (n, d) with rows filled where found, or None
    sources: int = 0  # cache entries that contributed


def reuse_vectors(cache: Cache, hashes: np.ndarray, *, model: str, precision: str) -> Reused:
    """Look up ``hashes`` in earlier embeddings entries of the same model and precision."""
    found = np.zeros(len(hashes), dtype=bool)
    if not cache.enabled or len(hashes) == 0:
        return Reused(found, None)
    wanted: dict[bytes, list[int]] = {}
    for row, h in enumerate(_as_bytes(hashes)):
        wanted.setdefault(h, []).append(row)  # a text repeated in the column: every copy
    vectors: np.ndarray | None = None
    sources = 0
    for key in _candidate_keys(cache, model, precision):
        entry = cache.load(STAGE, key, mmap=True)
        if entry is None or "row_hashes" not in entry:
            continue
        old_hashes, old_vectors = entry["row_hashes"], entry["vectors"]
        if old_hashes.shape != (len(old_vectors), 16):
            continue
        rows, old_rows = [], []
        for old_row, h in enumerate(_as_bytes(old_hashes)):
            for row in wanted.pop(h, ()):
                rows.append(row)
                old_rows.append(old_row)
        if not rows:
            continue
        if vectors is None:
            vectors = np.zeros((len(hashes), old_vectors.shape[1]), dtype=np.float32)
        elif old_vectors.shape[1] != vectors.shape[1]:
            continue
        vectors[rows] = old_vectors[old_rows]  # old_rows ascend: the map is read front to back
        found[rows] = True
        sources += 1
        if not wanted:
            break
    return Reused(found, vectors, sources)


def _as_bytes(hashes: np.ndarray) -> list[bytes]:
    """Each (16,) uint8 row as one ``bytes`` (fast: a void view's ``tolist``)."""
    return np.ascontiguousarray(hashes, dtype=np.uint8).view("V16").ravel().tolist()


def _candidate_keys(cache: Cache, model: str, precision: str) -> list[str]:
    """Keys of embeddings entries made with ``model``/``precision`` that carry row hashes,
    newest first (read from the manifests alone; the entry itself is verified on load)."""
    stage_dir = cache.entry_dir(STAGE, "x").parent
    candidates: list[tuple[float, str]] = []
    try:
        folders = list(stage_dir.iterdir())
    except OSError:
        return []
    for folder in folders:
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
        except (OSError, ValueError):
            continue
        meta = manifest.get("meta", {}) if isinstance(manifest, dict) else {}
        if (meta.get("model") == model and meta.get("precision") == precision
                and HASHES_FILE in manifest.get("files", {})):
            candidates.append((float(manifest.get("created", 0.0)), folder.name))
    candidates.sort(reverse=True)
    return [key for _, key in candidates[:MAX_ENTRIES_SCANNED]]
