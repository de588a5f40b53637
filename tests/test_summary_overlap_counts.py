"""The summary's health line says how its two counts of wrong labels meet where classes overlap.

ui27b/ui28: banking77 test with 4 currency classes' labels shuffled among themselves read
'13 possible wrong labels (as many as label errors estimated) · the model cannot tell 4 classes
apart (...: see Overlapping classes)' a few lines above the note's 'cleanlab's confident joint
counts 110 of those rows as another class of the group (likely mislabelled ...)': 13 and 110 with
nothing to say how they meet. The health line now gives the group's rows, the confident joint's
count as the condition it holds under, and the label check's flags among those rows.
"""

from __future__ import annotations

import numpy as np
from synthetic import MIXED
from textual.widgets import Static

from tui.app import TextauditApp


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
