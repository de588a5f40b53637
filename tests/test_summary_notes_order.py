"""The summary listed the first five notes and cut the rest without a word: on most data two or
three of them are how the label scores were made ('label scores: ...'), so a note on the data or
on a check that did not run, coming after them, was never on the summary (ui23, tmux: three
stacked 'label scores' notes on the demo). Notes on the data come first now, and a last line says
how many more the report holds."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_view

METHOD = [f"label scores: method {i}" for i in range(3)]
DATA = [f"data note {i}" for i in range(4)]


def test_data_notes_first_and_the_rest_counted() -> None:
    from tui.screens.summary import summary_notes

    lines = summary_notes(METHOD + DATA)
    assert lines == [f"note: data note {i}" for i in range(4)] + [
        "note: 3 more notes in the report (all on how the label scores were made): r opens it"]
    assert summary_notes(DATA[:3]) == [f"note: {n}" for n in DATA[:3]]  # all fit, nothing held back
    assert summary_notes(DATA + ["data note 4"]) == [f"note: data note {i}" for i in range(5)]
    assert summary_notes(DATA[:1] + METHOD[:1]) == [
        "note: data note 0", "note: 1 more note in the report (on how the label scores were made): r opens it"]
    assert summary_notes(METHOD + DATA + ["data note 4", "data note 5"])[-1] == (
        "note: 5 more notes in the report (3 on how the label scores were made): r opens it")
    assert summary_notes(DATA + ["data note 4", "data note 5"])[-1] == "note: 2 more notes in the report: r opens it"


async def test_the_summary_draws_a_late_data_note(pinned_result, journal_path):
    from tui.app import TextauditApp

    view = fixed_view(pinned_result.dataset)
    view.notes = METHOD + ["label scores lean toward self-confidence", "the outlier check did not run: MemoryError",
                               "1 row has an empty or missing text"]
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        drawn = str(app.screen.query_one("#notes").render())
        assert drawn.splitlines()[0] == "note: the outlier check did not run: MemoryError", drawn
        assert drawn.splitlines()[1] == "note: 1 row has an empty or missing text", drawn
        assert drawn.splitlines()[-1] == (
            "note: 4 more notes in the report (all on how the label scores were made): r opens it"), drawn
        assert "label scores" not in drawn.replace("how the label scores were made", ""), drawn
