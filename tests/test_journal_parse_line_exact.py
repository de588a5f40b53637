"""engine.journal_format.parse_line reads every line exactly as the "utf-8-sig" codec version did.

Session 20's speed check: opening a journal of 100,200 lines (20 bulk groups on 1M rows) took 0.11 CPU s
more than in session 13, from the per-line "utf-8-sig" decode (a Python-level codec) and an any() over
a generator; parse_line now cuts the BOM itself and loops. The behaviour is unchanged by design, so these
tests pass on the old code too: they pin that no line is read differently (speed lives in bench/README.md).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.journal_format import _INT_BOUND, _INT_FIELDS, ACTIONS, HISTORY_ACTIONS, JOURNAL_FORMAT, \
    REQUIRED_FIELDS, parse_line


def reference(raw: bytes) -> dict[str, Any] | None:
    """parse_line as it was before session 20 (7fd332f)."""
    try:
        entry = json.loads(raw.decode("utf-8-sig", "surrogatepass"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(entry, dict):
        return None
    for key, kind in REQUIRED_FIELDS.items():
        value = entry.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            return None
    if entry["action"] not in ACTIONS + HISTORY_ACTIONS or entry["group_size"] < 1:
        return None
    if not isinstance(entry.get("v", JOURNAL_FORMAT), int) or not isinstance(entry.get("seq", 0), int):
        return None
    if any(isinstance(entry.get(key), int) and not -_INT_BOUND < entry[key] < _INT_BOUND for key in _INT_FIELDS):
        return None
    return entry


BOM = b"\xef\xbb\xbf"
LINE = (b'{"v":1,"seq":1,"group":1,"group_size":1,"ts":"2026-12-05T08:45:11.867Z","action":"relabel","row":3,'
        b'"id":3,"text_sha256":"ab","label_before":"a","label_after":"b","issue_type":"label"}')

EDGES = [
    LINE, BOM + LINE, BOM + BOM + LINE, b"\xef\xbb" + LINE, b"\xef" + LINE, BOM, b"\xef\xbb", b"", b" ", b"\xff",
    LINE.replace(b'"b"', '"caf\u00e9 \u2603"'.encode()),  # non-ASCII label
    LINE.replace(b'"b"', b'"\xed\xa0\x80"'),  # a lone surrogate written raw (surrogatepass reads it)
    LINE.replace(b'"b"', b'"\\ud800"'),  # ... and escaped
    LINE.replace(b'"b"', b'"\xc3"'),  # cut UTF-8
    LINE.decode().encode("utf-16"), LINE.decode().encode("utf-16-le"), LINE.decode().encode("utf-32"),
    LINE.replace(b'"row":3', b'"row":4611686018427387904'),  # 2**62: out of bounds
    LINE.replace(b'"row":3', b'"row":4611686018427387903'),  # 2**62 - 1
    LINE.replace(b'"seq":1', b'"seq":-4611686018427387904'),
    LINE.replace(b'"seq":1', b'"seq":true'), LINE.replace(b'"seq":1', b'"seq":1.0'),
    LINE.replace(b'"row":3', b'"row":true'), LINE.replace(b'"group_size":1', b'"group_size":0'),
    LINE.replace(b'"relabel"', b'"undo"'), LINE.replace(b'"relabel"', b'"frobnicate"'),
    LINE.replace(b'"v":1', b'"v":"1"'), b"[" * 100_000, b"[1, 2]", b"null", b'"text"',
]


def test_edge_lines_read_as_before():
    for raw in EDGES:
        assert parse_line(raw) == reference(raw), raw[:80]


bad_values = st.one_of(st.integers(-2**63, 2**63), st.booleans(), st.floats(allow_nan=False), st.text(max_size=3))


@settings(max_examples=300, deadline=None)
@given(broken=st.sampled_from([None, None, "seq", "row", "group", "group_size"]), bad=bad_values,
       ok=st.integers(1, 10**6), action=st.sampled_from([*ACTIONS, *HISTORY_ACTIONS, "x"]), label=st.text(),
       prefix=st.sampled_from([b"", b"", BOM, BOM + BOM, b"\xef\xbb", b" ", b"\x00"]), tail=st.binary(max_size=4))
def test_generated_lines_read_as_before(broken, bad, ok, action, label, prefix, tail):
    entry = {"v": 1, "seq": ok, "group": ok, "group_size": 1, "action": action, "row": ok, "text_sha256": "ab",
             "label_after": label}
    if broken is not None:  # one field given a value of another kind, or out of bounds
        entry[broken] = bad
    for text in (json.dumps(entry), json.dumps(entry, ensure_ascii=False)):
        try:
            body = text.encode("utf-8", "surrogatepass")
        except UnicodeEncodeError:
            continue
        for raw in (prefix + body, prefix + body + tail, body[: len(body) // 2]):
            assert parse_line(raw) == reference(raw)
