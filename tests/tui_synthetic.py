"""A fixed, synthetic audit view of the demo dataset for the TUI snapshots.

Every number here is a plain function of the row index (scores are multiples of 1/64, so their
sums and means are exact), never a model's output: the snapshots draw the same screen on every
CPU, with or without bf16, whatever model or classifier the audit uses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from pilot_helpers import open_issue, settle

from tui.duplicate_sets import near_duplicate_sets
from tui.terminal_text import terminal_safe
from tui.view import AuditView

ISSUE_TYPES = ("null", "label", "outlier", "near_duplicate", "non_iid", "class_imbalance", "underperforming_group")


def fixed_result(demo_csv) -> SimpleNamespace:
    """What the app needs of a result besides the view: the loaded dataset (journal, export)."""
    from engine.load import load_dataset

    return SimpleNamespace(dataset=load_dataset(demo_csv, id_column="id"))


def fixed_app(result, journal_path: Path, name: Callable[[int], str] | None = None):
    """The app on ``result`` (the pinned demo audit) drawing ``fixed_view``'s flags and scores;
    ``name``: each class's name by its index (long names for width tests), the shown names follow."""
    from tui.app import TextauditApp

    view = fixed_view(result.dataset)
    if name is not None:
        view.class_names = [name(i) for i in range(len(view.class_names))]
        view.__post_init__()  # shown names from the new names
    return TextauditApp(result, journal_path=journal_path, view=view)


def fixed_view(dataset) -> AuditView:
    """Flags, scores, predictions and neighbours chosen by row index, not computed."""
    n, k = len(dataset), dataset.n_classes
    rows = np.arange(n)
    given = np.asarray(dataset.labels, dtype=np.int32)
    texts = np.empty(n, dtype=object)
    texts[:] = [terminal_safe(t) for t in dataset.texts]
    ids = np.empty(n, dtype=object)
    ids[:] = [terminal_safe(v) for v in dataset.ids]

    wrong = (rows % 17 == 5)  # 15 rows whose suggestion differs from the given label
    predicted = np.where(wrong, (given + 1 + rows % 3) % k, given).astype(np.int32)
    pred_probs = np.full((n, k), 1 / 32, dtype=np.float32)
    pred_probs[rows, predicted] = 1 - (k - 1) / 32 - 1 / 8
    pred_probs[rows, (predicted + 1) % k] += 1 / 8

    def score(offset: int) -> np.ndarray:
        return ((rows * 37 + offset) % 64 + 1) / 64.0  # 1/64 .. 1, exact in binary

    flags = {
        "null": np.array([not str(t).strip() for t in dataset.texts]),
        "label": wrong,
        "outlier": rows % 43 == 7,
        "non_iid": rows == 0,
        "class_imbalance": given == np.argmin(np.bincount(given, minlength=k)),
        "underperforming_group": np.zeros(n, dtype=bool),
    }
    scores = {name: score(i * 11) for i, name in enumerate(ISSUE_TYPES)}
    for name, flag in flags.items():
        scores[name] = np.where(flag, scores[name] / 8, scores[name])  # flagged rows score low
    scores["non_iid"] = ((rows * 8) // n + 1) / 16.0  # a plain ramp over the file

    # near-duplicates: four pairs of consecutive rows
    members = np.empty(n, dtype=object)
    members[:] = [None] * n
    near = np.zeros(n, dtype=bool)
    for first in (20, 60, 100, 140):
        members[first], members[first + 1] = [first + 1], [first]
        near[[first, first + 1]] = True
    flags["near_duplicate"] = near
    scores["near_duplicate"] = np.where(near, scores["near_duplicate"] / 8, scores["near_duplicate"])

    neighbours = np.stack([(rows + 1) % n, (rows + 2) % n, (rows + 3) % n], axis=1)
    distances = np.tile(np.array([1 / 8, 1 / 4, 3 / 8]), (n, 1))
    distances[flags["outlier"]] += 1 / 2

    counts = {name: int(flags[name].sum()) for name in ISSUE_TYPES}
    view = AuditView(
        source=str(dataset.source), texts=texts, ids=ids, given=given, predicted=predicted,
        class_names=[str(c) for c in dataset.class_names], pred_probs=pred_probs, issue_types=ISSUE_TYPES,
        counts=counts, flags=flags, scores=scores, neighbour_indices=neighbours, neighbour_distances=distances,
        info={"class_imbalance": {"threshold": 0.1}}, report="Here is a fixed report of a synthetic audit.\n",
        p_value=1e-6, notes=["a fixed note of the synthetic view"], id_column=dataset.id_column,
    )
    view.datalab_label_flags = rows % 34 == 5  # Datalab's own flag: half of textaudit's, plus none else
    view.datalab_label_scores = scores["label"]
    view.label_method = "noise-aware posterior"
    view.duplicate_sets = near_duplicate_sets(near, members, given, scores["near_duplicate"])
    view.near_duplicate_members = members
    return view


@asynccontextmanager
async def outlier_detail(result, journal_path: Path) -> AsyncIterator:
    """The fixed app on ``result`` (fixed_app) at 120x40, its Outliers open: yields (the app's view,
    the row under the cursor, the detail pane)."""
    app = fixed_app(result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "outlier")
        yield app.view, int(screen.row_list.current_row), screen.query_one("#detail")


async def non_iid_words(result, tmp_path: Path, order, p_value: float, size: tuple[int, int] = (80, 24)
                        ) -> tuple[str, str, str]:
    """The app on ``result`` with fixed_view's flags, its p-value ``p_value`` and its labels' order
    ``order`` (engine.label_order's, or a function of the view's given labels that makes one): (the summary's
    non-IID verdict, the Non-IID screen's verdict, the screen's why), as drawn."""
    from textual.widgets import Static

    from tui.app import TextauditApp
    from tui.screens.non_iid import NonIidScreen

    view = fixed_view(result.dataset)
    view.p_value = p_value
    view.label_order = order(view.given) if callable(order) else order
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#non-iid-verdict", Static).render())
        app.push_screen(NonIidScreen(app.view))
        await settle(pilot)
        verdict = str(app.screen.query_one("#non-iid-verdict", Static).render())
        why = str(app.screen.query_one("#non-iid-why", Static).render())
    return summary, verdict, why


def shuffled_order(given):
    """The labels' order (engine.label_order) of ``given`` shuffled (seed 0): the demo's file is sorted by label."""
    from engine.label_order import label_order

    return label_order(np.random.default_rng(0).permutation(given))
