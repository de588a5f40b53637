"""The near-duplicate title's shorter words hold for one set too (review30).

c98a88e says 'of 1 set' in the singular; title_fit's '(conflicts only)' -> '(! only)' and its last shortening
'N of M sets (! only)' -> 'N/M sets (!)' matched 'sets' alone, so with f on a file of one near-duplicate set the
long '(conflicts only)' stayed and 'decided 0/2' gave way instead (56 columns: 'Near-duplicates · 1 set
(conflicts only) · …')."""

from __future__ import annotations

from tui.title_fit import fit_title


def test_one_set_takes_the_short_words_as_many_do():
    parts = ["Near-duplicates", "1 of 1 set (conflicts only)", "decided 0/2 rows", "1 conflicting (!)"]
    assert fit_title(parts, 56) == "Near-duplicates · 1 set (! only) · decided 0/2 · …"
    assert fit_title(parts, 90) == " · ".join(parts)  # room: the long words


def test_one_set_takes_the_last_shortening_where_it_saves_a_part():
    parts = ["Near-duplicates", "0 of 1 set (conflicts only)", "decided 0/2 rows", "sorting…"]
    assert fit_title(parts, 60) == "Near-duplicates · 0/1 set (!) · decided 0/2 · sorting…"
