"""Class names cut to a width stay distinct (middle cut, distinguishing end kept)."""

from __future__ import annotations

import pytest

from tui.names import NameFitter, cut_middle

NAMES = [  # banking77's longest look-alikes
    "balance_not_updated_after_bank_transfer", "balance_not_updated_after_cheque_or_cash_deposit",
    "lost_or_stolen_card", "lost_or_stolen_phone", "card_payment_fee_charged", "card_payment_not_recognised",
    "card_payment_wrong_exchange_rate", "transfer_not_received_by_recipient", "transfer_fee_charged",
    "declined_card_payment", "declined_cash_withdrawal", "declined_transfer", "pending_card_payment",
    "pending_cash_withdrawal", "pending_top_up", "pending_transfer", "top_up_by_bank_transfer_charge",
    "top_up_by_card_charge", "top_up_by_cash_or_cheque", "cash",
]


def test_cut_middle_keeps_both_ends():
    assert cut_middle("lost_or_stolen_card", 17) == "lost_or_…len_card"
    assert cut_middle("cash", 17) == "cash"
    assert cut_middle("lost_or_stolen_card", 1) == "l"


@pytest.mark.parametrize("width", [12, 14, 18, 24])
def test_cut_names_stay_distinct(width):
    fitter = NameFitter(NAMES)
    cuts = [fitter.fit(name, width) for name in NAMES]
    assert len(set(cuts)) == len(NAMES)
    assert all(len(c) <= width for c in cuts)
    assert fitter.fit("lost_or_stolen_card", width) != fitter.fit("lost_or_stolen_phone", width)


async def test_the_class_chart_lists_look_alikes_apart_at_80_columns():
    from textual.app import App, ComposeResult

    from tui.widgets.charts import BarChart

    class ChartApp(App[None]):
        def compose(self) -> ComposeResult:
            yield BarChart(NAMES, list(range(len(NAMES), 0, -1)), id="chart")

    app = ChartApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        lines = app.query_one("#chart", BarChart).render().plain.splitlines()
        names = [line[: 80 // 3].strip() for line in lines]
        assert len(lines) == len(NAMES) and len(set(names)) == len(NAMES)
        assert any("…" in name for name in names)  # they were cut, and still differ


def test_shown_name_quotes_only_names_that_would_look_like_others():
    from tui.view import quoted, shown_name

    assert [shown_name(n) for n in ("card", "card ", " card", "a\tb", "", "'x'", "it's", "café", "x\u202ey")] == [
        "card", "'card '", "' card'", "'a\\tb'", "''", "\"'x'\"", "it's", "café", "'x\\u202ey'"]
    assert shown_name("card\u00a0") != shown_name("card ") != shown_name("card")
    assert quoted("card") == "'card'" and quoted(shown_name("card ")) == "'card '"


async def test_labels_differing_by_surrounding_spaces_are_drawn_apart(tmp_path):
    """Session 8: 'card' and 'card ' were drawn alike in the chart, the picker and the row lists
    (two classes, one look). They are quoted as repr does wherever a class name is drawn
    (tui.view.shown_name), listed side by side, and the journal keeps the name itself."""
    import pandas as pd
    from pilot_helpers import every_row
    from textual.widgets import OptionList

    from engine.pipeline import AuditOptions, run_audit
    from tui.app import TextauditApp
    from tui.widgets.charts import BarChart
    from tui.widgets.detail_pane import DetailPane

    words = {"card": "debit visa", "card ": "chip pin", "cash": "atm notes"}
    labels = [list(words)[i % 3] for i in range(45)]
    texts = [f"my {words[label].split()[i % 2]} question {i}" for i, label in enumerate(labels)]
    source = tmp_path / "d.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        chart = app.screen.query_one(BarChart)
        drawn = [chart.render_line(y).text.split("█")[0].strip() for y in range(chart.size.height)]
        names = [line for line in drawn if line]
        assert names[:3] == ["card", "'card '", "cash"], drawn
        rows = await every_row(pilot, "outlier")
        row = next(i for i, label in enumerate(labels) if label == "card ")
        assert rows.move_to_row(row)
        await pilot.pause()
        listed = [rows.render_line(y).text for y in range(rows.size.height)]
        assert any("'card '" in line for line in listed) and any(" card " in line for line in listed), listed
        assert "Given:     'card '" in app.screen.query_one(DetailPane).render_row(row).plain
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt).split("  ")[0] for i in range(options.option_count)]
        assert sorted(prompts) == sorted(["card", "'card '", "cash"]), prompts
        options.highlighted = prompts.index("card")
        await pilot.press("enter")
        await pilot.pause()
    entry = [line for line in journal.read_text().splitlines() if line.strip()][-1]
    assert '"label_before":"card "' in entry and '"label_after":"card"' in entry, entry
