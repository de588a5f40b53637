"""Datalab's non-IID p-value in words as strong as its evidence: the summary, the Non-IID screen
and the text and Markdown reports say the same.

Datalab flags the order at p < 0.05 (``NonIIDIssueManager.significance_threshold``), and that
flag is kept (the issue count, ``get_info("non_iid")["p-value"]``). But 1 file in 20 in random
order gets p < 0.05: on a 220,000-row CSV in random order p = 0.0215 read 'the row order is NOT
random: similar texts sit together ... shuffle before splitting'. So only p < 0.001 says NOT
random; between, 'likely not random' with how often a random order scores as low.

That p-value is a Gaussian KDE over only 25 random orders (Datalab's ``num_permutations``): past the
last of them it is an extrapolation, and a random order lies past all 25 one time in 26. Files in
random order got p < 0.001 7-17 times as often as 1 in 1,000 (random orders of the kNN graphs of
banking77 test, ag_news test, 1,500 and 20,000 random vectors: 0.7%, 1.3%, 1.7%, 1.0% of 600, 300,
600, 300; down to p = 5e-14), and banking77 test shuffled by pandas' ``sample(frac=1,
random_state=104)`` read 'NOT i.i.d.' at p = 0.00054. So NOT random also needs the order's statistic
``STRONG_Z`` standard deviations of the 25 random orders' statistics past their mean
(``permutation_z``, recorded by the audit's non-IID check). Those 1,800 random orders reached 5.8
(the statistic is a maximum, so its tail is long: 10 leaves room), orders with real drift 80-360
(banking77 test sorted by label or by text length, ag_news test as published and sorted by label).
Below it, 'likely not random', and the chance said is never rarer than 1 in 26.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.wording import counted

if TYPE_CHECKING:
    import numpy as np

    from engine.label_order import LabelOrder

DATALAB_ALPHA = 0.05  # Datalab's threshold (NonIIDIssueManager.significance_threshold)
STRONG_P = 0.001  # below it the words say NOT random
STRONG_Z = 10.0  # and the order's statistic this many SDs past the random orders' (None: not recorded)
PERMUTATIONS = 25  # the random orders Datalab's test draws (NonIIDIssueManager.num_permutations)
_Z_CAP = 1e12  # permutation_z where the random orders all scored the same and the order beyond them

#: part of the audit cache keys where non_iid runs: 1, the check's info holds permutation_z (an audit
#: cached before it had none, and its words fell back to the p-value alone); 2, rows with no direction (all-zero
#: vectors) get random neighbours in the test; 3, those neighbours are the graph's own (engine/neighbours.untie_blind
#: draws them for every graph since 721e76b), no longer drawn a second time by the check; 4, a row with more than k
#: exact copies gets k of them drawn at random in the test (non_iid_ties.untie_duplicates), not the first by index
ORDER_VERSION = 4

STRONG, LIKELY, NONE = "strong", "likely", "none"


def permutation_z(observed: float, permuted: np.ndarray) -> float:
    """How many standard deviations of the random orders' statistics ``permuted`` the order's
    ``observed`` one lies past their mean (finite: JSON-safe). numpy is imported here: the warm
    report path (engine/report_render.py) imports this module and must not load it."""
    import numpy as np

    permuted = np.asarray(permuted, dtype=np.float64)
    spread = float(permuted.std(ddof=1)) if len(permuted) > 1 else 0.0
    gap = float(observed) - float(permuted.mean())
    if spread > 0:
        return float(np.clip(gap / spread, -_Z_CAP, _Z_CAP))
    return _Z_CAP if gap > 0 else 0.0


def recorded_z(info: dict) -> float | None:
    """The ``permutation_z`` an audit's info holds for its non-IID check (None: not recorded)."""
    value = (info.get("non_iid") or {}).get("permutation_z")
    return None if value is None else float(value)


def order_evidence(p_value: float, z: float | None = None) -> str:
    """``STRONG`` (p < 0.001, and ``z`` >= STRONG_Z where recorded), ``LIKELY`` (Datalab flags it:
    p < 0.05) or ``NONE``."""
    if p_value < STRONG_P and (z is None or z >= STRONG_Z):
        return STRONG
    return LIKELY if p_value < DATALAB_ALPHA else NONE


def chance(p_value: float, z: float | None = None) -> str:
    """How often a random order scores as low: 'about 1 random order in 47 scores this low'. With
    ``z`` recorded and short of STRONG_Z, never rarer than lying past all the random orders drawn
    (1 in 26): below that the p-value is the KDE's extrapolation (random orders got p < 0.01 1 time
    in 52, p < 0.002 1 in 100, p < 0.001 1 in 109)."""
    if z is not None and order_evidence(p_value, z) != STRONG:
        p_value = max(p_value, 1 / (PERMUTATIONS + 1))
    return f"about 1 random order in {round(1 / p_value):,} scores this low"


def not_random(p_value: float, z: float | None = None) -> str:
    """The order's verdict where Datalab flags it: 'NOT random', or 'likely not random (about 1
    random order in 47 scores this low)' for 0.001 <= p < 0.05 (or below, with z under STRONG_Z)."""
    if order_evidence(p_value, z) == STRONG:
        return "NOT random"
    return f"likely not random ({chance(p_value, z)})"


def report_verdict(p_value: float, z: float | None = None, order: LabelOrder | None = None) -> str:
    """The reports' words after 'Non-IID p-value: P'. Labels that run together (``order``, z >= 4:
    engine/label_order.py) say NOT i.i.d. and where, whatever the p-value: Datalab's test, on the
    texts' neighbours, read p = 0.45 on banking77 test shuffled with its last 15% sorted by label."""
    evidence = order_evidence(p_value, z)
    if order is not None and order.alternating:  # the runs test's other side (hostile41)
        texts = ("similar texts sit together, and " if evidence == STRONG else
                 f"similar texts seem to sit together ({chance(p_value, z)}), and " if evidence != NONE else "")
        return (f"NOT i.i.d.: {texts}{order.alternate()}, z = {order.z:.1f} over the file: interleaved by label; "
                "shuffle before splitting or batching by position")
    if order is not None and (order.grouped or order.partly_grouped):
        runs = (f"the rows are grouped by label ({counted(order.changes, 'label change')} between consecutive rows; "
                f"a random order gives about {order.expected:,.0f})" if order.grouped else order.run_together())
        texts = ("" if evidence == STRONG
                 else " (Datalab's p-value is on the texts' neighbours; this is on the labels)")
        if order.partly_grouped and evidence != NONE:  # as the summary: the texts' evidence, then the labels'
            runs = ("similar texts sit together, and " if evidence == STRONG
                    else f"similar texts seem to sit together ({chance(p_value, z)}), and ") + runs
        return (f"NOT i.i.d.: {runs}, z = {order.z:.1f} over the file{texts}: shuffle before splitting, "
                "or check for drift")
    if evidence == STRONG:
        return "NOT i.i.d. (order matters: shuffle or check for drift)"
    if evidence == LIKELY:
        return (f"likely not i.i.d. (Datalab flags p < {DATALAB_ALPHA:g}; {chance(p_value, z)}): "
                "shuffle to be safe, or check for drift")
    return "consistent with i.i.d."
