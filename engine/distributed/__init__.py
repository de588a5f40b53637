"""The heavy stages on a Ray cluster: embedding (Ray Data), neighbour graph and cross-validation.

``textaudit audit DATA --ray [ADDRESS]`` sets ``AuditOptions.ray``; the pipeline then asks
:func:`stage_function` for each stage it computes and calls it exactly as it calls the local
function (same arguments, same result), so the cache keys and entries, the progress lines and
cancellation are the local path's. Ray is an optional extra (``pip install 'textaudit[ray]'``)
and is imported only inside functions. Datalab itself runs on the driver (engine/bounds.py
keeps it within memory at 10M rows).
"""

from __future__ import annotations

from engine.distributed.cluster import RayStageError, connect, ray_missing_reason, shutdown
from engine.distributed.stages import embed_precision, stage_function

__all__ = ["RayStageError", "connect", "embed_precision", "ray_missing_reason", "shutdown", "stage_function"]
