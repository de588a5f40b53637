"""The summary's title line at 80 columns: 'textaudit · test.csv · 3,080 rows · 77 classes · journal
test.corrections.jsonl' (banking77's test split, 81 cells) was cut to 'journal test.corrections.jso…'.
Where the line would be cut, the program's name goes first; where it fits, it stays."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize(("width", "named"), [(80, False), (120, True)])
async def test_the_journal_name_is_drawn_whole(pinned_result, tmp_path, width, named):
    journal = tmp_path / "banking_test.corrections.jsonl"  # 'textaudit · ' no longer fits at 80
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#title-bar")
        drawn = bar.render_line(0).text.strip()
        assert drawn.endswith(f"journal {journal.name}"), drawn
        assert drawn.startswith("textaudit · ") is named, drawn
        if not named:
            await pilot.resize_terminal(120, 24)  # wider again: the name comes back
            await settle(pilot)
            assert bar.render_line(0).text.strip().startswith("textaudit · ")


@pytest.mark.parametrize("width", [60, 80])
async def test_a_long_journal_name_is_cut_in_its_middle(pinned_result, tmp_path, width):
    """ui25/ui26 (tmux, 'textaudit demo --multilabel' at 80x24): the title ended 'journal
    demo_multilabel.correct…', the file's kind cut away; now its middle goes and both ends stay."""
    journal = tmp_path / "demo_multilabel_with_a_longer_stem.corrections.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#title-bar")
        drawn = bar.render_line(0).text.strip()
        assert "…" in drawn and drawn.endswith(".jsonl"), drawn
        assert drawn.split(" · journal ")[1].startswith("demo_mul"), drawn
        await pilot.resize_terminal(200, 24)  # wide: whole again, with the program's name
        await settle(pilot)
        assert bar.render_line(0).text.strip().endswith(f"journal {journal.name}")


@pytest.mark.parametrize("width", [60, 80, 100])
async def test_the_journal_line_breaks_between_its_parts(pinned_result, journal_path, width):
    """ui25/ui26 (tmux, the demo at 80x24): 'Journal: 0 relabelled · ... · R re-audits, C' and
    'confusions' on the next line, a key cut from its word; now whole parts move to the next line."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        totals = app.screen.query_one("#journal-totals")
        lines = [totals.render_line(y).text.strip() for y in range(totals.size.height)]
        assert lines[0].startswith("Journal: "), lines
        assert any(line.endswith("R re-audits, C confusions") for line in lines), lines
        assert all(line.startswith(("Journal: ", "R re-audits", "0 kept", "0 excluded")) for line in lines), lines
        assert not any(line.endswith(", C") for line in lines), lines


@pytest.mark.parametrize("width", [60, 80])
async def test_a_long_data_name_at_60_columns_keeps_the_journal_readable(pinned_result, tmp_path, width):
    """ui26 (tmux, 'textaudit demo --multilabel' at 60x20): 'demo_multilabel.jsonl · 272 rows · 6
    labels · journal dem', 3 cells of the journal's name. The counts go first (the class count,
    then the rows: the health line says them); the file's name and the journal's two ends stay."""
    journal = tmp_path / "demo_multilabel.corrections.jsonl"
    from tui_synthetic import fixed_view

    from tui.app import TextauditApp

    view = fixed_view(pinned_result.dataset)
    view.source = str(tmp_path / "demo_multilabel.jsonl")
    app = TextauditApp(pinned_result, journal_path=journal, view=view)
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#title-bar")
        drawn = bar.render_line(0).text.strip()
        assert drawn.startswith("demo_multilabel.jsonl · "), drawn
        shown = drawn.split(" · journal ")[1]
        assert shown.startswith("demo_mul") and shown.endswith(".jsonl"), drawn
        if width == 80:  # room for the counts there
            assert "258 rows · 7 classes" in drawn, drawn
