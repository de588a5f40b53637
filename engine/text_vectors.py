"""Reuse the vectors of texts embedded by earlier audits (same model, same precision).

The embeddings stage is cached per whole text column. Each such entry also stores one
16-byte BLAKE2b fingerprint per row (``row_hashes.npy``), so when a column changes (an
exported copy without its duplicates, a new month of rows appended, a few texts edited),
only the texts never seen before are encoded; the rest are copied from earlier entries,
read through a memory map after the cache's checksum check.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from engine.cache import ArraySpec, Cache, array_hash, make_key
from engine.errors import EmbedCancelled

STAGE = "embeddings"
HASHES_FILE = "row_hashes.npy"
VECTORS_FILE = "vectors.npy"
#: Fingerprints read at most, newest entry first (16 bytes a row: 80 MB). A cap of 20 entries left
#: out the very column a re-audit (``R``) corrects once 20 other audits of the same model had run
#: since (banking77 test, a shared cache: 408 of 3,063 texts reused, 14 s instead of ~2).
MAX_ROWS_SCANNED = 5_000_000


class LazyVectors:
    """The embed stage's vectors on a cache hit, read only when a stage computes with them: a
    reopen whose later stages are all cached never reads them (their keys hold the embed key, not
    the vectors' bytes). ``read`` is the stage's checked load (checksum, shape, finite values),
    which recomputes the vectors if the entry turns out unusable."""

    def __init__(self, rows: int, read: Callable[[], np.ndarray]):
        self.rows = rows
        self._read = read
        self._array: np.ndarray | None = None

    def __len__(self) -> int:
        return self.rows

    def array(self) -> np.ndarray:
        if self._array is None:
            self._array = self._read()
        return self._array


def as_array(vectors: np.ndarray | LazyVectors) -> np.ndarray:
    """The vectors themselves (a ``LazyVectors`` is read on first use)."""
    return vectors.array() if isinstance(vectors, LazyVectors) else vectors


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


def reuse_vectors(cache: Cache, hashes: np.ndarray, *, model: str, precision: str) -> Reused:
    """Look up ``hashes`` in earlier embeddings entries of the same model and precision.

    ``model`` should be a fingerprint (engine.embed.model_fingerprint), not a bare name, so a
    folder retrained in place or another folder at the same relative path never matches.
    """
    found = np.zeros(len(hashes), dtype=bool)
    if not cache.enabled or len(hashes) == 0:
        return Reused(found, None)
    wanted: dict[bytes, list[int]] = {}
    for row, h in enumerate(_as_bytes(hashes)):
        wanted.setdefault(h, []).append(row)  # a text repeated in the column: every copy
    vectors: np.ndarray | None = None
    scanned = 0
    for key, rows_in_entry in _candidate_keys(cache, model, precision):
        if scanned and scanned + rows_in_entry > MAX_ROWS_SCANNED:
            break
        scanned += rows_in_entry
        index = cache.load(STAGE, key, only=(HASHES_FILE,),  # small: verified before the vectors
                           arrays={"row_hashes": ArraySpec("uint8", (None, 16))})
        if index is None:
            continue
        old_bytes = _as_bytes(index["row_hashes"])
        old_rows = [old_row for old_row, h in enumerate(old_bytes) if h in wanted]
        if not old_rows:
            continue
        entry = cache.load(STAGE, key, mmap=True, only=(VECTORS_FILE,),
                           arrays={"vectors": ArraySpec("float32", (len(old_bytes), None))})
        if entry is None:
            continue
        old_vectors = entry["vectors"]
        if vectors is not None and old_vectors.shape[1] != vectors.shape[1]:
            continue  # another dimension: not the same model after all; its rows stay wanted
        rows: list[int] = []
        taken: list[int] = []
        for old_row in old_rows:
            for row in wanted.pop(old_bytes[old_row], ()):
                rows.append(row)
                taken.append(old_row)
        if not rows:
            continue
        chunk = np.asarray(old_vectors[taken], dtype=np.float32)  # taken ascends: the map is read in order
        if not np.isfinite(chunk.sum()):
            cache.reject(STAGE, key, "its vectors hold NaN or infinite values")
            for row, old_row in zip(rows, taken):
                wanted.setdefault(old_bytes[old_row], []).append(row)
            continue
        if vectors is None:
            vectors = np.zeros((len(hashes), old_vectors.shape[1]), dtype=np.float32)
        vectors[rows] = chunk
        found[rows] = True
        if not wanted:
            break
    return Reused(found, vectors)


class SessionVectors:
    """Vectors this process embedded, for audits without a cache (``--no-cache``): a re-audit (``R``,
    ``--apply-journal``) and More like this reuse them, by text, instead of embedding the same texts
    again. Held in memory only, as long as the options that carry them; nothing is written."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str], list[tuple[np.ndarray, np.ndarray]]] = {}
        self._lock = threading.Lock()

    def add(self, hashes: np.ndarray, vectors: np.ndarray, *, model: str, precision: str) -> None:
        """Keep ``vectors`` (row ``i`` embeds the text whose fingerprint is ``hashes[i]``)."""
        if len(hashes):
            with self._lock:
                self._parts.setdefault((model, precision), []).append((hashes, vectors))

    def find(self, hashes: np.ndarray, *, model: str, precision: str) -> Reused:
        """The rows of ``hashes`` embedded before with ``model`` and ``precision``, as :func:`reuse_vectors`."""
        found = np.zeros(len(hashes), dtype=bool)
        with self._lock:
            parts = list(self._parts.get((model, precision), ()))
        wanted: dict[bytes, list[int]] = {}
        for row, h in enumerate(_as_bytes(hashes)):
            wanted.setdefault(h, []).append(row)
        vectors: np.ndarray | None = None
        for old_hashes, old_vectors in parts:
            rows: list[int] = []
            taken: list[int] = []
            for old_row, h in enumerate(_as_bytes(old_hashes)):
                for row in wanted.pop(h, ()):
                    rows.append(row)
                    taken.append(old_row)
            if rows:
                if vectors is None:
                    vectors = np.zeros((len(hashes), old_vectors.shape[1]), dtype=np.float32)
                vectors[rows] = old_vectors[taken]
                found[rows] = True
        return Reused(found, vectors)


def spread_partial(stopped: EmbedCancelled, inverse: np.ndarray) -> EmbedCancelled:
    """A cancel while embedding distinct texts, as positions in the texts with copies: every copy
    (``inverse[i]`` is text ``i``'s distinct text) of a text encoded by then, with its vector."""
    if stopped.vectors is None or len(stopped.rows) == 0:
        return EmbedCancelled(np.zeros(0, dtype=np.int64), None)
    place = np.full(int(inverse.max()) + 1, -1, dtype=np.int64)
    place[np.asarray(stopped.rows, dtype=np.int64)] = np.arange(len(stopped.rows))
    positions = np.flatnonzero(place[inverse] >= 0)
    return EmbedCancelled(positions, stopped.vectors[place[inverse[positions]]])


def keep_partial(cache: Cache, hashes: np.ndarray, stopped: EmbedCancelled, *, model: str, precision: str) -> int:
    """Store the vectors a cancelled embedding finished (``stopped.rows`` index ``hashes``) as an
    entry :func:`reuse_vectors` finds, so the next start encodes only the rest; the count kept."""
    if not cache.enabled or stopped.vectors is None or len(stopped.rows) == 0:
        return 0
    kept = hashes[np.asarray(stopped.rows, dtype=np.int64)]
    key = make_key({"partial": array_hash(kept), "model": model, "precision": precision})
    cache.save(STAGE, key, {VECTORS_FILE: np.ascontiguousarray(stopped.vectors, dtype=np.float32), HASHES_FILE: kept},
               {"model": model, "precision": precision, "rows": len(kept), "partial": True})
    return len(kept) if cache.load(STAGE, key, only=(HASHES_FILE,)) is not None else 0


def _is_entry_name(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def _as_bytes(hashes: np.ndarray) -> list[bytes]:
    """Each (16,) uint8 row as one ``bytes`` (fast: a void view's ``tolist``)."""
    return np.ascontiguousarray(hashes, dtype=np.uint8).view("V16").ravel().tolist()


def _candidate_keys(cache: Cache, model: str, precision: str) -> list[tuple[str, int]]:
    """Keys of embeddings entries made with ``model``/``precision`` that carry row hashes, with
    their row counts, newest first (read from the manifests alone; the entry itself is verified
    on load)."""
    stage_dir = cache.entry_dir(STAGE, "x").parent
    candidates: list[tuple[float, str, int]] = []
    try:
        folders = list(stage_dir.iterdir())
    except OSError:
        return []
    for folder in folders:
        if not _is_entry_name(folder.name):
            continue  # another process's staging folder, still being written: never touch it
        manifest = cache.read_manifest(STAGE, folder.name)  # validated, links and FIFOs refused
        if manifest is None:
            continue
        meta = manifest["meta"]
        if (meta.get("model") == model and meta.get("precision") == precision
                and HASHES_FILE in manifest["files"] and VECTORS_FILE in manifest["files"]):
            rows = meta.get("rows")
            candidates.append((manifest["created"], folder.name, rows if type(rows) is int and rows > 0 else 0))
    candidates.sort(reverse=True)
    return [(key, rows) for _, key, rows in candidates]
