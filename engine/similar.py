"""The vectors behind an audit, and a typed query in the same space, for "more like this".

An audit result does not keep its (n, d) vectors (1.5 GB at a million rows); the review screens
load them when first asked, from the embeddings cache entry the audit wrote, through
``engine.pipeline.audit_vectors`` (the embed stage itself: the key is the audit's, and a missing
entry is recomputed, not guessed).
"""

from __future__ import annotations

import threading

import numpy as np

from engine.errors import UsageError
from engine.load import Dataset
from engine.pipeline import AuditOptions


def audit_vectors(dataset: Dataset, options: AuditOptions, cancel: threading.Event | None = None) -> np.ndarray:
    """The vectors the audit of ``dataset`` with ``options`` used (``engine.pipeline.audit_vectors``)."""
    from engine.pipeline import audit_vectors as from_pipeline

    return from_pipeline(dataset, options, cancel)


def query_vector(text: str, options: AuditOptions) -> np.ndarray:
    """``text`` embedded with the audit's model, comparable with :func:`audit_vectors`."""
    from engine.embed import TFIDF_MODEL, embed_texts, resolve_model_name

    if options.features_path:
        raise UsageError("this audit used your own vectors (--features): a typed text cannot be placed among them")
    model = resolve_model_name(options.model)
    if model == TFIDF_MODEL:
        raise UsageError("this audit used TF-IDF vectors (fitted to the data): a typed text cannot be placed "
                         "among them; audit with a sentence model for ~text queries")
    if not text.strip():
        raise UsageError("type some text after ~ to find rows like it")
    return embed_texts([text], model=options.model, device=options.device, precision=options.precision)[0]
