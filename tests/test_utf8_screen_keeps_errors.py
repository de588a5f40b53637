"""Drawing in UTF-8 under a locale that is not keeps stderr's error handler: reconfigure(encoding=) alone set it to
'strict', so under LC_ALL=C PYTHONUTF8=0 a JSON text holding a lone surrogate ("caf\\udce9") ended the app, exit
130, as the Outliers screen drew it (ui38, tmux); under a UTF-8 locale the same screen drew it."""

from __future__ import annotations

import io
import sys

from tui.launch import utf8_screen


def test_the_error_handler_stays(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="surrogateescape")
    monkeypatch.setattr(sys, "__stderr__", stream)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    utf8_screen()
    assert stream.encoding == "utf-8" and stream.errors == "surrogateescape"
    stream.write("\u2500 caf\udce9")
    stream.flush()
    assert raw.getvalue() == "\u2500 caf".encode() + b"\xe9"
