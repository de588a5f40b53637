"""An audit failing in the app with the data's own words in its message (a file named with ESC[31m,
a --label-names name holding one): 'Audit failed: ...' sent the ESC to the terminal raw and the
line turned red (tmux capture-pane -e on an ag_news slice, s17 hostile). Drawn as symbols, and since 7081ea7 a
path in an error is one shell word: the file's ESC is written $'\\x1b', to paste back into a shell."""

from __future__ import annotations

from pilot_helpers import failed_audit_line


async def test_the_failure_line_draws_control_characters_as_symbols(tmp_path):
    error = await failed_audit_line(tmp_path, "b\x1b[31mad.csv")  # no text column: the load fails inside the app
    assert error.startswith("Audit failed: ")
    assert "\x1b" not in error and "b$'\\x1b''[31mad.csv'" in error
