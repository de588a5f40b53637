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
    from tui.view import terminal_safe, terminal_safe_lines

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
        assert pane.render_row(37).plain.startswith("Row 37 · id 37\n\nWhich ATMs take it?\n")  # kept, not stripped
        listed = [rows.render_line(y).text for y in range(rows.size.height)]
        assert any("first line of the ticket second line third line" in line for line in listed), listed
