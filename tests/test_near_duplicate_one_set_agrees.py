"""f on the near-duplicate screen with one set, which agrees: '(1 sets agree)' now reads '(1 set agrees)'
(review30: c98a88e put the title's 'of 1 set' in the singular, not this line of the same screen)."""

from __future__ import annotations

from types import SimpleNamespace

from tui.screens.near_duplicates import NearDuplicatesScreen


def _why(n_sets: int) -> str:
    screen = SimpleNamespace(sets=[[0, 1]] * n_sets)
    request = SimpleNamespace(show_all=True, spec=SimpleNamespace(empty=True), hide_decided=False)
    return NearDuplicatesScreen.why_empty(screen, request)


def test_one_set_that_agrees_is_said_in_the_singular():
    assert _why(1) == "no set has conflicting labels (1 set agrees): f lists every set"
    assert _why(2) == "no set has conflicting labels (2 sets agree): f lists every set"
