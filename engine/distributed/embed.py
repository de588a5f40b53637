"""Embedding on Ray Data: ``map_batches`` over an actor pool, one model per actor.

Actors are GPU actors (``num_gpus=1``, one per cluster GPU) when the cluster has GPUs and the
device allows it, else CPU actors (one CPU each, one per cluster CPU). Each actor loads the
model once and embeds its batches with :func:`engine.embed.embed_texts` itself, so the text
preparation (length cut, lone surrogates, duplicates encoded once, unit norm) is the local
path's.

Where the rows come from:
- ``source`` a Parquet, JSONL or CSV file: Ray Data reads the text column straight from the
  file (in order), so no text travels from the driver; every row's text fingerprint is
  compared with the driver's parse, and rows the two readers disagree on (a CSV dialect
  corner) are embedded again from the driver's text, so the vectors are always those of the
  texts the audit sees.
- otherwise the driver's texts, distinct ones once, longest first in blocks of
  ``BLOCK_ROWS``: the local path's own chunking, so batches keep the same company.

Vectors stream back block by block into one (n, d) float32 array, a memory map in a temporary
file above ``MEMMAP_BYTES`` (unlinked at once: nothing is left on disk by a crash); the
pipeline writes it into the same cache entry as the local path.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from engine.distributed.cluster import cluster_cpus, cluster_gpus, fault, translate
from engine.errors import Cancelled, DataError
from engine.formats import format_of
from engine.progress import StepFn

#: Rows per Ray Data block: the local path's chunk (engine/embed.py ``chunk_size``).
BLOCK_ROWS = 2048
#: Above this the streamed vectors go to a memory-mapped temporary file, not the driver's RAM.
MEMMAP_BYTES = 1 << 30
#: Reading is I/O and short: it takes no CPU slot, which the embedding actors hold (else a
#: 2-CPU instance deadlocks: both CPUs held by actors waiting for the read).
_READ_ARGS = {"num_cpus": 0}
#: The Ray Data reader of each format (engine/formats.py names formats from suffixes).
_RAY_READERS = {"parquet": "read_parquet", "jsonl": "read_json", "csv": "read_csv"}


def embed_texts(
    texts: Sequence[str], *, model: str | None = None, device: str = "auto", precision: str = "auto",
    progress: StepFn | None = None, cancel: threading.Event | None = None,
    source: str | os.PathLike | None = None, text_column: str | None = None, max_terms: int | None = None,
    **_: object,
) -> np.ndarray:
    """:func:`engine.embed.embed_texts` on a Ray cluster; ``source``/``text_column`` name the file
    the texts were read from (``None``: send the texts from the driver)."""
    from engine.embed_model import TFIDF_MODEL, resolve_model_name

    name = resolve_model_name(model)
    if len(texts) == 0:
        raise DataError("nothing to embed: the dataset has no rows")
    if name == TFIDF_MODEL:  # one vocabulary and SVD over the whole corpus: not split across workers
        from engine.embed import embed_texts as local_embed

        return local_embed(texts, model=model, device="cpu", precision=precision, progress=progress, cancel=cancel,
                           max_terms=max_terms)
    reader = _reader(source, text_column, len(texts))
    if reader is not None:
        return _embed_file(texts, reader, name, device, precision, progress, cancel)
    first: dict[str, int] = {}
    inverse = np.fromiter((first.setdefault(t, len(first)) for t in texts), dtype=np.int64, count=len(texts))
    unique = list(first)
    order = np.argsort([len(t) for t in unique], kind="stable")[::-1]
    vectors = _run(_blocks_from_driver(unique, order), len(unique), name, device, precision, progress, cancel,
                   positions=order)
    return vectors if len(unique) == len(texts) else vectors[inverse]


def actor_plan(device: str) -> tuple[str, dict[str, float], int]:
    """(device each actor embeds on, its Ray resources, pool size) for this cluster."""
    gpus = cluster_gpus()
    if gpus and (device == "auto" or device.startswith("cuda")):
        return "cuda", {"num_gpus": 1, "num_cpus": 1}, gpus
    return "cpu", {"num_cpus": 1}, cluster_cpus()


def _reader(source, text_column: str | None, rows: int):
    """A Ray Data reader for ``source`` when it is one local file of a format Ray reads, else None."""
    if source is None or text_column is None or not isinstance(source, (str, os.PathLike)):
        return None
    path = Path(source)
    method = _RAY_READERS.get(format_of(path) or "")
    if method is None or not path.is_file():
        return None
    import ray.data

    def read():
        if method == "read_parquet":
            return ray.data.read_parquet(str(path), **_READ_ARGS).select_columns([text_column])
        if method == "read_json":
            return ray.data.read_json(str(path), lines=True, **_READ_ARGS).select_columns([text_column])
        return ray.data.read_csv(str(path), **_READ_ARGS).select_columns([text_column])

    return read, text_column


def _blocks_from_driver(unique: list[str], order: np.ndarray):
    import pyarrow as pa
    import ray.data

    tables = [pa.table({"text": [unique[i] for i in order[s:s + BLOCK_ROWS]],
                        "row": np.arange(s, min(len(order), s + BLOCK_ROWS), dtype=np.int64)})
              for s in range(0, len(order), BLOCK_ROWS)]
    return ray.data.from_arrow(tables)


def _embed_file(texts, reader, name, device, precision, progress, cancel) -> np.ndarray:
    """Rows read by Ray Data from the file, checked against the driver's texts by fingerprint."""
    from engine.text_vectors import row_hashes

    read, column = reader
    try:
        dataset = read()
    except Exception:  # noqa: BLE001 - Ray cannot read what pandas did: the driver's texts
        return embed_texts(texts, model=name, device=device, precision=precision, progress=progress,
                           cancel=cancel)
    dataset = dataset.rename_columns({column: "text"}) if column != "text" else dataset
    # one file is one read task, so one block: split it so every actor gets blocks and the
    # vectors stream back (progress, cancel) block by block; the row order is kept. Done before
    # the actors exist (materialised in the object store, never on the driver): the split's
    # tasks need a CPU, and the actors hold every CPU once they start
    dataset = dataset.repartition(max(1, -(-len(texts) // BLOCK_ROWS))).materialize()
    expected = row_hashes(texts)
    try:
        vectors, hashes = _run(dataset, len(texts), name, device, precision, progress, cancel, positions=None,
                               with_hashes=True)
    except _RowsDiffer:  # the loader dropped or split rows: the driver's texts it is
        return embed_texts(texts, model=name, device=device, precision=precision, progress=progress,
                           cancel=cancel)
    wrong = np.flatnonzero((hashes != expected).any(axis=1))
    if wrong.size:  # the file's reader and the driver's parse differ on these rows: the driver's
        # texts, through the same actors (the driver may lack the actors' device and precision)
        vectors[wrong] = embed_texts([texts[i] for i in wrong], model=name, device=device, precision=precision,
                                     cancel=cancel)
    return vectors


def _run(dataset, total, name, device, precision, progress, cancel, *, positions, with_hashes=False):
    """Stream ``dataset`` (a ``text`` column, and ``row`` when ``positions`` maps it) through the
    actor pool; the (total, d) vectors, and the rows' fingerprints when ``with_hashes``."""
    import ray.data

    actor_device, resources, size = actor_plan(device)
    embedder = _embedder_class(name, actor_device, precision, with_hashes)
    mapped = dataset.map_batches(embedder, batch_size=BLOCK_ROWS, batch_format="numpy",
                                 compute=ray.data.ActorPoolStrategy(size=size), **resources)
    # file rows: position = arrival order. A Dataset keeps a copy of the DataContext it was made
    # under, so the order is set on this one's (setting the global context here did nothing: the
    # blocks came back in completion order, every row of a block that overtook another failed its
    # fingerprint and was embedded a second time from the driver's texts: 12,000 of 20,000 rows)
    mapped.context.execution_options.preserve_order = positions is None
    vectors = hashes = None
    done = 0
    batches = iter(mapped.iter_batches(batch_size=None, batch_format="numpy"))
    try:
        for batch in batches:
            if cancel is not None and cancel.is_set():
                raise Cancelled("embedding cancelled")
            chunk = np.asarray(batch["vector"], dtype=np.float32)
            if vectors is None:
                vectors = _output(total, chunk.shape[1])
                hashes = np.zeros((total, 16), dtype=np.uint8) if with_hashes else None
            rows = (positions[batch["row"]] if positions is not None else np.arange(done, done + len(chunk)))
            if positions is None and done + len(chunk) > total:
                raise _RowsDiffer(f"the file read by Ray has more rows than the dataset ({total:,})")
            vectors[rows] = chunk
            if hashes is not None:
                hashes[rows] = np.asarray(batch["hash"], dtype=np.uint8)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        if cancel is not None and cancel.is_set():
            raise Cancelled("embedding cancelled")
    except (Cancelled, DataError, _RowsDiffer):
        raise
    except Exception as exc:  # noqa: BLE001 - Ray Data wraps worker failures in its own types
        raise translate(getattr(exc, "__cause__", None) or exc, "embedding") from None
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # stops the streaming executor and its actors
    if done != total:
        raise _RowsDiffer(f"the file read by Ray has {done:,} rows, the dataset {total:,}")
    assert vectors is not None
    return (vectors, hashes) if with_hashes else vectors


class _RowsDiffer(Exception):
    """Ray's reader and the driver's loader see a different number of rows."""


def _output(total: int, dim: int) -> np.ndarray:
    """The (total, dim) float32 result: in RAM, or a memory map of an already-unlinked temp file."""
    if total * dim * 4 <= MEMMAP_BYTES:
        return np.empty((total, dim), dtype=np.float32)
    handle, path = tempfile.mkstemp(prefix="textaudit-ray-vectors-", suffix=".npy")
    os.close(handle)
    try:
        return np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(total, dim))
    finally:
        os.unlink(path)  # the mapping stays valid; the space is freed when it is dropped


def _embedder_class(name: str, device: str, precision: str, with_hashes: bool):
    """The actor class, the model's settings closed over (no constructor arguments to keep)."""

    class Embedder:
        def __init__(self) -> None:
            from engine.embed import load_model

            load_model(name, device, precision)  # once per actor: the first batch does not pay it

        def __call__(self, batch: dict) -> dict:
            from engine.embed import embed_texts as local_embed

            fault("embed")
            texts = ["" if t is None else str(t) for t in batch["text"]]
            out = {"vector": local_embed(texts, model=name, device=device, precision=precision,
                                         chunk_size=BLOCK_ROWS)}
            if "row" in batch:
                out["row"] = batch["row"]
            if with_hashes:
                from engine.text_vectors import row_hashes

                out["hash"] = row_hashes(texts)
            return out

    return Embedder
