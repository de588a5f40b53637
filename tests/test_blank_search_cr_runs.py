"""The quick blank-line search on a long run of CRs before an LF. 526ce66's CR pattern
``\\r(?:[ \\t]+[\\r\\n]|\\r+(?![\\r\\n]))`` was tried at every CR of the run and each try scanned the rest of
it: quadratic (40,000 CRs before an LF: 9 s; every CSV/TSV load runs this search). It now starts only at
a run's first CR (a blank line inside a run is found from there, tests/test_blank_search.py checks the
answers on every short string) and so reads each run once."""

from __future__ import annotations

from engine import blank_search


def test_the_cr_pattern_starts_only_at_a_runs_first_cr() -> None:
    after_cr = blank_search._TEXT[1]
    assert after_cr.match("a\r\r\r\rb", 1) is not None  # the run's first CR: a blank line (lone CRs)
    assert after_cr.match("a\r\r\r\rb", 2) is None  # inside the run: no new start (it rescanned the run)
    assert blank_search._BYTES[1].match(b"a\r\r\r\rb", 3) is None


def test_a_long_run_of_crs_before_an_lf_is_no_blank_line() -> None:
    text = "text,label\nhello,a" + "\r" * 20_000 + "\nbye,b\n"  # one line break (CRs, then the LF)
    assert not blank_search.has_blank_line(text)
    assert not blank_search.has_blank_line(text.encode())
    assert blank_search.has_blank_line(text.replace("\r\n", "\rx\n"))  # CRs alone: lone-CR blank lines
