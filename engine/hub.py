"""Is the Hugging Face hub reachable? One quick probe instead of the hub client's long retries.

Used before anything that would go online: ``hf:NAME`` datasets and model names that are not
on disk or in the Hugging Face cache.
"""

from __future__ import annotations

import os


HUB_PROBE_TIMEOUT_S = 5.0  # TEXTAUDIT_HUB_TIMEOUT overrides


def hub_offline() -> bool:
    """True when the hub libraries will not touch the network (HF_HUB_OFFLINE at their import).

    Their own flags, not the environment: an environment changed after import is ignored
    by them, so only the flags say whether ``datasets`` would go online (and retry).
    """
    from huggingface_hub import constants

    try:
        import datasets.config as datasets_config
    except ImportError:
        return bool(constants.HF_HUB_OFFLINE)
    return bool(constants.HF_HUB_OFFLINE and datasets_config.HF_HUB_OFFLINE)


def hub_unreachable() -> str | None:
    """Why the hub cannot be reached, or None when it answers.

    One request with a short timeout, through the hub client's own session (so proxies and
    HF_ENDPOINT apply): without it, ``datasets`` retries with backoff for about 25 s before
    giving up on a machine with no network.
    """
    from huggingface_hub import constants
    from huggingface_hub.utils import get_session

    try:
        timeout = float(os.environ.get("TEXTAUDIT_HUB_TIMEOUT", HUB_PROBE_TIMEOUT_S))
    except ValueError:
        timeout = HUB_PROBE_TIMEOUT_S
    try:
        get_session().head(constants.ENDPOINT, timeout=timeout)
    except Exception as exc:  # any transport failure means "not reachable now"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{constants.ENDPOINT}: {reason}"
    return None
