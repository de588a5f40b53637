"""The summary's health line says how its two counts of wrong labels meet where classes overlap.

ui27b/ui28: banking77 test with 4 currency classes' labels shuffled among themselves read
'13 possible wrong labels (as many as label errors estimated) · the model cannot tell 4 classes
apart (...: see Overlapping classes)' a few lines above the note's 'cleanlab's confident joint
counts 110 of those rows as another class of the group (likely mislabelled ...)': 13 and 110 with
nothing to say how they meet. The health line now gives the group's rows, the confident joint's
count as the condition it holds under, and the label check's flags among those rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from textual.widgets import Static

from tui.app import TextauditApp

MIXED = ["card_lost", "change_pin", "check_balance"]


@pytest.fixture(scope="module")
def mixed_result(demo_csv: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo with three classes' labels shuffled among their rows (as test_tui_overlapping_classes)."""
    from engine.pipeline import AuditOptions, run_audit

    frame = pd.read_csv(demo_csv)
    rows = frame["label"].isin(MIXED).to_numpy()
    frame.loc[rows, "label"] = np.random.default_rng(0).permutation(frame.loc[rows, "label"].to_numpy())
    path = tmp_path_factory.mktemp("overlap") / "mixed.csv"
    frame.to_csv(path, index=False)
    return run_audit(path, AuditOptions(id_column="id"))


async def test_the_health_line_counts_the_group_beside_the_label_flags(mixed_result, tmp_path):
    names = list(mixed_result.dataset.class_names)
    group_rows = np.isin(mixed_result.dataset.labels, [names.index(name) for name in MIXED])
    groups = mixed_result.output.info["label"]["overlapping_class_groups"]
    mixed = sum(int(group["likely_mislabelled"]) for group in groups)
    app = TextauditApp(mixed_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        health = " ".join(str(app.screen.query_one("#health", Static).render()).split())
        flagged = int((app.view.flags["label"] & group_rows).sum())
        held = int(group_rows.sum())
        assert f"{app.view.counts['label']:,} possible wrong label" in health
        assert (f"the model cannot tell 3 classes apart ({', '.join(MIXED)}; {held:,} rows: if their labels are "
                f"mixed up, about {mixed:,} are wrong, and the label check flags {flagged:,} of the {held:,}: see "
                "Overlapping classes)") in health, health
