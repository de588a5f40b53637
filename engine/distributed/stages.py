"""Which function computes a stage on Ray (``stage_function``) and the precision the embedding
actors compute in (``embed_precision``); engine/distributed/__init__.py says how the pipeline
uses them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from engine.distributed.cluster import connect

#: ``--ray`` given without an address: a local Ray instance on this machine.
LOCAL = "local"


def stage_function(stage: str, options: Any, dataset: Any = None) -> Callable[..., Any]:
    """The Ray version of a stage's compute function (``embed``: ``embed_texts``,
    ``neighbours``: ``build_graph``, ``predict``: ``cross_val_pred_probs``), the cluster joined
    (or a local instance started) first."""
    connect(None if options.ray in (None, LOCAL) else options.ray, getattr(options, "ray_cpus", None))
    if stage == "embed":
        from engine.distributed.embed import embed_texts

        source = getattr(dataset, "source", None)
        column = getattr(dataset, "text_column", None)
        if dataset is not None and column not in dataset.frame.columns:
            column = None  # texts joined from several columns (--text-column a+b): no file column holds them
        return functools.partial(_embed_whole_file, embed_texts, source, column,
                                 len(dataset) if dataset is not None else -1)
    if stage == "neighbours":
        from engine.distributed.graph import build_graph

        return build_graph
    if stage == "predict":
        from engine.distributed.folds import cross_val_pred_probs

        return cross_val_pred_probs
    raise ValueError(f"no distributed version of stage {stage!r}")


def embed_precision(options: Any, model: str, memo_dir: Any = None) -> str:
    """The precision the embedding actors compute in (for the cache key and the actors): that of
    the device they run on (``engine.distributed.embed.actor_plan``), not the driver's. A local
    instance runs on this machine, so the driver's answer stands (no Ray started for it); on a
    joined cluster ``auto`` is fp16 for GPU actors, and for CPU actors what a worker's CPU
    supports (asked once per process)."""
    from engine.embed_model import resolve_device, resolve_precision

    if options.ray in (None, LOCAL):
        return resolve_precision(options.precision, resolve_device(options.device), model, memo_dir=memo_dir)
    connect(options.ray, getattr(options, "ray_cpus", None))
    from engine.distributed.embed import actor_plan

    device, _, _ = actor_plan(options.device)
    if device == "cpu" and options.precision == "auto":
        return "bf16" if _workers_have_native_bf16() else "fp32"
    return resolve_precision(options.precision, device, model)


@functools.lru_cache(maxsize=1)
def _workers_have_native_bf16() -> bool:
    """Whether a CPU worker of the joined cluster has native bf16 (one task; nodes are assumed alike)."""
    import ray

    from engine.distributed.cluster import RETRIES, gather

    @ray.remote(num_cpus=1, max_retries=RETRIES)
    def probe() -> bool:
        from engine.embed_model import cpu_has_native_bf16

        return cpu_has_native_bf16()

    return bool(gather([probe.remote()], "embed")[0])


def _embed_whole_file(embed, source, text_column, rows, texts, **kwargs):
    """Read the texts from the data file itself only when every row is embedded (not a subset
    left after reusing earlier vectors)."""
    whole = len(texts) == rows
    return embed(texts, source=source if whole else None, text_column=text_column if whole else None, **kwargs)
