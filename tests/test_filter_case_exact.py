"""given:/suggested: name a class as typed first: two classes differing in case only (labels
'World' and 'world', or --label-names 1=World,2=world) were both matched by 'given:world', so
the confusion navigator's pair world -> World listed the rows of World -> world too, not exactly
the pair's (s17 hostile2). A spelling no class has exactly still matches regardless of case."""

from __future__ import annotations

from types import SimpleNamespace

from tui.screens.confusions import filter_query
from tui.widgets.filter_bar import parse_filter

NAMES = ["World", "world", "Business"]


def test_the_navigators_query_names_exactly_its_pair() -> None:
    spec = parse_filter(filter_query(SimpleNamespace(given=1, suggested=0), NAMES))
    assert spec.label_set(spec.given, NAMES).tolist() == [1]
    assert spec.label_set(spec.suggested, NAMES).tolist() == [0]


def test_a_spelling_no_class_has_exactly_ignores_case() -> None:
    spec = parse_filter("given:WORLD suggested:business")
    assert spec.label_set(spec.given, NAMES).tolist() == [0, 1]
    assert spec.label_set(spec.suggested, NAMES).tolist() == [2]
    assert spec.label_set("orl", NAMES).tolist() == [0, 1]  # a fragment: every name holding it
