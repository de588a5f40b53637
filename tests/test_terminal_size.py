"""The TUI measures the terminal it draws on (stderr): an exported COLUMNS/LINES, or stdout sent
to a file, made Textual draw a screen of another size (200 columns in an 80x24 terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import sys
import termios
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.drivers.linux_driver import LinuxDriver

import tui.app
from tui import launch


@pytest.fixture
def terminal_100x30(monkeypatch):
    """stderr on a pty of 100x30; stdout not a terminal; COLUMNS/LINES saying 200x60."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    stream = os.fdopen(child_fd, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "__stderr__", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LINES", "60")
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    yield stream
    stream.close()
    os.close(main_fd)


class _MeasuringApp:
    """Stands in for TextauditApp: the size its driver would give Textual."""

    def __init__(self, **kwargs) -> None:
        self.book = None
        self.audit_error = None
        self.return_code = 0
        self.stages_done, self.cancelled_kept, self.options = [], 0, SimpleNamespace(use_cache=True)
        self.driver_class = LinuxDriver  # what Textual picks on Linux and macOS
        self.measured = None

    def run(self) -> None:
        driver = object.__new__(self.driver_class)  # its __init__ wants a running loop and signals
        driver._file = sys.__stderr__
        self.measured = driver._get_terminal_size()


def test_the_tui_measures_the_terminal_it_draws_on(monkeypatch, terminal_100x30):
    apps = []
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    monkeypatch.setattr(tui.app, "TextauditApp", lambda **kw: apps.append(_MeasuringApp(**kw)) or apps[-1])
    launch.run_app("d.csv", options=None, journal_path=Path("d.corrections.jsonl"))
    assert apps[0].measured == (100, 30)


def test_a_served_app_keeps_its_driver():
    from textual.drivers.web_driver import WebDriver

    from tui.terminal_size import terminal_driver

    assert terminal_driver(WebDriver) is WebDriver



class _WindowsApp:
    """Stands in for TextauditApp on Windows: the driver class it runs with."""

    def __init__(self, **kwargs) -> None:
        self.book, self.audit_error, self.return_code = None, None, 0
        self.stages_done, self.cancelled_kept, self.options = [], 0, SimpleNamespace(use_cache=True)
        self.driver_class = type("WindowsDriver", (), {})  # what Textual picks on Windows
        self.picked = self.driver_class
        self.ran_with = None

    def run(self) -> None:
        self.ran_with = self.driver_class


def test_on_windows_textual_keeps_its_own_driver(monkeypatch):
    """Windows has no termios, which Textual's Linux driver imports: importing it to measure the
    terminal ended 'browse' and 'demo' there in 'No module named termios'."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "termios", None)  # import termios fails, as on Windows
    for name in ("textual.drivers.linux_driver", "tui.terminal_size"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    apps = []
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    monkeypatch.setattr(tui.app, "TextauditApp", lambda **kw: apps.append(_WindowsApp(**kw)) or apps[-1])
    launch.run_app("d.csv", options=None, journal_path=Path("d.corrections.jsonl"))
    assert apps[0].ran_with is apps[0].picked
