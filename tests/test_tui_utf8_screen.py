"""The TUI draws in UTF-8 under any locale: under ``LANG=en_US`` (Latin-1 to glibc) or the C
locale with ``PYTHONUTF8=0`` every rule, arrow and ``·`` reached the terminal as ``\\u2500``."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import SimpleNamespace

import tui.app
from tui import launch

DRAWN = "─ → ▶ · ▆ ✗"


class _DrawingApp:
    """Stands in for TextauditApp: draws a few of its characters where Textual draws them."""

    def __init__(self, **kwargs) -> None:
        self.book = None
        self.audit_error = None
        self.return_code = 0
        self.stages_done, self.cancelled_kept, self.options = [], 0, SimpleNamespace(use_cache=True)
        self.driver_class = None  # run_app swaps in its terminal driver (tests/test_terminal_size.py)

    def run(self) -> None:
        sys.__stderr__.write(DRAWN)
        sys.__stderr__.flush()


def _run_under(monkeypatch, encoding: str) -> bytes:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace")
    monkeypatch.setattr(sys, "__stderr__", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    monkeypatch.setattr(tui.app, "TextauditApp", _DrawingApp)
    assert launch.run_app("d.csv", options=None, journal_path=Path("d.corrections.jsonl")) == 0
    stream.flush()
    return raw.getvalue()


def test_a_latin1_locale_draws_the_screen_in_utf8(monkeypatch):
    drawn = _run_under(monkeypatch, "latin-1")
    assert drawn.startswith(DRAWN.encode("utf-8")), drawn[:60]


def test_an_ascii_locale_draws_the_screen_in_utf8(monkeypatch):
    drawn = _run_under(monkeypatch, "ascii")  # LC_ALL=C with PYTHONUTF8=0
    assert drawn.startswith(DRAWN.encode("utf-8")), drawn[:60]
    assert b"\\u" not in drawn


def test_the_served_app_keeps_its_streams(monkeypatch):
    """textual-serve's app processes write bytes of their own on stdout; stderr is left as it is."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    monkeypatch.setattr(sys, "__stderr__", stream)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    launch.utf8_screen()
    assert stream.encoding == "latin-1"
