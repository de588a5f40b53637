"""``serve --public-url`` refuses what yarl parses but no browser opens as printed (tui/serve._public_url): a
host with a space, a path with one, a tab (yarl drops it from the host the guard allows, the printed URL kept
it), a user and password (printed beside the token) and port 0; each was served with a URL nobody could open
(review36)."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from tui.serve import _public_url


@pytest.mark.parametrize("value", ["http://x y/", "http://host/a b", "http://ho\tst/", "http://user:pw@host/",
                                   "http://host:0"])
def test_unopenable_public_urls_are_refused(value: str) -> None:
    with pytest.raises(UsageError, match="no spaces, user or password"):
        _public_url(value)


@pytest.mark.parametrize(("value", "kept"), [
    ("https://example.org/textaudit/", "https://example.org/textaudit"), ("http://[::1]:8000", "http://[::1]:8000"),
    ("https://bücher.de/ta", "https://bücher.de/ta"), ("http://web_1:8000", "http://web_1:8000"),
    ("http://host/%7Eme", "http://host/%7Eme")])
def test_usual_public_urls_are_kept(value: str, kept: str) -> None:
    assert _public_url(value) == kept


@pytest.mark.parametrize("value", ["http://host/ta?", "http://host/ta#", "http://host/ta?x=1"])
def test_an_empty_query_or_fragment_is_refused(value: str) -> None:
    """'http://host/ta?' or '#' (empty to yarl) printed 'http://host/ta#/?token=...': the token in a fragment the
    browser never sends, the page's assets under 'ta#/static/' (review diff36)."""
    with pytest.raises(UsageError, match="expected http"):
        _public_url(value)
