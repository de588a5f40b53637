"""A filter key with no value ('given:' alone) says what is wrong; 'given: card' (a space after the
colon) reads as given:card. Both said 'nothing matches the filter' (no text holds 'given:')."""

from __future__ import annotations

import pytest
from pilot_helpers import every_row, filter_rows, notices

from tui.widgets.filter_bar import parse_filter


@pytest.mark.parametrize("query, said", [
    ("given:", "filter: given: needs a label (given:LABEL)"),
    ("card g:", "filter: g: needs a label (given:LABEL)"),
    ("s:", "filter: s: needs a label (suggested:LABEL)"),
    ("re:", "filter: re: needs a pattern (re:REGEX)"),
    ("DL:", "filter: DL: needs yes or no (datalab:yes)"),
    ("given: s:pin", "filter: given: needs a label (given:LABEL)"),  # the next word is a key of its own
])
def test_a_key_without_its_value_says_so(query, said):
    spec = parse_filter(query)
    assert spec.error == said
    assert spec.empty  # nothing filtered: the list keeps its rows


def test_a_space_after_the_colon_takes_the_next_word():
    assert parse_filter("given: card refund").given == "card"
    assert parse_filter("given: card refund").words == ["refund"]
    assert parse_filter("datalab: yes").datalab is True
    assert parse_filter("re: ^how").regex.pattern == "^how"
    assert parse_filter("re:re:").regex.pattern == "re:"  # a pattern holding a colon is a pattern
    assert parse_filter("s:+").suggested == "+"


async def test_the_row_screen_says_it_and_keeps_its_rows(pinned_result, tmp_path):
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 30)) as pilot:
        rows = await every_row(pilot, "outlier")
        every = len(rows.order)
        seen = notices(app)
        await filter_rows(pilot, "given:")
        assert len(rows.order) == every, "a filter that does not parse filters nothing"
        assert "given: needs a label (given:LABEL)" in str(app.screen.query_one("#title-bar").render())
        assert any("given: needs a label" in notice for notice in seen)
        await filter_rows(pilot, "", keys=("ctrl+u",))
        name = app.view.class_names[0]
        await filter_rows(pilot, f"given: {name}")
        assert 0 < len(rows.order) < every
