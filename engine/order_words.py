"""Datalab's non-IID p-value in words as strong as its evidence: the summary, the Non-IID screen
and the text and Markdown reports say the same.

Datalab flags the order at p < 0.05 (``NonIIDIssueManager.significance_threshold``), and that
flag is kept (the issue count, ``get_info("non_iid")["p-value"]``). But 1 file in 20 in random
order gets p < 0.05: on a 220,000-row CSV in random order p = 0.0215 read 'the row order is NOT
random: similar texts sit together ... shuffle before splitting'. So only p < 0.001 says NOT
random; between, 'likely not random' with how often a random order scores as low.
"""

from __future__ import annotations

DATALAB_ALPHA = 0.05  # Datalab's threshold (NonIIDIssueManager.significance_threshold)
STRONG_P = 0.001  # below it the words say NOT random

STRONG, LIKELY, NONE = "strong", "likely", "none"


def order_evidence(p_value: float) -> str:
    """``STRONG`` (p < 0.001), ``LIKELY`` (Datalab flags it, 0.001 <= p < 0.05) or ``NONE``."""
    if p_value < STRONG_P:
        return STRONG
    return LIKELY if p_value < DATALAB_ALPHA else NONE


def chance(p_value: float) -> str:
    """How often a random order scores as low: 'about 1 random order in 47 scores this low'."""
    return f"about 1 random order in {round(1 / p_value):,} scores this low"


def not_random(p_value: float) -> str:
    """The order's verdict where Datalab flags it: 'NOT random', or 'likely not random (about 1
    random order in 47 scores this low)' for 0.001 <= p < 0.05."""
    if order_evidence(p_value) == STRONG:
        return "NOT random"
    return f"likely not random ({chance(p_value)})"


def report_verdict(p_value: float) -> str:
    """The reports' words after 'Non-IID p-value: P'."""
    evidence = order_evidence(p_value)
    if evidence == STRONG:
        return "NOT i.i.d. (order matters: shuffle or check for drift)"
    if evidence == LIKELY:
        return (f"likely not i.i.d. (Datalab flags p < {DATALAB_ALPHA:g}; {chance(p_value)}): "
                "shuffle to be safe, or check for drift")
    return "consistent with i.i.d."
