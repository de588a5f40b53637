"""The audit's embed stage: the texts' vectors, cached under a key of the texts, the model and the
precision, with per-text reuse of vectors that earlier audits (or, without a cache, this session) embedded.

Split out of engine/pipeline.py: ``EmbedStage`` is the base of the pipeline's runner, which adds the
predict, neighbours and audit stages.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.cache import ArraySpec, array_hash, make_key
from engine.checks import meta_doubt, vectors_doubt
from engine.embed_model import (
    TFIDF_MODEL,
    emulated_bf16_note,
    model_fingerprint,
    resolve_device,
    resolve_model_name,
    resolve_precision,
)
from engine.errors import EmbedCancelled
from engine.imports import import_with_gc_paused
from engine.int8_linear import VERSION as INT8_VERSION
from engine.load import Dataset
from engine.stage_runner import StageRunner
from engine.text_vectors import LazyVectors, Reused, keep_partial, reuse_vectors, row_hashes

if TYPE_CHECKING:
    from engine.pipeline import AuditOptions


class EmbedStage(StageRunner):
    """The embed stage of one audit run (``_Runner`` in engine/pipeline.py adds the others)."""

    def embed(self, dataset: Dataset, lazy: bool = False) -> tuple[np.ndarray | LazyVectors, str]:
        """The vectors and their key; ``lazy``: a cached entry whose manifest and ``.npy`` header
        check out is read (checksum and all) only when a stage computes with it."""
        from engine.pipeline import PIPELINE_VERSION, AuditOptions, unused_options_note  # here: it imports this module

        options = self.options
        if self.features is not None:
            self.hits["embed"] = True
            if note := unused_options_note(options, ("model", "precision"),
                                           "--features gives the vectors (they apply to the embedding model)"):
                self.notes.append(note)
            return self.features, "features:" + array_hash(self.features)
        model = resolve_model_name(options.model)
        fingerprint = model_fingerprint(model)
        tfidf = model == TFIDF_MODEL
        if tfidf and (note := unused_options_note(options, ("device", "precision"), (
                "--model tfidf computes its vectors with scikit-learn on the CPU, as float32 (they apply to "
                "sentence-transformers models)"))):
            self.notes.append(note)
        # keyed on the effective precision (``auto`` is bf16 on some CPUs, fp32 on others), known
        # without torch on warm runs; TF-IDF has no precision: every --precision takes the default's
        # key (the one its entries always had), so '--precision bf16' no longer recomputes the same vectors
        memo_dir = self.cache.root if self.cache.enabled else None
        precision = (AuditOptions.precision if tfidf else
                     resolve_precision(options.precision, resolve_device(options.device), model, memo_dir=memo_dir)
                     if options.ray is None else _ray_precision(options, model, memo_dir))
        if precision == "int8":  # int8's numbers have versions of their own: older int8 vectors are not reused
            fingerprint = f"{fingerprint}+int8v{INT8_VERSION}"
        if tfidf:  # TF-IDF's own version (engine/tfidf.py): its entries before version 2 are not reused
            from engine.tfidf import VECTORS_VERSION

            fingerprint = f"{fingerprint}+v{VECTORS_VERSION}"
            if options.tfidf_max_terms is not None:  # the view's capped vocabulary: keyed apart from --model tfidf's
                fingerprint = f"{fingerprint}+cap{options.tfidf_max_terms}"
        key = make_key({"texts": dataset.text_hash(), "model": fingerprint, "precision": precision,
                        "v": PIPELINE_VERSION})

        def compute() -> tuple[np.ndarray, str, np.ndarray | None]:
            # TF-IDF vectors depend on the whole corpus (its vocabulary and SVD): never reused per text
            hashes = None if tfidf else row_hashes(dataset.texts)
            return self._encode(dataset, model, fingerprint, precision, hashes), precision, hashes

        def files(result: tuple[np.ndarray, str, np.ndarray | None]) -> tuple[dict[str, Any], dict[str, Any]]:
            vectors, precision, hashes = result
            stored = {"vectors.npy": vectors} if hashes is None else {"vectors.npy": vectors, "row_hashes.npy": hashes}
            return stored, {"model": fingerprint, "precision": precision, "rows": len(dataset)}

        spec = ArraySpec("float32", (len(dataset), None))

        def read() -> np.ndarray:
            return self.cached(
                "embed", "embeddings", key, compute=compute, files=files,
                restore=lambda cached: (cached["vectors"], cached["_meta"].get("precision"), None),
                doubt=vectors_doubt, arrays={"vectors": spec},
            )[0]

        if lazy and (meta := self.cache.peek_array("embeddings", key, "vectors.npy", spec)) is not None \
                and meta_doubt(meta) is None and not meta.get("notes"):
            self.hits["embed"] = True
            self.store("embed")  # the entry checked out: a re-run finds it
            return LazyVectors(len(dataset), self.late("embed", read)), key
        return read(), key

    def _encode(self, dataset: Dataset, model: str, fingerprint: str, precision: str,
                hashes: np.ndarray | None) -> np.ndarray:
        """Vectors for every text: those embedded by earlier audits reused, the rest encoded."""
        from engine.embed import embed_texts

        options = self.options
        if options.ray is not None:  # the same call on a Ray cluster (engine/distributed)
            from engine.distributed import stage_function

            embed_texts = stage_function("embed", options, dataset)
        session = None if self.cache.enabled or hashes is None else options.session_vectors
        reused = (Reused(np.zeros(len(dataset), dtype=bool), None) if hashes is None else
                  session.find(hashes, model=fingerprint, precision=precision) if session is not None else
                  reuse_vectors(self.cache, hashes, model=fingerprint, precision=precision))
        missing = np.flatnonzero(~reused.found)
        vectors = reused.vectors
        if missing.size:
            from engine.tfidf_confirm import wants_terms

            tfidf = model == TFIDF_MODEL
            import_with_gc_paused(*(("sklearn.feature_extraction.text",) if tfidf else ("torch", "safetensors.torch")))
            if options.ray is None and not tfidf and (slow := emulated_bf16_note(
                    options.precision, resolve_device(options.device), memo_dir=self.cache.root if self.cache.enabled else None)):
                self.run_notes.append(slow)
            # said beside the count of texts to encode, as 'reused from cache' (walk31): not where
            # they are this session's (no cache)
            found = int(reused.found.sum()) if session is None else 0
            self.report("embed", 0, int(missing.size), f"loading {model}", reused=found)
            encode = functools.partial(embed_texts, model=model, device=options.device,
                                       precision=precision,
                                       progress=self.stage_progress("embed", reused=found), cancel=self.cancel,
                                       max_terms=options.tfidf_max_terms)
            if tfidf and options.ray is None and wants_terms(options):  # the audit's near-duplicate check reads them
                encode = functools.partial(encode, keep_terms=functools.partial(setattr, self, "terms"))
            try:
                fresh = encode([dataset.texts[i] for i in missing] if reused.found.any() else dataset.texts)
            except EmbedCancelled as stopped:  # the texts encoded by then are kept: the next start skips them
                if hashes is not None:
                    if reused.found.any():
                        stopped.rows = missing[np.asarray(stopped.rows, dtype=np.int64)]
                    stopped.kept = keep_partial(self.cache, hashes, stopped, model=fingerprint, precision=precision)
                    if self.cache.enabled:  # and the texts an earlier cancel kept: still cached (walk31)
                        stopped.kept += int(reused.found.sum())
                raise
            if vectors is None:
                vectors = fresh
            elif fresh.shape[1] == vectors.shape[1]:
                vectors[missing] = fresh
            else:  # the model changed under the same name (a hub name updated in place): start over
                reused = Reused(np.zeros(len(dataset), dtype=bool), None)
                vectors = encode(dataset.texts, progress=self.stage_progress("embed"))
        if session is not None and missing.size:
            session.add(hashes[~reused.found], vectors[~reused.found], model=fingerprint, precision=precision)
        if reused.found.any():
            where = "earlier in this session (no cache)" if session is not None else "by earlier audits"
            # every text found: 'all N', not 'N of N ...; encoded 0', which read as if nothing had been
            # embedded or checked (ui26/ui27b: the TUI's re-audit said so since 289c020, the CLI did not)
            self.run_notes.append(f"reused the vectors of all {len(dataset):,} texts embedded {where}" if not missing.size
                                  else f"reused the vectors of {int(reused.found.sum()):,} of {len(dataset):,} texts "
                                  f"embedded {where}; encoded {missing.size:,}")
        assert vectors is not None
        return vectors


def _ray_precision(options: AuditOptions, model: str, memo_dir: Path | None) -> str:
    """--ray: the precision of the device the embedding actors run on (a GPU cluster under a CPU driver)."""
    from engine.distributed import embed_precision

    return embed_precision(options, model, memo_dir)
