"""Off the label screen, the model's-class column is headed 'Top class', not 'Suggested'.

Seen in tmux on the demo: the empty-text screen listed the row under 'Suggested: card_lost' while
the detail pane beside it said 'Suggested: none: no label issue here (the model's top class is
card_lost)', and a answered 'nothing to accept'. The class-imbalance screen did the same.
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue
from tui_synthetic import fixed_app


@pytest.mark.parametrize(("issue", "title"), [("label", "Suggested"), ("null", "Top class"),
                                              ("class_imbalance", "Top class")])
async def test_the_column_title_says_what_it_holds(pinned_result, journal_path, issue, title):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, issue)
        header = screen.row_list.render_line(0).text
    assert title in header, header
    assert ("Suggested" in header) == (issue == "label"), header
