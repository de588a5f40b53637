"""The filter line: an apostrophe is a letter, and a quoted key is literal text.

Seen in tmux on banking77 test (ui25): '/can't' enter said 'filter: No closing quotation' and
listed every row unfiltered, as did "I'm", "don't" and every word written with an apostrophe
(the filter split the line with shlex, which reads ' as a quote). And there was no way to look
for the text 're:' or 'given:card': quoted, "re:" still said 're: needs a pattern'. Only double
quotes group words now ("a phrase", as help and README say), a word whose key is quoted is text,
and the confusion navigator writes a name with a space as given:"card lost".
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pilot_helpers import filter_rows, open_issue
from tui_synthetic import fixed_app

from tui.screens.confusions import filter_query
from tui.screens.label_changes import LabelChange
from tui.widgets.filter_bar import parse_filter, quoted_value


@pytest.mark.parametrize(("query", "words"), [("can't", ["can't"]), ("I'm lost", ["I'm", "lost"]),
                                              ("don't 'quoted'", ["don't", "'quoted'"])])
def test_an_apostrophe_is_a_letter(query: str, words: list[str]) -> None:
    spec = parse_filter(query)
    assert spec.error is None
    assert spec.words == words


@pytest.mark.parametrize("query", ['"re:"', '"given:card"', '"datalab:yes"', '"s:"'])
def test_a_quoted_key_is_literal_text(query: str) -> None:
    spec = parse_filter(query)
    assert spec.error is None
    assert spec.words == [query.strip('"')]
    assert spec.regex is None and spec.given is None and spec.datalab is None and spec.suggested is None


def test_keys_typed_outside_quotes_still_work() -> None:
    spec = parse_filter('re:"a b" given: "card lost" refund')
    assert spec.regex.pattern == "a b"
    assert spec.given == "card lost"
    assert spec.words == ["refund"]
    assert parse_filter(r"re:^how\b").regex.pattern == r"^how\b"  # backslashes stay for the regex
    assert parse_filter('"an open quote').error == 'filter: a " starts a phrase that is not closed: add the closing " (\\" is a quote character)'
    assert parse_filter(r'say 5\" nails').words == ["say", '5"', "nails"]


@pytest.mark.parametrize("name", ["card lost", "don't", 'a "b" c', "ends\\", "two words\\", "Sci/Tech", "plain"])
def test_a_quoted_value_reads_back_as_the_name(name: str) -> None:
    assert parse_filter(quoted_value("given", name)).given == name
    names = ["other", name]
    spec = parse_filter(filter_query(SimpleNamespace(given=1, suggested=0), names))
    assert (spec.given, spec.suggested) == (name, "other")
    assert parse_filter(LabelChange("+", 1, None).query(names)).suggested == "+" + name


async def test_an_apostrophe_filters_in_the_app(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        await pilot.press("f")  # every row
        await filter_rows(pilot, "can't")
        texts = [app.view.texts[int(entry)] for entry in screen.row_list.order]
        assert texts and all("can't" in text.lower() for text in texts)
        assert not [n for n in app._notifications if n.severity == "error"]
