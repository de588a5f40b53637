"""A regex nested past Python's stack in the filter (typed, pasted, or kept in ui-state.json since 9a9bcc5) is a bad
regex said on the filter line, not a crash: the regex module's parser recursed into RecursionError, which
parse_filter let through (diff43: 're:' and 450 '(' ... ')' raised from parse_filter, the app's handler with it)."""

from __future__ import annotations

import pytest

from tui.widgets.filter_bar import parse_filter


@pytest.mark.parametrize("pattern", ["(" * 450 + "x" + ")" * 450, "(" * 900, "[" * 2 + "(" * 600],
                         ids=["balanced", "open", "in-a-class"])
def test_a_regex_nested_too_deep_is_a_bad_regex(pattern: str) -> None:
    spec = parse_filter("re:" + pattern)
    assert spec.regex is None and spec.error is not None
    assert spec.error.startswith("filter: bad regex") and "\n" not in spec.error


def test_a_regex_nested_a_little_still_works() -> None:
    spec = parse_filter("re:" + "(" * 20 + "card" + ")" * 20)
    assert spec.error is None and spec.regex is not None and spec.regex.search("my card")
