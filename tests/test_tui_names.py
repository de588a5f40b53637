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


def test_drawn_name_quotes_only_names_that_would_look_like_others():
    from tui.names import drawn_name
    from tui.terminal_text import quoted

    assert [drawn_name(n) for n in ("card", "card ", " card", "a\tb", "", "'x'", "it's", "café", "x\u202ey")] == [
        "card", "'card '", "' card'", "'a\\tb'", "''", "\"'x'\"", "it's", "café", "'x⟨RLO⟩y'"]
    assert drawn_name("card\u00a0") != drawn_name("card ") != drawn_name("card")
    assert quoted("card") == "'card'" and quoted(drawn_name("card ")) == "'card '"


def test_drawn_name_draws_every_script_and_emoji_as_itself():
    """Session 9 drew a Persian name spelled with a zero-width non-joiner as 'می\\u200cخواهم' and an
    emoji family (zero-width joiners) as '👨\\u200d👩\\u200d👧 family' (repr escapes every
    non-printable character). Joiners between visible characters are part of the name; at an
    edge, or any other invisible character, still gets the name quoted."""
    from tui.names import drawn_name

    plain = ["حساب", "💳 card", "日本語", "می\u200cخواهم", "a\\b"]
    assert [drawn_name(name) for name in plain] == plain
    # drawn without the characters Rich and terminals measure differently (test_drawn_name_cell_widths, hostile41)
    assert [drawn_name(n) for n in ("👨\u200d👩\u200d👧 family", "❤\ufe0f", "क्\u200dष")] == ["👨👩👧 family", "❤", "क्ष"]
    assert drawn_name("\u200dcard") == "'\\u200dcard'" and drawn_name("card\u200c") == "'card\\u200c'"
    assert drawn_name("card\u200b") == "'card\\u200b'"  # a zero-width space: looks like 'card'
    assert drawn_name("x\u200d y") == "'x\\u200d y'"  # a joiner beside a space joins nothing
    assert drawn_name("\u05e9\u202eabc") == "'\u05e9⟨RLO⟩abc'"
    assert drawn_name("حساب ") == "'حساب '"  # surrounding whitespace: quoted, the letters as they are
    # a decomposed spelling draws like the composed one: it is quoted, its combining mark escaped;
    # combining marks of composed text (Hindi, Arabic vowel signs) are letters as any other
    assert drawn_name("caf\u00e9") == "café" and drawn_name("cafe\u0301") == "'cafe\\u0301'"
    assert drawn_name("हिन्दी") == "हिन्दी" and drawn_name("كَتَبَ") == "كَتَبَ"


async def test_labels_differing_by_surrounding_spaces_are_drawn_apart(tmp_path):
    """Session 8: 'card' and 'card ' were drawn alike in the chart, the picker and the row lists
    (two classes, one look). They are quoted as repr does wherever a class name is drawn
    (tui.names.drawn_name), listed side by side, and the journal keeps the name itself."""
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


UNICODE_WORDS = {"حساب": "hesab account", "💳 card": "debit visa", "日本語": "nihongo kana",
                 "می\u200cخواهم": "khaham want", "👨\u200d👩\u200d👧 family": "kids home", "'pin'": "secret digits"}


async def test_unicode_names_are_drawn_as_written_filtered_and_exported_raw(tmp_path):
    """Persian (with its ZWNJ), Arabic, CJK and emoji class names are drawn as themselves in the
    chart, the row list, the detail pane and the picker (no '\\u' anywhere); the model keeps the
    raw names (AuditView.class_names), so the filter 'given:' finds a name as the data spells it
    (old code: the view held 'می\\u200cخواهم' with a backslash, and the filter matched nothing);
    a relabel to a quoted-looking name ("'pin'") goes to the journal and the export byte for byte:
    the exported file equals the input with that one cell changed."""
    import pandas as pd
    from pilot_helpers import every_row, journal_lines, list_ready, open_filter, wait_until
    from textual import events
    from textual.widgets import Input, OptionList

    from engine.pipeline import AuditOptions, run_audit
    from tui.app import TextauditApp
    from tui.widgets.charts import BarChart
    from tui.widgets.detail_pane import DetailPane

    names = list(UNICODE_WORDS)
    labels = [names[i % len(names)] for i in range(60)]
    texts = [f"my {UNICODE_WORDS[label].split()[i % 2]} question {i}" for i, label in enumerate(labels)]
    source = tmp_path / "d.csv"
    frame = pd.DataFrame({"text": texts, "label": labels})
    frame.to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal)
    persian = "می\u200cخواهم"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        chart = app.screen.query_one(BarChart)
        drawn = "\n".join(chart.render_line(y).text for y in range(chart.size.height))
        assert all(name.replace("\u200d", "") in drawn for name in names if name != "'pin'") and "\"'pin'\"" in drawn, drawn
        assert "\\u" not in drawn, drawn
        rows = await every_row(pilot, "outlier")
        await open_filter(pilot)  # typed, ZWNJ included (Textual's Input dropped it: not printable)
        for char in f"given:{persian}":
            app.post_message(events.Key("zwnj" if char == "\u200c" else char, char))
        await pilot.press("enter")
        screen = app.screen
        await wait_until(pilot, lambda: screen.filter_query == f"given:{persian}" and list_ready(app), "the filter")
        shown = rows.order.tolist()
        assert shown and sorted(shown) == [i for i, label in enumerate(labels) if label == persian]
        listed = "\n".join(rows.render_line(y).text for y in range(rows.size.height))
        assert persian in listed and "\\u" not in listed, listed
        row = shown[0]
        detail = app.screen.query_one(DetailPane).render_row(row).plain
        assert f"Given:     {persian}" in detail and "\\u" not in detail, detail
        await pilot.press("l")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "picker-query", "the picker")
        picker = app.screen
        for char in persian:  # the picker takes the typed ZWNJ too: the Persian name is the hit
            app.post_message(events.Key("zwnj" if char == "\u200c" else char, char))
        await wait_until(pilot, lambda: picker.query_one("#picker-query", Input).value == persian, "the typed name")
        hit = picker.query_one("#picker-options", OptionList).get_option_at_index(0)
        assert str(hit.prompt).startswith(persian), hit.prompt
        picker.query_one("#picker-query", Input).value = ""
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt).split("  ")[0] for i in range(options.option_count)]
        assert sorted(prompts) == sorted(n.replace("\u200d", "") if n != "'pin'" else "\"'pin'\"" for n in names), prompts
        options.highlighted = prompts.index("\"'pin'\"")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the relabel in the journal")
        out = tmp_path / "out.csv"
        await pilot.press("e")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "export-path", "the export dialog")
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await wait_until(pilot, lambda: out.exists(), "the export")
        assert sorted(app.view.class_names) == sorted(names)  # raw, not drawn
    line = journal_lines(journal)[0]
    assert (line["label_before"], line["label_after"]) == (persian, "'pin'"), line
    expected = frame.copy()
    expected.loc[row, "label"] = "'pin'"
    expected.to_csv(tmp_path / "expected.csv", index=False)
    assert out.read_bytes() == (tmp_path / "expected.csv").read_bytes()
