"""The summary's notes name the issue types as its table does: 'note: near_duplicate: 2 rows are flagged ...'
sat under a table row 'Near-duplicates' (ui38); now 'note: Near-duplicates: 2 rows are flagged ...'. The report
(r) keeps the engine's names: its own table names the types so, as --issues-out and --format json do."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_view

NOTES = [
    "near_duplicate: 2 rows are flagged for the same words as another row (case, punctuation and spacing aside)",
    "outlier: 3 of 400 rows past Datalab's cut",
    "class_imbalance, underperforming_group not checked: Datalab has no multi-label check for it",
    "label column: category (guessed; --label-column to choose)",
]


def test_the_notes_say_the_tables_names():
    from tui.screens.summary import summary_notes

    assert summary_notes(NOTES) == [
        "note: Near-duplicates: 2 rows are flagged for the same words as another row (case, punctuation and "
        "spacing aside)",
        "note: Outliers: 3 of 400 rows past Datalab's cut",
        "note: Class imbalance, Underperforming group not checked: Datalab has no multi-label check for it",
        "note: label column: category (guessed; --label-column to choose)",  # a column, not an issue type
    ]
    assert summary_notes(["something_else: kept as it is"]) == ["note: something_else: kept as it is"]


async def test_the_summary_draws_them(pinned_result, journal_path):
    from tui.app import TextauditApp

    view = fixed_view(pinned_result.dataset)
    view.notes = NOTES[:1]
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        drawn = str(app.screen.query_one("#notes").render())
        assert drawn.startswith("note: Near-duplicates: 2 rows are flagged") and "near_duplicate" not in drawn, drawn
