"""The underperforming-group line counts its clusters as every other count: '4,943 clusters'.

Seen in tmux on a 220,000-row CSV: '11 rows sit in a cluster where the model does clearly worse
than on the rest among 4943 clusters.' beside '11 of 11 flagged' and 'decided 0/11'.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from textual.widgets import Static
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_the_cluster_count_has_separators(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    view.info["underperforming_group"] = {"clustering": {"stats": {"n_clusters": 4943}}}
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_issue(pilot, "underperforming_group")
        line = str(screen.query_one("#verdict", Static).render())
        assert "among 4,943 clusters" in line, line
