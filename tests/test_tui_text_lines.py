"""How texts are drawn: the detail pane keeps a text's line breaks (a ticket of several lines, an
ag_news title + description) where it drew them all on one line; the row list still draws one line."""

from __future__ import annotations

import pandas as pd
from pilot_helpers import every_row

from engine.pipeline import AuditOptions, run_audit
from tui.app import TextauditApp
from tui.widgets.detail_pane import DetailPane

MULTI = "first line of the ticket\nsecond line\r\nthird line\rfourth line\u2028fifth \x1b[31mred"


def test_terminal_safe_lines_keeps_line_breaks_and_pictures_controls():
    from tui.terminal_text import terminal_safe, terminal_safe_lines

    assert terminal_safe_lines("a\nb\r\nc\rd\u2028e\u2029f\x85g") == "a\nb\nc\nd\ne\nf\ng"
    assert terminal_safe_lines("esc \x1b[2J\tbell\x07") == "esc ␛[2J bell␇"
    assert terminal_safe("a\u2028b\u2029c\x85d\r\ne") == "a b c d e"  # one-line views: a space, never nothing


async def test_detail_pane_draws_a_multiline_text_on_its_lines(tmp_path):
    texts = [f"{['apple pie', 'bread roll', 'cheese board'][i % 3]} order {i}" for i in range(36)]
    texts += [MULTI, "\nWhich ATMs take it?"]  # banking77 test: that text and its near-duplicate without the break
    labels = [["a", "b", "c"][i % 3] for i in range(38)]
    frame = pd.DataFrame({"text": texts, "label": labels})
    result = run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 36)) as pilot:
        rows = await every_row(pilot, "outlier")
        assert rows.move_to_row(36)
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.row == 36
        plain = pane.render_row(36).plain
        for line in ("first line of the ticket", "second line", "third line", "fourth line", "fifth ␛[31mred"):
            assert f"\n{line}\n" in plain, plain
        assert "\x1b" not in plain and "\r" not in plain
        body = pane.query_one("#detail-body")
        drawn = [body.render_line(y).text.strip() for y in range(body.size.height)]
        assert "second line" in drawn and "third line" in drawn, drawn  # on lines of their own, as drawn
        assert pane.render_row(37).plain.startswith("Row 37\n\nWhich ATMs take it?\n")  # kept, not stripped
        listed = [rows.render_line(y).text for y in range(rows.size.height)]
        assert any("first line of the ticket second line third line" in line for line in listed), listed


def test_bidi_overrides_are_named_not_sent():
    """Session 8: U+202E and its kin went to the terminal raw; a bidi-aware terminal reorders the
    rest of the line with them (the label columns after a text). The marks RLM/LRM stay."""
    from tui.terminal_text import terminal_safe, terminal_safe_lines

    assert terminal_safe("pay \u202eevil\u202c now \u2067x\u2069") == "pay ⟨RLO⟩evil⟨PDF⟩ now ⟨RLI⟩x⟨PDI⟩"
    assert terminal_safe_lines("a\u202db\nc\u202a\u202b\u2066\u2068") == "a⟨LRO⟩b\nc⟨LRE⟩⟨RLE⟩⟨LRI⟩⟨FSI⟩"
    assert terminal_safe("שלום \u200f עולם") == "שלום \u200f עולם"  # RLM: part of right-to-left text


async def test_bidi_overrides_are_neutralised_on_screen_but_exported_as_they_are(tmp_path):
    """The row list, the detail pane, the ids and the class names draw no bidi control; the
    journal and the export keep every byte."""
    from textual.widgets import OptionList

    from engine.export import export_corrected

    evil = "\u202e"
    texts = [f"{['apple pie', 'bread roll', 'cheese board'][i % 3]} order {i}" for i in range(36)]
    texts[4] = f"refund {evil}gnp.exe{evil} now"
    labels = [["a", "b", f"c{evil}x"][i % 3] for i in range(36)]
    source = tmp_path / "d.csv"
    pd.DataFrame({"id": [f"r{i}" if i != 4 else f"r{evil}4" for i in range(36)], "text": texts,
                  "label": labels}).to_csv(source, index=False)
    result = run_audit(source, AuditOptions(model="tfidf", folds=3, id_column="id",
                                            cache_root=str(tmp_path / "cache")))
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal)
    async with app.run_test(size=(110, 36)) as pilot:
        rows = await every_row(pilot, "outlier")
        assert rows.move_to_row(4)
        await pilot.pause()
        listed = [rows.render_line(y).text for y in range(rows.size.height)]
        assert any("refund ⟨RLO⟩gnp.exe⟨RLO⟩ now" in line for line in listed), listed
        assert not any(evil in line for line in listed)
        pane = app.screen.query_one(DetailPane)
        plain = pane.render_row(4).plain
        assert "r⟨RLO⟩4" in plain and "refund ⟨RLO⟩gnp.exe⟨RLO⟩ now" in plain and evil not in plain
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any(evil in prompt for prompt in prompts), prompts
        chosen = next(i for i, prompt in enumerate(prompts) if prompt.startswith("'c⟨RLO⟩x'"))  # as texts draw it
        options.highlighted = chosen
        await pilot.press("enter")
        await pilot.pause()
    entry = [line for line in journal.read_text().splitlines() if line.strip()][-1]
    assert '"label_after":"c\\u202ex"' in entry or f'"label_after":"c{evil}x"' in entry, entry
    out = tmp_path / "out.csv"
    export_corrected(result.dataset, journal, out)
    before, after = source.read_text().splitlines(), out.read_text().splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [5]  # row 4 (after the header)
    assert after[5] == f"r{evil}4,refund {evil}gnp.exe{evil} now,c{evil}x"


async def test_a_long_run_of_line_breaks_is_one_line_and_the_words_after_it_are_drawn(tmp_path):
    """A text of 50,000 line feeds then words: the row list drew a blank cell and the detail pane
    20,000 blank lines (its cut) and never the words. A run of 5+ breaks is one line saying how
    many; shorter runs (paragraphs) are drawn as they are."""
    texts = [f"{['apple pie', 'bread roll', 'cheese board'][i % 3]} order {i}" for i in range(36)]
    texts += ["\n" * 50_000 + "end of newlines", "para one\n\n\npara two" + "\r\n \r\n" * 4 + "tail"]
    labels = [["a", "b", "c"][i % 3] for i in range(38)]
    result = run_audit(pd.DataFrame({"text": texts, "label": labels}),
                       AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 36)) as pilot:
        rows = await every_row(pilot, "outlier")
        assert rows.move_to_row(36)
        await pilot.pause()
        listed = [rows.render_line(y).text for y in range(rows.size.height)]
        assert any(line[2:].lstrip().startswith("end of newlines") for line in listed), listed
        pane = app.screen.query_one(DetailPane)
        assert pane.render_row(36).plain.startswith("Row 36\n⋮ 50,000 line breaks\nend of newlines\n")
        assert "para one\n\n\npara two\n⋮ 8 line breaks\ntail\n" in pane.render_row(37).plain
        body = pane.query_one("#detail-body")
        drawn = [body.render_line(y).text.strip() for y in range(body.size.height)]
        assert "end of newlines" in drawn, drawn
